"""Back up and restore the kiosk's SQLite file with SQLite's online backup API.

The UI and syncd may have the database open (WAL) while this runs: the
backup API copies a consistent snapshot page by page and takes the locks it
needs, so nobody has to be stopped first. Runs on the caller's thread.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

__all__ = ["backup_database", "restore_database"]

#: How long a copy waits for another process's write lock (seconds).
BUSY_TIMEOUT_S = 60.0


def _copy(source: Path, dest: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        dst = sqlite3.connect(dest, timeout=BUSY_TIMEOUT_S)
        try:
            src.backup(dst)
            dst.commit()
        finally:
            dst.close()
    finally:
        src.close()


def backup_database(db: Path, backup: Path) -> None:
    """Copy ``db`` into ``backup`` (replaced atomically once complete).

    Raises ``sqlite3.Error`` or ``OSError``.
    """
    backup.parent.mkdir(parents=True, exist_ok=True)
    partial = backup.with_name(backup.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    _copy(db, partial)
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, backup)


def restore_database(backup: Path, db: Path) -> None:
    """Overwrite the live ``db`` with the contents of ``backup`` (online, in one go).

    Other connections see the restored data on their next read. Raises
    ``sqlite3.Error`` or ``OSError``.
    """
    _copy(backup, db)
