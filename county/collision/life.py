"""A lead's life and the headline figures (leads found, handled, money recovered).

``new`` → ``assigned`` (to a township supervision group) → ``confirmed``
(with the amount to recover) or ``dismissed`` (a reason is required) →
``recovered`` (amount and date) for a confirmed one. A lead may be assigned
again while it is assigned (handed to another group). Every step is a
``lead_event`` row with who and when, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, case, func, select, update

from county.collision.models import Lead
from county.collision.run import record_event
from county.errors import CountyError
from county.tx import writing
from kiosk.timefmt import LOCAL_TZ

__all__ = ["HANDLED_STATES", "Figures", "LeadError", "assign", "confirm", "dismiss", "figures",
           "recover"]

#: States of a lead someone has decided on.
HANDLED_STATES = ("confirmed", "dismissed", "recovered")


class LeadError(CountyError):
    """A step a lead cannot take (unknown lead, wrong state, missing reason or amount)."""

    code = "collision.lead"


def _step(engine: Engine, lead_id: int, *, allowed: tuple[str, ...], to: str, actor: str,
          now: datetime, note: str = "", amount_fen: int | None = None,
          **values: Any) -> None:
    with writing(engine) as conn:
        status = conn.execute(select(Lead.status).where(Lead.id == lead_id)).scalar()
        if status is None:
            raise LeadError(f"no lead {lead_id}")
        if status not in allowed:
            raise LeadError(f"lead {lead_id} is {status}: it cannot become {to} "
                            f"(only from {' / '.join(allowed)})")
        conn.execute(update(Lead).where(Lead.id == lead_id).values(status=to, **values))
        record_event(conn, lead_id, to, actor, now, note, amount_fen)


def assign(engine: Engine, lead_id: int, group: str, *, actor: str, now: datetime) -> None:
    """Hand the lead to a township supervision group; raises :class:`LeadError`."""
    if not group.strip():
        raise LeadError("name the supervision group the lead goes to")
    _step(engine, lead_id, allowed=("new", "assigned"), to="assigned", actor=actor, now=now,
          note=group.strip(), assigned_to=group.strip()[:60])


def confirm(engine: Engine, lead_id: int, amount_fen: int, *, actor: str, now: datetime,
            note: str = "") -> None:
    """The group found it real: ``amount_fen`` is to be recovered (0: nothing to recover)."""
    if amount_fen < 0:
        raise LeadError("the amount to recover cannot be negative")
    _step(engine, lead_id, allowed=("assigned",), to="confirmed", actor=actor, now=now,
          note=note, amount_fen=amount_fen, confirmed_fen=amount_fen)


def dismiss(engine: Engine, lead_id: int, reason: str, *, actor: str, now: datetime) -> None:
    """Not a problem (a death registered late, a back payment …); the reason is required."""
    if not reason.strip():
        raise LeadError("a reason is required to dismiss a lead")
    _step(engine, lead_id, allowed=("new", "assigned"), to="dismissed", actor=actor, now=now,
          note=reason.strip(), dismiss_reason=reason.strip())


def recover(engine: Engine, lead_id: int, amount_fen: int, on: date, *, actor: str,
            now: datetime) -> None:
    """Money came back: ``amount_fen`` on ``on``."""
    if amount_fen <= 0:
        raise LeadError("the amount recovered must be more than zero")
    if on > now.astimezone(LOCAL_TZ).date():  # the day in Beijing, not in UTC
        raise LeadError(f"the recovery date {on} is in the future")
    _step(engine, lead_id, allowed=("confirmed",), to="recovered", actor=actor, now=now,
          amount_fen=amount_fen, recovered_fen=amount_fen, recovered_on=on)


@dataclass(frozen=True)
class Figures:
    """The Mayang headline figures for one township, rule or department ("" = all)."""

    key: str
    found: int
    handled: int
    open: int
    recovered_fen: int
    at_stake_fen: int


def figures(conn: Connection, by: str = "township", *, township: str = "") -> list[Figures]:
    """Leads found (closed ones left out), handled and money recovered, per ``by``
    (``township``, ``rule`` or ``department``), then a total row with key ``""``;
    with ``township``, that township's leads only."""
    column = {"township": Lead.township, "rule": Lead.rule, "department": Lead.department}[by]
    handled = func.sum(case((Lead.status.in_(HANDLED_STATES), 1), else_=0))
    still_open = func.sum(case((Lead.status.in_(("new", "assigned")), 1), else_=0))
    query = (select(column.label("key"), func.count().label("found"), handled.label("handled"),
                    still_open.label("open"),
                    func.coalesce(func.sum(Lead.recovered_fen), 0).label("recovered"),
                    func.coalesce(func.sum(Lead.amount_fen), 0).label("stake"))
             .where(Lead.status != "closed").group_by(column).order_by(column))
    if township:
        query = query.where(Lead.township == township)
    rows = [Figures(r.key, r.found, int(r.handled or 0), int(r.open or 0), int(r.recovered),
                    int(r.stake)) for r in conn.execute(query)]
    total = Figures("", sum(r.found for r in rows), sum(r.handled for r in rows),
                    sum(r.open for r in rows), sum(r.recovered_fen for r in rows),
                    sum(r.at_stake_fen for r in rows))
    return [*rows, total]
