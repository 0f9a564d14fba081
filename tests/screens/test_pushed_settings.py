"""Settings the county pushes reach the running kiosk window without a restart (issue 13).

The sync daemon stores pushed settings in the cache's ``setting`` table; the
window's once-a-second tick notices the store changed and takes them. Here
the rows are written the way the daemon writes them (its own connection, a
committed transaction), while the window runs; tests/syncd/test_settings.py
follows the same value from the county server through ``kiosk syncd``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import delete
from sqlalchemy.dialects.sqlite import insert

from drivers.idcard.cardtext import IdCard
from kiosk.config import Config
from kiosk.store import open_store, write_connection
from kiosk.store.models import Setting
from screens.conftest import FakeClock
from screens.kiosk_window import open_kiosk


def _push(db: Path, values: dict[str, str | None], *, version: int) -> None:
    """Store pushed settings as the sync daemon does (None: the county unset it)."""
    engine = open_store(db)
    try:
        with write_connection(engine) as conn:
            for key, value in values.items():
                if value is None:
                    conn.execute(delete(Setting).where(Setting.key == key))
                    continue
                row = {"key": key, "value": value, "version": version,
                       "updated_at": datetime.now(UTC)}
                conn.execute(insert(Setting).values(row).on_conflict_do_update(
                    index_elements=["key"], set_=row))
    finally:
        engine.dispose()


def test_pushed_idle_timeout_changes_the_countdown_in_the_running_window(
        qtbot: QtBot, kiosk_config: Config, card: IdCard) -> None:
    # The config file says 60 s idle with a 10 s countdown.
    assert (kiosk_config.ui.idle_timeout_s, kiosk_config.ui.countdown_s) == (60, 10)
    clock = FakeClock()
    with open_kiosk(kiosk_config, clock=clock) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        clock.now += 25
        ui.app_model.check_idle()
        assert ui.app_model.countdown == -1  # 35 s left of 60: no countdown yet

        # The county pushes ui.idle_seconds = 30 while the villager reads.
        _push(kiosk_config.store.path, {"ui.idle_seconds": "30"}, version=7)
        d.wait_until(lambda: ui.app_model.countdown == 5,
                     what="the window's tick to take the pushed 30 s (5 s left)")
        d.find("countdownOverlay")
        clock.now += 6
        d.wait_until(lambda: ui.app_model.screen == "welcome",
                     what="the session cleared after 30 s")
        d.find("welcomeScreen")

        # Unset at the county, plus what a terminal must not take from the wire (a
        # value out of range, a name it does not know): the config's 60 s is back.
        _push(kiosk_config.store.path, {"ui.idle_seconds": None}, version=8)
        _push(kiosk_config.store.path, {"ui.countdown_seconds": "2",
                                        "ui.idle_secnods": "20"}, version=9)
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        clock.now += 52
        d.wait_until(lambda: ui.app_model.countdown == 8,
                     what="the countdown of the config's 60 s (8 s left)")
        assert ui.app_model.screen == "benefits"
