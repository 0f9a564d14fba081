"""Benefit lookup: everything paid to a person, from the local cache.

Given the ID number read from a card, return the holder's personal payments
plus the household items (低保, 危房改造 …) of their household, grouped by year
with totals. The ID number is hashed with the terminal's lookup key before it
touches the database and is never stored or logged.

The query runs on one dedicated read connection in autocommit mode: a lookup
is a single SQL statement (consistent on its own under WAL), and skipping the
pool and transaction bookkeeping keeps a lookup close to the raw query's
speed (tests/bench/bench_lookup.py).
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol, cast

from kiosk.identity import id_hash, mask_id, validate_id
from kiosk.person_key import PersonKdf, derive_person_key

__all__ = [
    "STATUS_LABELS_ZH",
    "BenefitLookup",
    "ItemTotal",
    "LookupResult",
    "PaymentLine",
    "YearSummary",
]

_STATUSES = ("paid", "pending", "returned")
#: How a payment's status is written for villagers (screen, receipt, CLI).
STATUS_LABELS_ZH = {"paid": "已发放", "pending": "待发放", "returned": "被退回"}

# Personal rows, then the household-scope rows of the holder's household paid
# to another member, in display order (year newest first, item, date). The
# header columns (household, data-as-of) are constant subqueries, evaluated
# once per statement: one round trip per lookup.
_HEADER = """(SELECT household_id FROM household_member WHERE id_hash = :h),
       (SELECT data_as_of FROM sync_state WHERE id = 1)"""
_SQL = f"""
SELECT p.id, p.item_code, coalesce(b.name, p.item_code), p.period, p.amount_fen, p.paid_on,
       p.status, p.department, p.fund_source, coalesce(b.scope = 'household', 0), {_HEADER},
       substr(p.paid_on, 1, 4)
FROM payment AS p LEFT JOIN benefit_item AS b ON b.code = p.item_code
WHERE p.id_hash = :h
UNION ALL
SELECT p.id, p.item_code, b.name, p.period, p.amount_fen, p.paid_on,
       p.status, p.department, p.fund_source, 1, {_HEADER}, substr(p.paid_on, 1, 4)
FROM payment AS p JOIN benefit_item AS b ON b.code = p.item_code AND b.scope = 'household'
WHERE p.household_id = (SELECT household_id FROM household_member WHERE id_hash = :h)
  AND p.id_hash != :h
ORDER BY 13 DESC, 2, 6, 1
"""
_HEADER_SQL = f"SELECT {_HEADER}"


@dataclass(frozen=True)
class PaymentLine:
    """One payment as the villager sees it."""

    payment_id: int
    item_code: str
    item_name: str
    period: str
    amount_fen: int
    paid_on: date
    status: str
    department: str
    fund_source: str
    household: bool
    """True for household items (paid to the household, shown to every member)."""


@dataclass(frozen=True)
class ItemTotal:
    """Sum of one item's paid amounts within a year."""

    item_code: str
    item_name: str
    total_fen: int
    count: int


@dataclass(frozen=True)
class YearSummary:
    """One year's payments (by item, then date) and totals per status."""

    year: int
    total_fen: int
    """Sum of the ``paid`` rows: what actually reached the holder."""
    pending_fen: int
    returned_fen: int
    items: tuple[ItemTotal, ...]
    payments: tuple[PaymentLine, ...]


