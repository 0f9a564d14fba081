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
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

__all__ = ["HEAD_REVISION", "CacheFileError", "open_readonly", "utc_column"]

#: The newest revision in kiosk/store/migrations/versions (tests/test_store.py checks it
#: against Alembic's head). Every start of `kiosk` opens the store: one already at this
#: revision is opened without loading Alembic and the migration scripts (~0.1 s).
HEAD_REVISION = "0003"


class CacheFileError(Exception):
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


def utc_column(value: str | None) -> datetime | None:
    """A timestamp column (naive UTC text, as kiosk.sqltypes.UTCDateTime stores it), aware."""
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)
