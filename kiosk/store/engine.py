"""Opening the SQLite cache: WAL, busy timeout, foreign keys, explicit BEGIN.

Two processes share the file (the kiosk UI and the sync daemon), so every
connection runs in WAL mode with a busy timeout: the PRAGMAs and the explicit
``BEGIN`` are set up by :func:`kiosk.sqlite.configure_sqlite`, the same function
the county's SQLite engine uses. Writers ask for ``BEGIN IMMEDIATE`` (see
:func:`write_connection`) so that a read-then-write transaction waits for the
lock instead of failing with "database is locked".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine

from kiosk.sqlite import Synchronous, configure_sqlite

__all__ = ["Synchronous", "create_sqlite_engine", "write_connection"]


def create_sqlite_engine(path: Path, *, busy_timeout_ms: int = 5000,
                         synchronous: Synchronous = "NORMAL") -> Engine:
    """An engine on the SQLite file at ``path`` with the cache's PRAGMAs.

    ``synchronous`` applies to every connection; NORMAL is safe against
    corruption in WAL mode but may lose the last commits on power loss, so
    writes that must survive a power cut (the complaint outbox) use
    :func:`write_connection` with ``durable=True``.
    Does no I/O until the first connection is made.
    """
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": busy_timeout_ms / 1000})
    return configure_sqlite(engine, busy_timeout_ms=busy_timeout_ms, synchronous=synchronous)


@contextmanager
def write_connection(engine: Engine, *, durable: bool = False) -> Iterator[Connection]:
    """A connection inside a ``BEGIN IMMEDIATE`` transaction, committed on exit.

    ``durable=True`` sets ``synchronous=FULL`` for this transaction so that
    the commit is on disk (WAL fsync'd) before this returns — a villager who
    was told "filed" must not lose the complaint to a power cut.
    Raises ``sqlalchemy.exc.OperationalError`` if the lock cannot be had
    within the busy timeout.
    """
    with engine.connect() as conn:
        # PRAGMA synchronous cannot change inside a transaction, and any
        # statement through SQLAlchemy would autobegin one: go to the driver.
        raw = conn.connection.driver_connection
        assert raw is not None
        previous: int | None = None
        if durable:
            previous = int(raw.execute("PRAGMA synchronous").fetchone()[0])
            raw.execute("PRAGMA synchronous = FULL")
        try:
            with conn.execution_options(sqlite_begin="IMMEDIATE").begin():
                yield conn
        finally:
            if previous is not None:
                raw.execute(f"PRAGMA synchronous = {previous}")
