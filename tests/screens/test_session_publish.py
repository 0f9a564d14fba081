"""The kiosk says whether a villager is at the screen (ui.session_publish), and the clerk
screen says what a waiting release waits for."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from drivers.idcard.cardtext import IdCard
from kiosk import clock
from kiosk.config import Config
from kiosk.session_state import parse_session, session_path
from kiosk.update_wait import Waiting, record_waiting
from screens.conftest import PIN
from screens.kiosk_window import open_kiosk, unlock_clerk
from ui.session_publish import SessionPublisher
from ui.viewmodels.screens import Screen, in_session
from ui.wording import update_waiting_text


@pytest.mark.parametrize(("screen", "busy"), [
    (Screen.WELCOME, False), (Screen.UNAVAILABLE, False), (Screen.READING, True),
    (Screen.BENEFITS, True), (Screen.COMPLAINT, True), (Screen.NOTICES, True),
    (Screen.PUBLIC, True), (Screen.CLERK, True), ("welcome", False), ("somethingNew", True),
])
def test_which_screens_are_a_session(screen: Screen | str, busy: bool) -> None:
    assert in_session(screen) is busy


def test_the_session_file_follows_the_screen(qtbot: QtBot, kiosk_config: Config, card: IdCard,
                                             tmp_path: Path) -> None:
    health = tmp_path / "health"
    path = session_path(health)
    with open_kiosk(kiosk_config) as (ui, d):
        publisher = SessionPublisher(ui.app_model, health)
        start = clock.now()
        publisher.start()
        try:
            busy, since, heartbeat = parse_session(path.read_bytes())
            assert not busy and since == heartbeat and since >= start
            clock.travel_to(start + timedelta(seconds=3))
            ui.bridge.cardPresent.emit()
            ui.bridge.cardRead.emit(card)
            d.find("benefitsScreen")
            busy, since, _ = parse_session(path.read_bytes())
            assert busy and since >= start + timedelta(seconds=3)
            ui.bridge.cardRemoved.emit()
            d.find("welcomeScreen")
            busy, _, _ = parse_session(path.read_bytes())
            assert not busy
        finally:
            publisher.stop()


def test_the_clerk_sees_a_waiting_release(qtbot: QtBot, kiosk_config: Config,
                                          tmp_path: Path) -> None:
    record_waiting(tmp_path, version="1.5.0", reason="outside_window",
                   message="waiting for window 02:00-05:00 (Beijing time)",
                   now=clock.now().isoformat())
    config = replace(kiosk_config, update=replace(kiosk_config.update, root=tmp_path,
                                                  window="02:00-05:00"))
    with open_kiosk(config) as (ui, d):
        unlock_clerk(ui, d, PIN)
        d.wait_until(lambda: ui.app_model.clerk_model.unlocked, what="unlocked")
        info = {row["label"]: row["value"] for row in ui.app_model.clerk_model.info}
        assert info["上次更新"] == "没有更新记录；1.5.0 等到 02:00-05:00 再安装"


def test_waiting_texts() -> None:
    def waiting(reason: str) -> Waiting:
        return Waiting("1.5.0", reason, "…", "2026-12-04T01:00:00+00:00",
                       "2026-12-04T01:05:00+00:00")

    assert update_waiting_text(None, "02:00-05:00") == ""
    assert update_waiting_text(waiting("outside_window"), "22:00-04:00") == \
        "1.5.0 等到 22:00-04:00 再安装"
    assert update_waiting_text(waiting("session_active"), "22:00-04:00") == \
        "1.5.0 等没人使用时再安装"
    assert update_waiting_text(waiting("session_unreadable"), "") == "1.5.0 等没人使用时再安装"
