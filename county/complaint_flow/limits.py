"""Time limits per complaint category and the deadlines they give (``due_at``).

IT staff set, per category, the days the county side has to reply
(``response_days``) and to close (``resolve_days``), and whether a reply
needs a second officer's approval. A category without a row uses
:data:`DEFAULT_LIMIT`. The clock of a complaint runs from when it reached
its current level (``level_since``): escalation and reopening restart it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, insert, select

from county.complaint_flow.models import ComplaintTimeLimit
from county.complaint_flow.states import OPEN, ComplaintFlowError, Status
from county.tx import writing

__all__ = ["DEFAULT_LIMIT", "LimitError", "TimeLimit", "due_at", "list_time_limits",
           "set_time_limit", "time_limit", "urgency"]


class LimitError(ComplaintFlowError):
    """A time limit that cannot be set (days out of range)."""

    code = "complaint.bad_limit"


@dataclass(frozen=True)
class TimeLimit:
    """Days to reply and to close complaints of ``category``; two-person replies or not."""

    category: str
    response_days: int
    resolve_days: int
    needs_approval: bool = False


#: 15 days to reply and 60 to close: the 信访 rules' limits, until IT staff set others.
DEFAULT_LIMIT = TimeLimit("", 15, 60, False)


def time_limit(conn: Connection, category: str) -> TimeLimit:
    """The limit of ``category`` (or :data:`DEFAULT_LIMIT` under that category's name)."""
    row = conn.execute(select(ComplaintTimeLimit)
                       .where(ComplaintTimeLimit.category == category)).first()
    if row is None:
        return TimeLimit(category, DEFAULT_LIMIT.response_days, DEFAULT_LIMIT.resolve_days,
                         DEFAULT_LIMIT.needs_approval)
    return TimeLimit(row.category, row.response_days, row.resolve_days, row.needs_approval)


def list_time_limits(engine: Engine) -> list[TimeLimit]:
    """The limits IT staff have set, by category."""
    with engine.connect() as conn:
        return [TimeLimit(r.category, r.response_days, r.resolve_days, r.needs_approval)
                for r in conn.execute(select(ComplaintTimeLimit)
                                      .order_by(ComplaintTimeLimit.category))]


def set_time_limit(engine: Engine, limit: TimeLimit, *, actor: str, now: datetime) -> None:
    """Store ``limit`` for its category; open complaints keep their ``due_at`` until their
    next step. Raises :class:`LimitError` for days outside 1..365 or resolve < response."""
    if not (1 <= limit.response_days <= 365 and 1 <= limit.resolve_days <= 365):
        raise LimitError("time limits are 1 to 365 days")
    if limit.resolve_days < limit.response_days:
        raise LimitError("the days to close cannot be fewer than the days to reply")
    if not limit.category or len(limit.category) > 40:
        raise LimitError("a category is 1 to 40 characters")
    with writing(engine) as conn:
        conn.execute(delete(ComplaintTimeLimit).where(
            ComplaintTimeLimit.category == limit.category))
        conn.execute(insert(ComplaintTimeLimit).values(
            category=limit.category, response_days=limit.response_days,
            resolve_days=limit.resolve_days, needs_approval=limit.needs_approval,
            updated_at=now, updated_by=actor))


def due_at(status: Status, level_since: datetime, limit: TimeLimit) -> datetime | None:
    """When the county side is late: to reply while open, to close once replied."""
    if status in OPEN:
        return level_since + timedelta(days=limit.response_days)
    if status is Status.REPLIED:
        return level_since + timedelta(days=limit.resolve_days)
    return None


def urgency(due: datetime | None, since: datetime | None, now: datetime) -> str:
    """``red`` overdue, ``amber`` under 25 % of the time left, ``green``; "" without a due."""
    if due is None:
        return ""
    if now >= due:
        return "red"
    if since is not None and (due - now) < (due - since) / 4:
        return "amber"
    return "green"
