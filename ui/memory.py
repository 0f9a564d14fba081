"""Giving memory back after a burst of short-lived allocations (kiosk memory, issue 21).

A print job loads the receipt fonts and their character maps (~30 MB) and drops
them when it ends; fontTools' tables hold reference cycles, and freed heap stays
in the process unless it is handed back. No Qt here: ui/printing.py, which
``kiosk print`` imports too, calls it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

__all__ = ["release_memory"]


def _malloc_trim() -> None:
    """glibc's ``malloc_trim(0)``: return free heap pages to the system (no-op elsewhere)."""
    name = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    if trim is not None:
        trim(0)


def release_memory() -> int:
    """Collect all garbage and give free heap back to the system; the objects freed.

    In the kiosk, GUI thread only: a collection may free Qt objects, which must
    happen on their own thread (ui/gc_guard.py). Takes a few tens of
    milliseconds: call it after a job, not per frame.
    """
    freed = gc.collect()
    _malloc_trim()
    return freed
