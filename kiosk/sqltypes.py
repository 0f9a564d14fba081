"""Column types shared by the terminal cache and the county database.

No I/O and no tables: the county may import this module (the layering test
allows it) so that both ends store time the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, TypeDecorator
from sqlalchemy.engine import Dialect

from kiosk import clock

__all__ = ["UTCDateTime", "utcnow"]


def utcnow() -> datetime:
    """Now, timezone-aware UTC (the default for every timestamp column)."""
    return clock.now()


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and read back timezone-aware.

    SQLite has no time zone type and PostgreSQL's ``timestamp`` drops it:
    naive values would silently be read as local time on a machine whose
    clock is set to Asia/Shanghai. Naive input is refused.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)
