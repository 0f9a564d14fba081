"""The cache file opened read-only with the standard library, for commands that must start fast.

`kiosk sync status` is what the updater's health checks, scripts and clerks
run; SQLAlchemy and the store's models alone take ~0.2 s to import. A read of
a few rows needs neither: this module opens the SQLite file with a read-only
URI (``mode=ro``, so a status check never creates, migrates or writes the
cache) and checks its schema revision the way :mod:`kiosk.store.schema` does.

Standard library only: importing it loads no SQLAlchemy (a test checks).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from kiosk.errors import KioskError

__all__ = ["HEAD_REVISION", "CacheFileError", "ReadOnlyCache", "StoreStats", "open_readonly",
           "read_store_stats", "utc_column"]

#: The newest revision in kiosk/store/migrations/versions (tests/test_store.py checks it
#: against Alembic's head). Every start of `kiosk` opens the store: one already at this
#: revision is opened without loading Alembic and the migration scripts (~0.1 s).
HEAD_REVISION = "0304"


class CacheFileError(KioskError):
    """The cache cannot be read: missing, not a database, or not at :data:`HEAD_REVISION`.

    The same condition and wording as :class:`kiosk.store.StoreUnavailableError`.
    """

    code = "store.unavailable"


def open_readonly(path: Path, *, busy_timeout_ms: int = 5000) -> sqlite3.Connection:
    """A read-only connection to the cache at ``path`` whose schema is current.

    Raises :class:`CacheFileError` (never creating the file) if it does not
    exist, is not a SQLite database, or is not at :data:`HEAD_REVISION`.
    The caller closes the connection.
    """
    if not path.is_file():
        raise CacheFileError(f"database {path} is not at schema {HEAD_REVISION}: "
                             "run `kiosk db upgrade`")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout_ms / 1000)
    try:
        try:
            has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                     "AND name = 'alembic_version'").fetchone()
            rows = conn.execute("SELECT version_num FROM alembic_version").fetchall() \
                if has_table else []
        except sqlite3.DatabaseError as exc:
            raise CacheFileError(f"cannot read database {path}: {exc}") from exc
        if [str(r[0]) for r in rows] != [HEAD_REVISION]:
            raise CacheFileError(f"database {path} is not at schema {HEAD_REVISION}: "
                                 "run `kiosk db upgrade`")
    except BaseException:
        conn.close()
        raise
    return conn


@dataclass(frozen=True)
class ReadOnlyCache:
    """Read-only connections to a current cache, for :class:`kiosk.lookup.BenefitLookup`
    in place of an engine (`kiosk lookup` then needs no SQLAlchemy)."""

    path: Path
    busy_timeout_ms: int = 5000

    def raw_connection(self) -> sqlite3.Connection:
        """A new read-only connection in autocommit mode; raises :class:`CacheFileError`."""
        conn = open_readonly(self.path, busy_timeout_ms=self.busy_timeout_ms)
        conn.isolation_level = None
        return conn


def utc_column(value: str | None) -> datetime | None:
    """A timestamp column (naive UTC text, as kiosk.sqltypes.UTCDateTime stores it), aware."""
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


@dataclass(frozen=True)
class StoreStats:
    """A snapshot of the cache's size and sync position."""

    path: str
    schema_revision: str | None
    file_bytes: int
    wal_bytes: int
    rows: dict[str, int]
    cursor: str | None
    data_as_of: datetime | None
    last_success_at: datetime | None
    outbox_pending: int

    def to_json(self) -> dict[str, object]:
        """Plain JSON-able dict (``kiosk db stats --json``)."""
        return {
            "path": self.path,
            "schema_revision": self.schema_revision,
            "file_bytes": self.file_bytes,
            "wal_bytes": self.wal_bytes,
            "rows": self.rows,
            "cursor": self.cursor,
            "data_as_of": self.data_as_of.isoformat() if self.data_as_of else None,
            "last_success_at": self.last_success_at.isoformat() if self.last_success_at else None,
            "outbox_pending": self.outbox_pending,
        }


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def read_store_stats(path: Path, *, busy_timeout_ms: int = 5000) -> StoreStats:
    """Count rows per table and read the sync state (`kiosk db stats`), in one read-only
    transaction. The tables are the schema's (at :data:`HEAD_REVISION` they are the
    models'; tests/test_store.py checks), without Alembic's bookkeeping table.

    Raises :class:`CacheFileError` as :func:`open_readonly` does.
    """
    conn = open_readonly(path, busy_timeout_ms=busy_timeout_ms)
    try:
        conn.execute("BEGIN")
        names = [str(r[0]) for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")]
        rows = {name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
                for name in names}
        state = conn.execute("SELECT cursor, data_as_of, last_success_at FROM sync_state "
                             "WHERE id = 1").fetchone()
        pending = conn.execute("SELECT count(*) FROM complaint WHERE delivery = 'pending'"
                               ).fetchone()[0]
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        raise CacheFileError(f"cannot read database {path}: {exc}") from exc
    finally:
        conn.close()
    cursor, data_as_of, success = state if state is not None else (None, None, None)
    return StoreStats(
        path=str(path), schema_revision=HEAD_REVISION, file_bytes=_size(path),
        wal_bytes=_size(path.with_name(path.name + "-wal")), rows=rows, cursor=cursor,
        data_as_of=utc_column(data_as_of), last_success_at=utc_column(success),
        outbox_pending=int(pending))
