"""Complaint handling figures of /dashboard: counts per month, reply times, satisfaction.

Over the complaints of an :class:`~county.console.stats.Area` (a township
user's pages always pass their own township) received in the last 12 months
(Beijing time, this month included), whatever channel they came by:

- counts by category × month and by township × month;
- the median time from receipt to the *first* reply (答复);
- the share of replied complaints whose first reply came before the reply
  deadline in force then (the category's ``response_days`` from when the
  complaint reached its level: receipt, or its last escalation or reopening
  before that reply, as county/complaint_flow/limits.py counts it);
- the satisfaction rate: satisfied feedback rows / all feedback rows;
- the reopened share: complaints ever reopened (不满意) / complaints replied.

SQLAlchemy Core reads the rows (same queries on SQLite and PostgreSQL); the
median and the deadlines are computed in Python, which stays small because
only one area's last 12 months are read.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, select

from county.complaint_flow.limits import DEFAULT_LIMIT
from county.complaint_flow.models import ComplaintFeedback, ComplaintHistory, ComplaintTimeLimit
from county.complaint_flow.states import Action
from county.console.stats import Area, last_months
from county.models import Complaint
from kiosk.timefmt import to_local

__all__ = ["ComplaintFigures", "MonthRow", "complaint_figures", "export_sheets"]

#: Steps that restart the reply clock (the complaint reaches a new level).
_RESTART = (Action.ESCALATE.value, Action.NOT_SATISFIED.value)
_REPLY = (Action.REPLY.value, Action.APPROVE.value)


@dataclass(frozen=True)
class MonthRow:
    """One row of a breakdown: its label (a category code or a township) and the count of
    each month of :attr:`ComplaintFigures.months`, and their total."""

    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ComplaintFigures:
    """Every complaint figure of /dashboard for one area."""

    months: tuple[tuple[int, int], ...]
    """(year, month) of the 12 columns, oldest first."""
    by_category: tuple[MonthRow, ...]
    by_township: tuple[MonthRow, ...]
    received: int
    replied: int
    """Complaints with at least one reply."""
    median_reply_hours: float | None
    on_time: int
    """Replied complaints whose first reply came before its deadline."""
    feedback: int
    satisfied: int
    reopened: int
    """Complaints reopened at least once (the villager said 不满意)."""

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.replied if self.replied else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.feedback if self.feedback else None

    @property
    def reopened_share(self) -> float | None:
        return self.reopened / self.replied if self.replied else None


def _rows(counts: Counter[tuple[str, tuple[int, int]]],
          months: tuple[tuple[int, int], ...]) -> tuple[MonthRow, ...]:
    labels = sorted({label for label, _ in counts},
                    key=lambda lb: (-sum(counts[(lb, m)] for m in months), lb))
    return tuple(MonthRow(label, tuple(counts[(label, m)] for m in months))
                 for label in labels)


def complaint_figures(engine: Engine, area: Area, *, now: datetime) -> ComplaintFigures:
    """The complaint figures of ``area`` over the 12 months up to ``now``."""
    months = last_months(now)
    first = to_local(now).replace(year=months[0][0], month=months[0][1], day=1, hour=0,
                                  minute=0, second=0, microsecond=0)
    where = and_(area.complaints(), Complaint.received_at >= first)
    with engine.connect() as conn:
        complaints = conn.execute(select(
            Complaint.id, Complaint.category, Complaint.township, Complaint.received_at)
            .where(where)).all()
        steps = conn.execute(select(
            ComplaintHistory.complaint_id, ComplaintHistory.action, ComplaintHistory.at)
            .join(Complaint, Complaint.id == ComplaintHistory.complaint_id)
            .where(where, ComplaintHistory.action.in_((*_REPLY, *_RESTART)))
            .order_by(ComplaintHistory.complaint_id, ComplaintHistory.at,
                      ComplaintHistory.id)).all()
        feedback = conn.execute(select(ComplaintFeedback.satisfied)
                                .join(Complaint, Complaint.id == ComplaintFeedback.complaint_id)
                                .where(where)).scalars().all()
        days = {category: int(n) for category, n in conn.execute(select(
            ComplaintTimeLimit.category, ComplaintTimeLimit.response_days))}
    by_category: Counter[tuple[str, tuple[int, int]]] = Counter()
    by_township: Counter[tuple[str, tuple[int, int]]] = Counter()
    received: dict[int, tuple[str, datetime]] = {}
    for cid, category, township, at in complaints:
        local = to_local(at)
        by_category[(category, (local.year, local.month))] += 1
        by_township[(township or "（未填）", (local.year, local.month))] += 1
        received[cid] = (category, at)
    since: dict[int, datetime] = {}
    first_reply: dict[int, tuple[datetime, bool]] = {}
    reopened: set[int] = set()
    for cid, action, at in steps:
        category, got = received[cid]
        if action in _RESTART:
            if action == Action.NOT_SATISFIED.value:
                reopened.add(cid)
            since[cid] = at
        elif cid not in first_reply:
            limit = days.get(category, DEFAULT_LIMIT.response_days)
            due = since.get(cid, got) + timedelta(days=limit)
            first_reply[cid] = (at, at <= due)
    hours = [(at - received[cid][1]).total_seconds() / 3600
             for cid, (at, _) in first_reply.items()]
    return ComplaintFigures(
        months, _rows(by_category, months), _rows(by_township, months), len(complaints),
        len(first_reply), statistics.median(hours) if hours else None,
        sum(1 for _, ok in first_reply.values() if ok), len(feedback),
        sum(1 for s in feedback if s), len(reopened & set(first_reply)))


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def export_sheets(figures: ComplaintFigures, names: dict[str, str]
                  ) -> list[tuple[str, list[str], list[list[object]]]]:
    """The figures as XLSX sheets (headline figures, the two month tables); ``names`` turns
    category codes into their Chinese names."""
    hours = figures.median_reply_hours
    head: list[list[object]] = [["受理件数", figures.received], ["已答复件数", figures.replied],
            ["答复用时中位数（小时）", "—" if hours is None else round(hours, 1)],
            ["按期答复", f"{figures.on_time} / {figures.replied}"],
            ["按期答复率", _share(figures.on_time_share)],
            ["群众评价（满意 / 全部）", f"{figures.satisfied} / {figures.feedback}"],
            ["群众满意率", _share(figures.satisfaction_rate)],
            ["重新办理件数", figures.reopened], ["重新办理占比", _share(figures.reopened_share)]]
    months = [f"{y}年{m}月" for y, m in figures.months]
    return [("投诉办理", ["指标", "数值"], head),
            *[(title, [label, *months, "合计"],
               [[names.get(r.label, r.label), *r.counts, r.total] for r in rows])
              for title, label, rows in (("投诉按类别", "类别", figures.by_category),
                                         ("投诉按乡镇", "乡镇", figures.by_township))]]
