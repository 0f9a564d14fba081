"""The monthly and quarterly problem report (月、季度问题报表) per township and department.

For one month (``2026-11``) or quarter (``2026-Q4``), Beijing time:

- *found*: leads found in the period (leads whose evidence vanished, ``closed``,
  left out);
- *handled*: leads decided in the period (their first ``confirmed`` or
  ``dismissed`` step, from the handling history);
- *recovered*: money recovered with a recovery date in the period (fen);
- *red / yellow*: the red and yellow cards (county/collision/cards.py) as they
  stand on the period's last day (today for the current period). A card is a
  department's; a township row counts the cards of the departments that pay
  in that township;
- *complaints*: complaints received in the period; a complaint about a
  payment counts for that payment's department, others for no department.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, func, select

from county.collision.cards import cards
from county.collision.models import Lead, LeadEvent
from county.errors import CountyError
from county.models import Complaint, Payment
from kiosk.timefmt import LOCAL_TZ

__all__ = ["Period", "ReportError", "ReportRow", "Sheet", "parse_period", "problem_report",
           "report_sheets"]

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])")


class ReportError(CountyError):
    """A period that is not ``YYYY-MM`` or ``YYYY-Qn``."""

    code = "collision.report_period"


@dataclass(frozen=True)
class Period:
    """Days ``first`` up to, not including, ``end``; ``label`` as the user wrote it."""

    label: str
    first: date
    end: date

    @property
    def last(self) -> date:
        """The period's last day."""
        return self.end - timedelta(days=1)

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as instants: from its first day's midnight in Beijing to its end's."""
        return (datetime.combine(self.first, time(), LOCAL_TZ),
                datetime.combine(self.end, time(), LOCAL_TZ))


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def parse_period(text: str) -> Period:
    """``2026-11`` (a month) or ``2026-Q4`` (a quarter); raises :class:`ReportError`."""
    text = text.strip()
    if m := _MONTH.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return Period(f"{year}-{month:02d}", date(year, month, 1),
                          _month_start(year, month + 1))
    elif m := _QUARTER.fullmatch(text):
        year, first = int(m[1]), (int(m[2]) - 1) * 3 + 1
        if 2000 <= year <= 2100:
            return Period(f"{year}-Q{m[2]}", date(year, first, 1), _month_start(year, first + 3))
    raise ReportError(f"not a month (YYYY-MM) or quarter (YYYY-Qn): {text!r}")


@dataclass(frozen=True)
class ReportRow:
    """One township or department (``key``; ``""`` is the total row)."""

    key: str
    found: int = 0
    handled: int = 0
    recovered_fen: int = 0
    red: int = 0
    yellow: int = 0
    complaints: int = 0


_Counts = dict[str, dict[str, int]]


def _add(into: _Counts, measure: str, rows: Any) -> None:
    for key, n in rows:
        into[key or ""][measure] = into[key or ""].get(measure, 0) + int(n or 0)


def _measures(conn: Connection, period: Period, by: str, today: date) -> _Counts:
    start, end = period.bounds()
    lead_key = Lead.township if by == "township" else Lead.department
    out: _Counts = defaultdict(dict)
    _add(out, "found", conn.execute(
        select(lead_key, func.count()).where(Lead.found_at >= start, Lead.found_at < end,
                                             Lead.status != "closed").group_by(lead_key)))
    first_decision = (select(LeadEvent.lead_id, func.min(LeadEvent.at).label("at"))
                      .where(LeadEvent.action.in_(("confirmed", "dismissed")))
                      .group_by(LeadEvent.lead_id).subquery())
    _add(out, "handled", conn.execute(
        select(lead_key, func.count()).join(first_decision, first_decision.c.lead_id == Lead.id)
        .where(first_decision.c.at >= start, first_decision.c.at < end).group_by(lead_key)))
    _add(out, "recovered_fen", conn.execute(
        select(lead_key, func.sum(Lead.recovered_fen))
        .where(Lead.recovered_on >= period.first, Lead.recovered_on < period.end)
        .group_by(lead_key)))
    complaint_key = Complaint.township if by == "township" else Payment.department
    _add(out, "complaints", conn.execute(
        select(complaint_key, func.count()).select_from(Complaint)
        .outerjoin(Payment, Payment.id == Complaint.payment_id)
        .where(Complaint.received_at >= start, Complaint.received_at < end)
        .group_by(complaint_key)))
    standing = min(period.last, today)
    shown = [c for c in cards(conn, today=standing) if c.card]
    if by == "department":
        _add(out, "red", ((c.department, 1) for c in shown if c.card == "red"))
        _add(out, "yellow", ((c.department, 1) for c in shown if c.card == "yellow"))
    else:
        towns: dict[str, set[str]] = defaultdict(set)
        for department, township in conn.execute(
                select(Payment.department, Payment.township).distinct()
                .where(Payment.deleted.is_(False))):
            towns[department].add(township)
        for c in shown:
            _add(out, c.card, ((t, 1) for t in sorted(towns[c.department])))
    return out


def problem_report(conn: Connection, period: Period, *, today: date,
                   by: str = "township") -> list[ReportRow]:
    """The report's rows per ``by`` (``township`` or ``department``), by name, then the
    total row (key ``""``; its cards count each department's card once)."""
    if by not in ("township", "department"):
        raise ReportError(f"a report is by township or department, not {by!r}")
    counts = _measures(conn, period, by, today)
    rows = [ReportRow(key, **values) for key, values in sorted(counts.items()) if key]
    if "" in counts:  # leads or complaints without a township / department
        rows.append(ReportRow("（未注明）", **counts[""]))
    per_department = (counts if by == "department"
                      else _measures_cards_only(conn, period, today))
    total = ReportRow("", sum(r.found for r in rows), sum(r.handled for r in rows),
                      sum(r.recovered_fen for r in rows),
                      sum(v.get("red", 0) for v in per_department.values()),
                      sum(v.get("yellow", 0) for v in per_department.values()),
                      sum(r.complaints for r in rows))
    return [*rows, total]


def _measures_cards_only(conn: Connection, period: Period, today: date) -> _Counts:
    standing = min(period.last, today)
    out: _Counts = defaultdict(dict)
    for c in cards(conn, today=standing):
        if c.card:
            _add(out, c.card, [(c.department, 1)])
    return out


REPORT_HEADER = ("", "发现线索", "已处理线索", "追回金额（元）", "红牌", "黄牌", "投诉")


Sheet = tuple[str, tuple[str, ...], list[list[Any]]]


def report_sheets(period: Period, townships: list[ReportRow], departments: list[ReportRow]
                  ) -> list[Sheet]:
    """The report as workbook sheets (county.spreadsheet.xlsx_bytes): by township, by
    department; amounts in yuan as text with two decimals."""
    from kiosk.money import format_yuan

    def sheet(title: str, by: str, rows: list[ReportRow]) -> Sheet:
        header = (by, *REPORT_HEADER[1:])
        return (f"{period.label} {title}", header, [
            [r.key or "合计", r.found, r.handled, format_yuan(r.recovered_fen, symbol=False),
             r.red, r.yellow, r.complaints] for r in rows])

    return [sheet("按乡镇", "乡镇", townships), sheet("按部门", "部门", departments)]
