"""Aggregates of the dashboard and the public page: money by year, item, place, department.

One filter, :class:`Area`, narrows every figure to the county, a township
or a village; a township user's pages always pass their own township. Only
paid, not withdrawn payments count. Money and people come from the summary
tables (county/console/summary.py, refreshed first when payments changed),
so a page reads a few 10 000 rows, not millions. SQL through SQLAlchemy
Core, so the same queries run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, func, select, true
from sqlalchemy.orm import QueryableAttribute

from county.console.models import MemberSummary, PaymentSummary
from county.console.summary import refresh
from county.models import BenefitItem, Complaint, Terminal
from kiosk.timefmt import to_local

__all__ = ["Area", "Bar", "Dashboard", "dashboard", "last_months", "public_figures"]

#: A terminal is online when its last heartbeat is younger than this.
ONLINE_WITHIN = timedelta(hours=6)


@dataclass(frozen=True)
class Area:
    """County (both empty), a township, or a village of a township."""

    township: str = ""
    village: str = ""

    def payments(self) -> ColumnElement[bool]:
        """Filter on the payment summary rows of this area."""
        return self._on(PaymentSummary.township, PaymentSummary.village)

    def members(self) -> ColumnElement[bool]:
        """Filter on the member summary rows of this area."""
        return self._on(MemberSummary.township, MemberSummary.village)

    def complaints(self) -> ColumnElement[bool]:
        """Filter on complaints of this area (by their own place: any channel)."""
        return self._on(Complaint.township, Complaint.village)

    def terminals(self) -> ColumnElement[bool]:
        """Filter on terminals placed in this area."""
        return self._on(Terminal.township, Terminal.village)

    def _on(self, township: QueryableAttribute[str],
            village: QueryableAttribute[str]) -> ColumnElement[bool]:
        where: ColumnElement[bool] = true()
        if self.township:
            where = and_(where, township == self.township)
        if self.village:
            where = and_(where, village == self.village)
        return where


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, value (fen or a count), and where a click leads."""

    label: str
    value: int
    href: str = ""


@dataclass(frozen=True)
class Dashboard:
    """Every figure of /dashboard for one area."""

    area: Area
    total_fen: int
    payments: int
    people: int
    households: int
    by_year: list[Bar]
    by_item: list[Bar]
    by_place: list[Bar]
    """Townships of the county, or villages of a township (empty for a village)."""
    by_department: list[Bar]
    complaints_by_month: list[Bar]
    terminals_online: int
    terminals_total: int


def _bars(rows: list[tuple[object, int]]) -> list[Bar]:
    return [Bar(str(label or "（未填）"), int(value or 0)) for label, value in rows]


def _by(conn: Connection, column: ColumnElement[Any] | QueryableAttribute[Any], area: Area, *,
        order_by_label: bool = False) -> list[tuple[object, int]]:
    total = func.sum(PaymentSummary.total_fen)
    query = (select(column, total).where(area.payments()).group_by(column)
             .order_by(column if order_by_label else total.desc()))
    return [(label, int(value)) for label, value in conn.execute(query).all()]


def _by_item(conn: Connection, area: Area) -> list[Bar]:
    total = func.sum(PaymentSummary.total_fen)
    query = (select(PaymentSummary.item_code, func.max(BenefitItem.name), total)
             .outerjoin(BenefitItem, BenefitItem.code == PaymentSummary.item_code)
             .where(area.payments()).group_by(PaymentSummary.item_code)
             .order_by(total.desc()))
    return [Bar(str(name or code), int(value)) for code, name, value in conn.execute(query)]


def _years(conn: Connection, area: Area) -> list[Bar]:
    return [Bar(f"{y}年", v) for y, v in _by(conn, PaymentSummary.year, area,
                                             order_by_label=True)]


def last_months(now: datetime) -> tuple[tuple[int, int], ...]:
    """The 12 (year, month) of Beijing time up to ``now``'s month, oldest first."""
    local = to_local(now)
    year, month = local.year, local.month
    months = []
    for _ in range(12):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(reversed(months))


def _complaints_by_month(conn: Connection, area: Area, now: datetime) -> list[Bar]:
    """Complaints of every channel in the last 12 months (Beijing time), oldest first,
    including months without any."""
    months = last_months(now)
    since = now - timedelta(days=372)
    query = select(Complaint.received_at).where(area.complaints(), Complaint.received_at >= since)
    counts = Counter((to_local(t).year, to_local(t).month) for t in conn.execute(query).scalars())
    # Month numbers only: twelve columns must fit a phone's width (the caption says 月).
    return [Bar(f"{m}", counts[(y, m)]) for y, m in months]


def dashboard(engine: Engine, area: Area, *, now: datetime) -> Dashboard:
    """Every dashboard figure for ``area`` at ``now`` (refreshing the summaries first)."""
    refresh(engine)
    with engine.connect() as conn:
        total, count = conn.execute(select(
            func.coalesce(func.sum(PaymentSummary.total_fen), 0),
            func.coalesce(func.sum(PaymentSummary.payments), 0)).where(area.payments())).one()
        people, households = conn.execute(select(
            func.coalesce(func.sum(MemberSummary.people), 0),
            func.coalesce(func.sum(MemberSummary.households), 0)).where(area.members())).one()
        by_year = _years(conn, area)
        if area.village:
            by_place: list[Bar] = []
        else:
            column = PaymentSummary.village if area.township else PaymentSummary.township
            by_place = _bars(_by(conn, column, area))
        online, terminals = conn.execute(select(
            func.count().filter(Terminal.last_heartbeat_at > now - ONLINE_WITHIN),
            func.count()).where(area.terminals(), Terminal.revoked_at.is_(None))).one()
        return Dashboard(area, int(total), int(count), int(people), int(households), by_year,
                         _by_item(conn, area), by_place,
                         _bars(_by(conn, PaymentSummary.department, area)),
                         _complaints_by_month(conn, area, now), int(online), int(terminals))


@dataclass(frozen=True)
class PublicFigures:
    """What /public shows: aggregates only, never a person."""

    total_fen: int
    by_year: list[Bar]
    by_item: list[Bar]
    by_township: list[Bar]


def public_figures(engine: Engine) -> PublicFigures:
    """County-wide money by year, item and township (refreshing the summaries first)."""
    area = Area()
    refresh(engine)
    with engine.connect() as conn:
        total = conn.execute(select(func.coalesce(func.sum(PaymentSummary.total_fen), 0))
                             ).scalar_one()
        return PublicFigures(int(total), _years(conn, area), _by_item(conn, area),
                             _bars(_by(conn, PaymentSummary.township, area)))
