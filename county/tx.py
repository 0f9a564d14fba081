"""Write transactions that work the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

__all__ = ["writing"]


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed on normal exit, rolled back on error.

    On SQLite the transaction starts with ``BEGIN IMMEDIATE``: a read-then-
    write transaction that began as a plain read could not upgrade its lock
    once another writer committed (SQLITE_BUSY without waiting); taking the
    write lock first makes it wait for the busy timeout instead. Reads use
    plain ``engine.connect()`` and do not block each other.
    """
    with engine.connect() as conn, conn.execution_options(sqlite_begin="IMMEDIATE").begin():
        yield conn
