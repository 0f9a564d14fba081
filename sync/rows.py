"""Synced records as storage tuples, and the SQL to write them in bulk.

The daemon writes hundreds of thousands of rows at a time; building them
through SQLAlchemy's per-value bind processing costs more than SQLite's own
insert. So records become plain tuples here, in exactly the storage format
SQLAlchemy's SQLite types use (``Date`` → ``YYYY-MM-DD``, the cache's
``UTCDateTime`` → naive UTC ``YYYY-MM-DD HH:MM:SS.ffffff``, bool → 0/1), and
go to the DBAPI's ``executemany``. Reading them back through the models
gives the same values (tests compare row sets through the models).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Boolean, Date, Table

from kiosk.store.models import UTCDateTime

__all__ = ["TableWriter"]


# Records of one import share their timestamps and dates: cache the conversions.
@lru_cache(maxsize=4096)
def _stamp(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime in a synced record")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


@lru_cache(maxsize=4096)
def _day(value: date) -> str:
    return value.isoformat()


def _flag(value: bool) -> int:
    return int(value)


def _same(value: Any) -> Any:
    return value


def _converter(column_type: object) -> Callable[[Any], Any]:
    if isinstance(column_type, UTCDateTime):
        return _stamp
    if isinstance(column_type, Date):
        return _day
    if isinstance(column_type, Boolean):
        return _flag
    return _same


class TableWriter:
    """Turns records (objects with the table's column names as attributes) into tuples."""

    def __init__(self, table: Table, *, schema: str = "main") -> None:
        self.table = table
        self.columns = [c.name for c in table.columns]
        # One C-level attrgetter for all columns, then convert only the few that need it:
        # this runs once per record of a million-row snapshot.
        self._get = operator.attrgetter(*self.columns)
        self._special = [(i, conv) for i, conv in enumerate(_converter(c.type)
                                                             for c in table.columns)
                         if conv is not _same]
        names = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        target = f'{schema}."{table.name}"'
        self.insert_or_replace = f"INSERT OR REPLACE INTO {target} ({names}) VALUES ({marks})"
        pk = [c.name for c in table.primary_key.columns]
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in self.columns if c not in pk)
        self.upsert = (f"INSERT INTO {target} ({names}) VALUES ({marks}) "
                       f"ON CONFLICT ({', '.join(pk)}) DO UPDATE SET {updates}")

    def row(self, record: object) -> tuple[Any, ...]:
        """The storage tuple of ``record``; None stays NULL."""
        values = list(self._get(record))
        for index, convert in self._special:
            if values[index] is not None:
                values[index] = convert(values[index])
        return tuple(values)
