"""Dashboard figures: the summary tables follow every change to payments, whoever makes it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select

from county.console.stats import Area, dashboard
from county.console.summary import refresh
from county.corrections import withdraw_payment
from county.models import HouseholdMember, Payment
from county_server.console_data import PLACES, add_townships, township_rows


def _fen(amount: object) -> int:
    return round(float(str(amount)) * 100)


def test_figures_match_the_payments_and_follow_changes(seeded_engine: Engine,
                                                       tmp_path: Path) -> None:
    now = datetime.now(UTC)
    before = dashboard(seeded_engine, Area(), now=now)
    add_townships(seeded_engine, tmp_path)  # an import outside the console: no refresh call
    county = dashboard(seeded_engine, Area(), now=now)
    added = sum(_fen(r[4]) for r in township_rows())
    assert county.total_fen == before.total_fen + added
    with seeded_engine.connect() as conn:
        paid = conn.execute(select(func.sum(Payment.amount_fen), func.count()).where(
            Payment.deleted.is_(False), Payment.status == "paid")).one()
        people = conn.execute(select(func.count()).select_from(HouseholdMember)).scalar_one()
    assert (county.total_fen, county.payments) == (paid[0], paid[1])
    assert county.people == people
    assert {b.label for b in county.by_place} == {"高村镇", "石桥乡", "龙潭镇"}
    township = dashboard(seeded_engine, Area("石桥乡"), now=now)
    assert {b.label: b.value for b in township.by_place} == {
        village: sum(_fen(r[4]) for r in township_rows() if r[8] == village)
        for t, village in PLACES if t == "石桥乡"}
    assert township.people == 8 and township.households == 8
    village = dashboard(seeded_engine, Area("石桥乡", "河湾村"), now=now)
    assert village.by_place == []
    assert village.total_fen == {b.label: b.value for b in township.by_place}["河湾村"]
    # A correction by hand (county/corrections.py) shows at once.
    with seeded_engine.connect() as conn:
        victim, amount = conn.execute(select(Payment.id, Payment.amount_fen).where(
            Payment.village == "河湾村", Payment.deleted.is_(False))).first() or (0, 0)
    withdraw_payment(seeded_engine, victim, reason="test", actor="test", now=now)
    after = dashboard(seeded_engine, Area("石桥乡", "河湾村"), now=now)
    assert after.total_fen == village.total_fen - amount
    assert after.payments == village.payments - 1
    assert refresh(seeded_engine) is False  # nothing changed since: no rebuild
