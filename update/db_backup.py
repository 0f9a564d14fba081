"""Back up the kiosk's SQLite file before an update, and put it back if the update fails.

The UI and syncd may have the database open (WAL) while this runs: the
backup uses SQLite's online backup API (a consistent snapshot, page by
page), and the revert works inside one write transaction on the live file,
so nobody has to be stopped first. Runs on the caller's thread.

Restoring the pre-update backup would throw away what villagers did since
it was taken — above all complaints filed on the new version during the
health wait. :func:`revert_database` carries those rows over: synced tables
need no rescue (the restored cursor fetches them again), the UI's own
writes do.
"""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.files import atomic_file

__all__ = ["Reverted", "backup_database", "revert_database"]

#: How long a copy waits for another process's write lock (seconds).
BUSY_TIMEOUT_S = 60.0

#: Tables only the kiosk itself writes: complaints, matched by idempotency key
#: (kept with their id and ticket number, which the villager holds on paper);
#: usage counters and device states, where the abandoned (newer) copy wins.
_COMPLAINT = "complaint"
_COMPLAINT_KEY = "idempotency_key"
_NEWER_WINS = ("event", "device_status")


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
    # The copy keeps the source's permissions (a database of personal data stays
    # as closed as it was); `recover` removes a .part left by a power cut.
    mode = stat.S_IMODE(db.stat().st_mode)
    with atomic_file(backup, mode=mode, temp=backup.with_name(backup.name + ".part")) as part:
        _copy(db, part)


@dataclass(frozen=True)
class Reverted:
    """What :func:`revert_database` did: complaints carried over, or why they did not fit."""

    carried: int
    #: Why the abandoned rows did not fit the restored schema (then nothing of
    #: them was carried and the caller keeps ``set_aside`` for IT staff), or None.
    misfit: str | None


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f'PRAGMA "{schema}".table_info("{table}")')]


def _objects(conn: sqlite3.Connection, schema: str) -> list[tuple[str, str, str | None]]:
    """(type, name, sql) of a schema's own objects, tables first, in creation order."""
    return [(str(t), str(n), sql) for t, n, sql in conn.execute(
        f"SELECT type, name, sql FROM {schema}.sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid")]


def revert_database(backup: Path, db: Path, *, set_aside: Path,
                    checkpoint: Callable[[str], None] = lambda _step: None) -> Reverted:
    """Put the pre-update ``backup`` back into the live ``db``, keeping what villagers did.

    The kiosk's own rows of the live database — complaints (matched by
    idempotency key, with the id and ticket number the villager holds), usage
    counters and device states (the live ones win) — are carried into the
    restored one; synced tables need no rescue (the restored cursor fetches
    them again). Only columns both schemas have are copied.

    All of it happens under one write transaction on the live file: from the
    moment the live rows are read until the restored data is committed, no
    other process can commit a complaint that would then be lost, and a
    crash or power cut leaves the live database as it was (a rerun simply
    does it again). ``set_aside`` receives a full copy of the live database
    taken under that lock, for IT staff: it is deleted by the caller when
    the carry-over fit (``misfit`` is None). ``checkpoint`` is called with
    ``set_aside``, ``restored`` and ``carried_over``. Raises
    ``sqlite3.Error`` or ``OSError``; nothing is changed then.
    """
    conn = sqlite3.connect(f"file:{db}", uri=True, timeout=BUSY_TIMEOUT_S,
                           isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS bk", (f"file:{backup}?mode=ro",))
        conn.execute("BEGIN IMMEDIATE")  # other writers wait (busy timeout) until COMMIT
        try:
            # A second connection may read (WAL): it sees exactly what is committed,
            # and nobody can commit more while we hold the write lock.
            backup_database(db, set_aside)
            checkpoint("set_aside")
            for table in (_COMPLAINT, *_NEWER_WINS):
                conn.execute(f'CREATE TEMP TABLE "gone_{table}" AS SELECT * FROM main."{table}"'
                             if table in _tables(conn, "main") else
                             f'CREATE TEMP TABLE "gone_{table}" (_absent INTEGER)')
            _replace_main(conn)
            checkpoint("restored")
            conn.execute("SAVEPOINT carry")
            try:
                carried, misfit = _carry(conn), None
                conn.execute("RELEASE carry")
            except sqlite3.Error as exc:
                conn.execute("ROLLBACK TO carry")
                conn.execute("RELEASE carry")
                carried, misfit = 0, f"rows of {set_aside} do not fit {db}: {exc}"
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        checkpoint("carried_over")
        conn.execute("DETACH DATABASE bk")
        return Reverted(carried, misfit)
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection, schema: str) -> set[str]:
    return {name for kind, name, _sql in _objects(conn, schema) if kind == "table"}


def _replace_main(conn: sqlite3.Connection) -> None:
    """Make ``main`` (in the caller's transaction) what ``bk`` is: schema and rows."""
    live = _objects(conn, "main")
    for kind, name, _sql in reversed(live):  # views and triggers before their tables
        if kind in ("view", "trigger", "table"):
            conn.execute(f'DROP {kind.upper()} IF EXISTS main."{name}"')
    restored = _objects(conn, "bk")
    for _kind, _name, sql in restored:
        if sql:  # None: an index SQLite made itself for a UNIQUE or PRIMARY KEY
            conn.execute(sql)
    for kind, name, _sql in restored:
        if kind == "table":
            conn.execute(f'INSERT INTO main."{name}" SELECT * FROM bk."{name}"')
    if conn.execute("SELECT 1 FROM bk.sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        # AUTOINCREMENT counters: the restored tables must not hand out ids again.
        conn.execute("DELETE FROM main.sqlite_sequence")
        conn.execute("INSERT INTO main.sqlite_sequence SELECT * FROM bk.sqlite_sequence")


def _carry(conn: sqlite3.Connection) -> int:
    """Copy the stashed live rows (``temp.gone_*``) into the restored tables; complaints added."""
    added = 0
    restored = _tables(conn, "main")
    if _COMPLAINT in restored:
        common = [c for c in _columns(conn, "main", _COMPLAINT)
                  if c in _columns(conn, "temp", f"gone_{_COMPLAINT}")]
        if _COMPLAINT_KEY in common:
            cols = ", ".join(f'"{c}"' for c in common)
            added = conn.execute(
                f'INSERT INTO main."{_COMPLAINT}" ({cols}) SELECT {cols} '
                f'FROM temp."gone_{_COMPLAINT}" WHERE {_COMPLAINT_KEY} NOT IN '
                f'(SELECT {_COMPLAINT_KEY} FROM main."{_COMPLAINT}")').rowcount
    for table in _NEWER_WINS:
        if table not in restored:
            continue
        common = [c for c in _columns(conn, "main", table)
                  if c in _columns(conn, "temp", f"gone_{table}")]
        if common:
            cols = ", ".join(f'"{c}"' for c in common)
            conn.execute(f'INSERT OR REPLACE INTO main."{table}" ({cols}) '
                         f'SELECT {cols} FROM temp."gone_{table}"')
    return max(added, 0)
