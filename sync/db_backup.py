"""Back up and restore the kiosk's SQLite file with SQLite's online backup API.

The UI and syncd may have the database open (WAL) while this runs: the
backup API copies a consistent snapshot page by page and takes the locks it
needs, so nobody has to be stopped first. Runs on the caller's thread.

Restoring the pre-update backup would throw away what villagers did since
it was taken — above all complaints filed on the new version during the
health wait. :func:`carry_over` puts those rows back: synced tables need no
rescue (the restored cursor fetches them again), the UI's own writes do.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

__all__ = ["CarryOverError", "backup_database", "carry_over", "restore_database"]

#: How long a copy waits for another process's write lock (seconds).
BUSY_TIMEOUT_S = 60.0

#: Tables only the kiosk itself writes: complaints, matched by idempotency key
#: (kept with their id and ticket number, which the villager holds on paper);
#: usage counters and device states, where the abandoned (newer) copy wins.
_COMPLAINT_KEY = "idempotency_key"
_NEWER_WINS = ("event", "device_status")


class CarryOverError(Exception):
    """Rows of the abandoned database could not be put into the restored one."""


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


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f'PRAGMA "{schema}".table_info("{table}")')]


def carry_over(abandoned: Path, db: Path) -> int:
    """Copy into ``db`` the complaints of ``abandoned`` that ``db`` lacks, and
    the newer usage counters and device states; return the complaints added.

    ``abandoned`` is the database as the reverted version left it (possibly a
    newer schema); only columns both schemas have are copied. All in one
    transaction. Raises :class:`CarryOverError` when a row does not fit the
    restored schema — the caller must then keep ``abandoned`` for IT staff.
    """
    conn = sqlite3.connect(f"file:{db}", uri=True, timeout=BUSY_TIMEOUT_S,
                           isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS gone", (f"file:{abandoned}?mode=ro",))
        conn.execute("BEGIN IMMEDIATE")
        try:
            added = 0
            common = [c for c in _columns(conn, "main", "complaint")
                      if c in _columns(conn, "gone", "complaint")]
            if _COMPLAINT_KEY in common:
                cols = ", ".join(f'"{c}"' for c in common)
                added = conn.execute(
                    f"INSERT INTO main.complaint ({cols}) SELECT {cols} FROM gone.complaint "
                    f"WHERE {_COMPLAINT_KEY} NOT IN (SELECT {_COMPLAINT_KEY} FROM main.complaint)"
                ).rowcount
            for table in _NEWER_WINS:
                common = [c for c in _columns(conn, "main", table)
                          if c in _columns(conn, "gone", table)]
                if common:
                    cols = ", ".join(f'"{c}"' for c in common)
                    conn.execute(f"INSERT OR REPLACE INTO main.{table} ({cols}) "
                                 f"SELECT {cols} FROM gone.{table}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise CarryOverError(f"rows of {abandoned} do not fit {db}: {exc}") from exc
        conn.execute("DETACH DATABASE gone")
        return max(added, 0)
    finally:
        conn.close()
