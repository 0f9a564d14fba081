"""One SQLite connection setup for the terminal's cache and the county's SQLite database.

Every connection gets the same PRAGMAs: ``busy_timeout`` (a second process —
the sync daemon beside the kiosk UI, a CLI command beside the county server —
waits for the lock instead of failing), ``journal_mode = WAL`` (readers never
block the writer), ``foreign_keys = ON`` and ``synchronous`` (NORMAL: safe
against corruption in WAL mode; a write that must survive a power cut asks for
FULL itself, see :func:`kiosk.store.engine.write_connection`).

pysqlite's own transaction handling is switched off and SQLAlchemy's ``begin``
emits ``BEGIN`` itself: that makes SAVEPOINTs and transactional DDL work, and
lets writers ask for ``BEGIN IMMEDIATE`` with the execution option
``sqlite_begin="IMMEDIATE"`` so that a read-then-write transaction waits for
the lock instead of failing midway with "database is locked".

Both databases hold personal data: :func:`private_database_file` creates the
file owner-only (0600) before SQLite does, and SQLite gives its WAL and
shared-memory files the database file's mode.

SQLAlchemy and the standard library only, no tables: the county shares this
module (tests/test_layering.py).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, event

__all__ = ["Synchronous", "configure_sqlite", "private_database_file"]

log = logging.getLogger(__name__)

Synchronous = Literal["OFF", "NORMAL", "FULL"]


def configure_sqlite(engine: Engine, *, busy_timeout_ms: int,
                     synchronous: Synchronous = "NORMAL") -> Engine:
    """Give every connection ``engine`` opens the PRAGMAs above; returns ``engine``.

    ``busy_timeout_ms`` in milliseconds. Call once, right after
    ``create_engine`` and before the first connection; does no I/O itself.
    """
    timeout = int(busy_timeout_ms)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {timeout}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def private_database_file(path: Path) -> None:
    """Make sure the SQLite file at ``path`` is readable by its owner only.

    A missing file is created empty (a valid new database) with mode 0600,
    without following a symlink planted in its place; an existing one that
    this user owns loses any group and other bits. SQLite copies the database
    file's mode to its ``-wal`` and ``-shm`` files. Raises ``OSError`` if the
    file cannot be created.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        info = os.stat(path)
        if info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)
            log.info("event=db_mode_tightened path=%s was=%o", path,
                        stat.S_IMODE(info.st_mode))
        return
    os.close(fd)
