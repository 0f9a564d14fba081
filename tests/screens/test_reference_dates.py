"""The date-sensitive parts at several reference dates, through the one clock seam.

For each instant the clock is moved there (kiosk.clock.travel_to), the demo
village is generated for that day and seeded, and then: the lookup's years,
this month's pending payment, the notices in their 公示 periods, the answered
complaint, every card's validity, and the real window (benefits, the reply
banner, the notices tab, the clock on screen, the idle countdown). The
instants include the real today and the edges where a calendar bug hides: 29
February, the last minute of a year in Beijing, and the first half hour of
the next (still the old year in UTC).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from county_server.serve_run import free_port
from pytestqt.qtbot import QtBot

from demo.store import seed_complaints, seed_village
from demo.village import (
    DEMO_LOOKUP_KEY,
    PAYMENT_YEARS,
    DemoVillage,
    card_profile,
    generate_village,
)
from drivers.idcard.cardtext import card_from_profile
from kiosk import clock
from kiosk.complaints import complaints_for_holder
from kiosk.config import Config, StoreConfig
from kiosk.identity import id_hash, validate_id
from kiosk.lookup import BenefitLookup
from kiosk.notices import current_notices
from kiosk.store import open_store
from kiosk.store.stats import read_sync_state
from kiosk.timefmt import LOCAL_TZ
from screens.conftest import LONG, FakeClock
from screens.kiosk_window import open_kiosk
from ui.demo import DemoDevices
from ui.demo_county import DemoCounty

# The system clock when the suite was collected (before any fixture moved the seam).
_REAL_NOW = datetime.now(UTC)

INSTANTS = {
    "a month ago": _REAL_NOW - timedelta(days=30),
    "today": _REAL_NOW,
    "in a year": _REAL_NOW + timedelta(days=365),
    "29 February": datetime(2028, 2, 29, 10, 0, tzinfo=LOCAL_TZ),
    "31 December 23:59": datetime(2026, 12, 31, 23, 59, tzinfo=LOCAL_TZ),
    "1 January 00:30": datetime(2027, 1, 1, 0, 30, tzinfo=LOCAL_TZ),
}


@pytest.fixture(params=list(INSTANTS), ids=list(INSTANTS))
def moment(request: pytest.FixtureRequest) -> datetime:
    """The clock moved to one of INSTANTS (the suite's fixture puts it back after)."""
    instant = INSTANTS[request.param]
    clock.travel_to(instant)
    return instant


@pytest.fixture
def village(moment: datetime) -> DemoVillage:
    return generate_village(today=clock.today())


@pytest.fixture
def dated_config(kiosk_config: Config, village: DemoVillage, tmp_path: Path) -> Config:
    """The kiosk's config on a store seeded with the village of the moved clock's day."""
    path = tmp_path / "dated.db"
    engine = open_store(path)
    seed_village(engine, village, DEMO_LOOKUP_KEY)
    seed_complaints(engine, village, DEMO_LOOKUP_KEY, terminal_code=kiosk_config.terminal.code)
    engine.dispose()
    return replace(kiosk_config, store=StoreConfig(path=path))


def test_village_is_alive_on_the_day(moment: datetime, village: DemoVillage,
                                     dated_config: Config) -> None:
    today = clock.today()
    assert today == moment.astimezone(LOCAL_TZ).date()
    assert village.today == today and village.as_of < clock.now()
    engine = open_store(dated_config.store.path)
    try:
        # Five calendar years of payments, ending with a pending one this month.
        result = BenefitLookup(engine, DEMO_LOOKUP_KEY).lookup(LONG)
        assert [y.year for y in result.years] == list(range(today.year, today.year
                                                             - PAYMENT_YEARS, -1))
        this_month = [p for p in result.years[0].payments
                      if (p.paid_on.year, p.paid_on.month) == (today.year, today.month)]
        assert this_month and all(p.status == "pending" for p in this_month)
        assert result.years[0].pending_fen > 0
        assert all(p.paid_on.replace(day=1) <= today.replace(day=1)
                   for y in result.years for p in y.payments)
        # Every notice is in force, both 公示 in the middle of their periods.
        notices = current_notices(engine, today=today)
        assert len(notices) == len(village.notices)
        assert sum(1 for n in notices if n.kind == "公示") == 2
        # The complaint was answered after it was filed, and both are in the past.
        [complaint] = complaints_for_holder(engine, id_hash(DEMO_LOOKUP_KEY, LONG))
        assert complaint.reply_at is not None and complaint.reply_text
        assert complaint.created_at < complaint.reply_at < clock.now()
    finally:
        engine.dispose()
    # Every card is valid on the day, and no one is born after it.
    for person in village.people:
        assert validate_id(person.id_number, today=today) == person.id_number
        assert person.valid_from <= today
        assert person.valid_to is None or person.valid_to >= today


def test_window_on_the_day(qtbot: QtBot, moment: datetime, village: DemoVillage,
                           dated_config: Config) -> None:
    today = clock.today()
    card = card_from_profile(card_profile(village.person(LONG)))
    idle = FakeClock()
    with open_kiosk(dated_config, clock=idle) as (ui, d):
        ui.app_model.tick()
        assert d.text("clockText").startswith(f"{today.year}年{today.month}月{today.day}日")
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        d.find(f"year_{today.year}")
        assert "待发放" in d.text("yearNote")
        assert "回复" in d.text("replyNotice")
        # The idle countdown, then the session is cleared.
        idle.now += dated_config.ui.idle_timeout_s - 5
        ui.app_model.check_idle()
        d.find("countdownOverlay")
        idle.now += 10
        ui.app_model.check_idle()
        d.find("welcomeScreen")
        # Notices need no card: the 公示 tab shows one in its period.
        d.click("noticesButton")
        d.find("noticesScreen")
        d.click("kind_3")
        d.click("notice_0")
        assert "公示" in d.text("noticeTitle")


@pytest.mark.parametrize("name", ["today", "29 February"])
def test_demo_with_its_county_on_the_day(name: str, tmp_path: Path) -> None:
    """What ``kiosk demo --today D`` shows after its first sync with its own county."""
    clock.travel_to(INSTANTS[name])
    today = clock.today()
    devices, config = DemoDevices.start(tmp_path)
    try:
        county = DemoCounty.start(tmp_path, config, port=free_port(), poll_interval_s=600)
        county.stop()
    finally:
        devices.stop()
    assert (tmp_path / "county.today").read_text(encoding="utf-8").strip() == today.isoformat()
    engine = open_store(config.store.path)
    try:
        # The county's snapshot replaced the seed: what it holds is dated for ``today``.
        assert read_sync_state(engine).data_as_of is not None
        notices = current_notices(engine, today=today)
        assert sum(1 for n in notices if n.kind == "公示") == 2
        years = BenefitLookup(engine, DEMO_LOOKUP_KEY).lookup(LONG).years
        assert years[0].year == today.year and years[0].pending_fen > 0
        [complaint] = complaints_for_holder(engine, id_hash(DEMO_LOOKUP_KEY, LONG))
        assert complaint.reply_text and complaint.delivery == "sent"
    finally:
        engine.dispose()
