"""Red and yellow cards: departments that publish an item's payments late.

Each item has a publishing period (:data:`PERIOD_MONTHS`: 1 monthly, 3
quarterly, 12 yearly). The data of a period is due by the end of the
following period: on 2026-11-20 the monthly 低保 data of October is due,
September's was due by the end of October. A department whose newest data
for an item is one period behind what is due gets a yellow card, two or more
a red card. The on-time rate counts, over the last twelve due periods, those
whose first payment reached the county (its import batch) by the due date;
payments stored without a batch (seeded) count as on time, missing periods
as late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select

from county.models import BenefitItem, ImportBatch, Payment

__all__ = ["PERIOD_MONTHS", "Card", "cards"]

#: Months per publishing period of each item (an item not named: monthly).
PERIOD_MONTHS = {"DIBAO": 1, "TEKUN": 1, "CJ_SHENGHUO": 1, "CJ_HULI": 1, "GAOLING": 1,
                 "YANGLAO": 1, "GENGDI": 12, "GONGYILIN": 12, "WEIFANG": 3, "YILIAO_JZ": 3,
                 "JIAOYU": 6, "JIANGLI": 12}
_RATE_PERIODS = 12


@dataclass(frozen=True)
class Card:
    """One department's standing for one item."""

    department: str
    item_code: str
    item_name: str
    last_period: str
    """The newest period with data, as ``2026-10`` (its first month)."""
    periods_late: int
    card: str
    """``red``, ``yellow`` or ``""`` (on time)."""
    on_time_rate: float


def _index(day: date, months: int) -> int:
    """The number of the period ``day`` falls in (months since year 0, in periods)."""
    return (day.year * 12 + day.month - 1) // months


def _label(index: int, months: int) -> str:
    first = index * months
    return f"{first // 12}-{first % 12 + 1:02d}"


def _due_before(index: int, months: int) -> date:
    """The data of period ``index`` is on time before this day: the end of the next period."""
    after = (index + 2) * months  # the first month after the next period
    return date(after // 12, after % 12 + 1, 1)


def _on_time(first: date | None, index: int, months: int) -> bool:
    return first is None or first < _due_before(index, months)


def cards(conn: Connection, *, today: date) -> list[Card]:
    """Every department and item with payments, red cards first, then yellow, then by name."""
    names: dict[str, str] = {r.code: r.name for r in conn.execute(
        select(BenefitItem.code, BenefitItem.name))}
    arrived: dict[tuple[str, str], dict[int, date | None]] = {}
    query = (select(Payment.department, Payment.item_code, Payment.paid_on,
                    func.min(ImportBatch.imported_at).label("first"))
             .outerjoin(ImportBatch, ImportBatch.id == Payment.import_id)
             .where(Payment.deleted.is_(False))
             .group_by(Payment.department, Payment.item_code, Payment.paid_on))
    for r in conn.execute(query):
        months = PERIOD_MONTHS.get(r.item_code, 1)
        periods = arrived.setdefault((r.department, r.item_code), {})
        index = _index(r.paid_on, months)
        first = r.first.date() if r.first is not None else None
        known = periods.get(index, date.max)
        periods[index] = None if first is None or known is None else min(first, known)
    out = []
    for (department, code), periods in arrived.items():
        months = PERIOD_MONTHS.get(code, 1)
        due = _index(today, months) - 1  # the newest period whose data is due
        newest = max(periods)
        late = max(0, due - newest)
        window = range(max(min(periods), due - _RATE_PERIODS + 1), due + 1)
        on_time = sum(1 for i in window if i in periods and _on_time(periods[i], i, months))
        rate = on_time / len(window) if len(window) else 1.0
        out.append(Card(department, code, names.get(code, code), _label(newest, months), late,
                        "red" if late >= 2 else "yellow" if late == 1 else "", round(rate, 3)))
    order = {"red": 0, "yellow": 1, "": 2}
    return sorted(out, key=lambda c: (order[c.card], c.department, c.item_code))