@dataclass(frozen=True)
class LookupResult:
    """What the "my benefits" screen shows for one card holder."""

    masked_id: str
    household_id: str | None
    as_of: datetime | None
    years: tuple[YearSummary, ...]

    @property
    def found(self) -> bool:
        """True if any payment was found."""
        return bool(self.years)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of ``kiosk lookup --json`` (docs/lookup-json.md)."""
        return {
            "holder": {"masked_id": self.masked_id, "household_id": self.household_id},
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "years": [
                {
                    "year": y.year,
                    "total_fen": y.total_fen,
                    "pending_fen": y.pending_fen,
                    "returned_fen": y.returned_fen,
                    "items": [
                        {"item_code": i.item_code, "item_name": i.item_name,
                         "total_fen": i.total_fen, "count": i.count}
                        for i in y.items
                    ],
                    "payments": [
                        {
                            "payment_id": p.payment_id,
                            "item_code": p.item_code,
                            "item_name": p.item_name,
                            "period": p.period,
                            "amount_fen": p.amount_fen,
                            "paid_on": p.paid_on.isoformat(),
                            "status": p.status,
                            "department": p.department,
                            "fund_source": p.fund_source,
                            "household": p.household,
                        }
                        for p in y.payments
                    ],
                }
                for y in self.years
            ],
        }


def _parse_as_of(value: Any) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _year_summary(year: int, rows: list[PaymentLine]) -> YearSummary:
    totals = dict.fromkeys(_STATUSES, 0)
    items: dict[str, list[Any]] = {}
    for p in rows:
        totals[p.status] = totals.get(p.status, 0) + p.amount_fen
        if p.status == "paid":
            acc = items.get(p.item_code)
            if acc is None:
                items[p.item_code] = [p.item_name, p.amount_fen, 1]
            else:
                acc[1] += p.amount_fen
                acc[2] += 1
    item_totals = tuple(ItemTotal(code, name, total, count) for code, (name, total, count)
                        in sorted(items.items(), key=lambda kv: -kv[1][1]))
    return YearSummary(year, totals["paid"], totals["pending"], totals["returned"],
                       item_totals, tuple(rows))


def _display_order(p: PaymentLine) -> tuple[int, str, date, int]:
    return (-p.paid_on.year, p.item_code, p.paid_on, p.payment_id)


def summarise(lines: list[PaymentLine], *, ordered: bool = False) -> tuple[YearSummary, ...]:
    """Group payment lines into years (newest first) with per-status totals.

    Within a year, lines are ordered by item code, then date, then id.
    ``ordered=True`` says ``lines`` already come in that order (the lookup's
    SQL sorts them), which saves the sort.
    """
    if not ordered:
        lines = sorted(lines, key=_display_order)
    years: list[YearSummary] = []
    current: list[PaymentLine] = []
    for line in lines:
        if current and line.paid_on.year != current[0].paid_on.year:
            years.append(_year_summary(current[0].paid_on.year, current))
            current = []
        current.append(line)
    if current:
        years.append(_year_summary(current[0].paid_on.year, current))
    return tuple(years)


class ConnectionSource(Protocol):
    """What the lookup needs of its database: a SQLAlchemy ``Engine`` (the kiosk UI) or
    :class:`kiosk.cachefile.ReadOnlyCache` (`kiosk lookup`, which must start fast)."""

    def raw_connection(self) -> Any:
        """A DBAPI (sqlite3) connection, in autocommit mode, closed by the caller."""


class BenefitLookup:
    """Looks up a card holder's benefits in the cache.

    Holds one read-only connection per thread (sqlite3 connections are bound
    to their thread); call :meth:`close` when done.
    """

    def __init__(self, engine: ConnectionSource, lookup_key: bytes | PersonKdf) -> None:
        """``lookup_key``: the county key (county/township terminal) or, on a village
        terminal, the village's person-key derivation (one ~100 ms derivation a lookup)."""
        if not lookup_key:
            raise ValueError("lookup key is empty: the terminal is not enrolled")
        self._engine = engine
        self._key = lookup_key
        self._local = threading.local()
        self._connections: list[Any] = []
        self._lock = threading.Lock()
        self._last: tuple[str, str] | None = None

    def _cursor(self) -> sqlite3.Cursor:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # A pooled DBAPI connection: the engine's PRAGMAs (WAL, busy
            # timeout) are already applied and it is in autocommit mode.
            conn = self._engine.raw_connection()
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return cast(sqlite3.Cursor, conn.cursor())

    def lookup(self, id_number: str) -> LookupResult:
        """All payments for the holder of ``id_number``, grouped by year.

        ``id_number`` is validated (GB 11643) first; raises
        :class:`kiosk.identity.IdNumberError` if it is not a valid number, and
        ``sqlalchemy``/``sqlite3`` errors if the database cannot be read.
        """
        number = validate_id(id_number)
        params = {"h": self.holder_key(number)}
        cursor = self._cursor()
        try:
            rows = cursor.execute(_SQL, params).fetchall()
            if rows:
                household_id, as_of = rows[0][10], rows[0][11]
            else:
                household_id, as_of = cursor.execute(_HEADER_SQL, params).fetchone()
        finally:
            cursor.close()
        lines = [
            PaymentLine(r[0], r[1], r[2], r[3], r[4], date.fromisoformat(r[5]), r[6], r[7],
                        r[8], bool(r[9]))
            for r in rows
        ]
        return LookupResult(mask_id(number), household_id, _parse_as_of(as_of),
                            summarise(lines, ordered=True))

    def holder_key(self, number: str) -> str:
        """What the cache knows the holder of (validated) ``number`` by.

        On a village terminal that is one slow derivation (~100 ms); the last
        answer is remembered, so a card read derives once although the lookup
        and the holder's complaints both need the key. Any thread.
        """
        key = self._key
        if not isinstance(key, PersonKdf):
            return id_hash(key, number)
        with self._lock:
            last = self._last
        if last is not None and last[0] == number:
            return last[1]
        derived = derive_person_key(key, number)
        with self._lock:
            self._last = (number, derived)
        return derived

    def close(self) -> None:
        """Return every connection this lookup opened to the pool."""
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()
