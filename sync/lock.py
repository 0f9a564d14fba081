"""One sync cycle at a time per cache: an advisory lock file next to the database.

The loop daemon holds it while it works and lets go while it sleeps, so the
clerk's "sync now" (`kiosk syncd --once` while the service runs) waits for
the current cycle instead of paging or staging a snapshot alongside it. The
kernel drops the lock when its holder dies (kill -9 included).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sync.errors import SyncError

__all__ = ["cycle_lock", "lock_path_for"]


def lock_path_for(db_path: Path) -> Path:
    """The lock file of the cache at ``db_path``."""
    return db_path.with_name(db_path.name + ".syncd.lock")


@contextmanager
def cycle_lock(db_path: Path, *, wait_s: float) -> Iterator[None]:
    """Hold the cycle lock; wait up to ``wait_s`` seconds for it.

    Raises SyncError ``sync.busy`` if another process keeps it longer.
    """
    fd = os.open(lock_path_for(db_path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise SyncError(f"another kiosk syncd kept {db_path} busy for {wait_s:.0f} s",
                                    code="sync.busy") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
