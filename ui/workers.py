"""Worker threads of the kiosk window: started in one place, joined before teardown.

Jobs that may block (printing, printer probes, a sync run) run off the GUI
thread and hand their result back through a queued signal. Two things go
wrong if the window is torn down while such a thread still runs: the thread
emits on a deleted QObject, and — worse — Python's cyclic garbage collector,
run on that thread because it allocates, frees leftover Qt objects of the
old window there; Qt then cannot unregister their timers from the GUI thread
and the next timer event crashes the process. So every worker is started
here, and :func:`join_workers` waits for them before anything is destroyed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

__all__ = ["join_workers", "start_worker"]

log = logging.getLogger(__name__)

_lock = threading.Lock()
_live: set[threading.Thread] = set()


def start_worker(name: str, work: Callable[[], None]) -> threading.Thread:
    """Run ``work`` on a new daemon thread called ``name``; tracked until it ends."""

    def run() -> None:
        try:
            work()
        finally:
            with _lock:
                _live.discard(threading.current_thread())

    thread = threading.Thread(target=run, name=name, daemon=True)
    with _lock:
        _live.add(thread)
    thread.start()
    return thread


def join_workers(timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for every worker; True if none is left running."""
    deadline = time.monotonic() + timeout
    with _lock:
        threads = list(_live)
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            log.warning("worker %s still running at shutdown", thread.name)
            return False
    return True
