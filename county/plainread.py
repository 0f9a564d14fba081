"""Reading a current county database through its DB-API driver, without SQLAlchemy.

For the command line's listings (county/plain_lists.py): SQLAlchemy and the
ORM models take longer to import (~0.2 s) than such a command may take to
start. A database is read this way only when it is already at the newest
migration and its catalogue is stocked, i.e. when opening it through
county.db would change nothing; otherwise the caller opens it through
county.db once (which migrates it) and reads it then.

SQLite files are opened read-only with sqlite3, and only when no one but the
owner may read them (county.db tightens one that others may read); ``postgresql+psycopg`` URLs
with psycopg, in autocommit. Any other URL (another driver, an in-memory
database) is left to SQLAlchemy: :func:`open_plain` returns None for it.
Values come back as SQLAlchemy's column types would return them: timestamps
timezone-aware UTC (kiosk.sqltypes.UTCDateTime), dates as ``date``, booleans
as ``bool``.
"""

from __future__ import annotations

import re
import sqlite3
import stat
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from county.db_light import MIGRATIONS, scripts_head

__all__ = ["PlainDb", "day", "flag", "open_plain", "utc"]

_SQLITE_BUSY_S = 15.0
_PARAM = re.compile(r"(?<![:\w]):(\w+)")


class PlainDb:
    """One read-only DB-API connection; :meth:`rows` takes SQL with ``:name`` parameters."""

    def __init__(self, conn: Any, dialect: str) -> None:
        self._conn = conn
        self.dialect = dialect

    def rows(self, sql: str, params: Mapping[str, object] | None = None) -> list[dict[str, Any]]:
        """The rows of ``sql`` as dicts by column name."""
        if self.dialect == "postgresql":
            sql = _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))
        cur = self._conn.cursor()
        try:
            cur.execute(sql, dict(params or {}))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        finally:
            cur.close()

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def is_current(self) -> bool:
        """At the scripts' head migration, with the catalogue stocked."""
        head = scripts_head(MIGRATIONS / "versions")
        try:
            versions = self.rows("SELECT version_num FROM alembic_version")
            stocked = self.rows("SELECT 1 AS one FROM benefit_item LIMIT 1")
        except Exception as exc:  # either driver's error (no such table) is "not current"
            if not _driver_error(exc):
                raise
            return False
        return head is not None and [str(r["version_num"]) for r in versions] == [head] \
            and bool(stocked)


def _driver_error(exc: Exception) -> bool:
    if isinstance(exc, sqlite3.Error):
        return True
    return type(exc).__module__.startswith("psycopg")


def _sqlite_path(url: str) -> Path | None:
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            rest = url[len(prefix):]
            if not rest or rest == ":memory:" or "?" in rest or rest.startswith("file:"):
                return None
            return Path(rest)
    return None


def open_plain(url: str) -> PlainDb | None:
    """A :class:`PlainDb` on ``url`` if it is current (:meth:`PlainDb.is_current`), else None;
    None too for a URL this module does not read, or a database it cannot open (the caller
    opens it through county.db, which migrates it or says what is wrong)."""
    db = _connect(url)
    if db is None:
        return None
    try:
        if db.is_current():
            return db
    except BaseException:
        db.close()
        raise
    db.close()
    return None


def _connect(url: str) -> PlainDb | None:
    path = _sqlite_path(url)
    if path is not None:
        if not path.is_file():
            return None
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            # Readable by others: county.db tightens it (kiosk.sqlite.private_database_file)
            # when the caller opens it that way; read plainly only an owner-only file.
            return None
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=_SQLITE_BUSY_S)
        except sqlite3.Error:
            return None
        return PlainDb(conn, "sqlite")
    if url.startswith("postgresql+psycopg://"):
        import psycopg

        try:
            pg = psycopg.connect("postgresql://" + url[len("postgresql+psycopg://"):],
                                   autocommit=True)
        except psycopg.Error:
            return None
        return PlainDb(pg, "postgresql")
    return None


def utc(value: datetime | str | None) -> datetime | None:
    """A timestamp column's value, timezone-aware UTC (as kiosk.sqltypes.UTCDateTime)."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC)


def day(value: date | str | None) -> date | None:
    """A date column's value."""
    if value is None:
        return None
    return date.fromisoformat(value) if isinstance(value, str) else value


def flag(value: object) -> bool:
    """A boolean column's value (SQLite stores 0/1)."""
    return bool(value)
