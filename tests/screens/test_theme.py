"""High contrast (the terminal's [ui] theme) and "字大一点" (the villager's button) hold on
every screen (issue 18); larger type cuts no text off."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from drivers.idcard.cardtext import IdCard
from kiosk.config import Config
from screens.conftest import FakeClock
from screens.kiosk_window import open_kiosk
from ui.app import KioskUi
from ui.driver import UiDriver


def _theme(ui: KioskUi) -> QObject:
    theme = ui.engine.singletonInstance("VillageKiosk", "Theme")
    assert isinstance(theme, QObject)
    return theme


def _visit_every_villager_screen(ui: KioskUi, d: UiDriver, card: IdCard,
                                 check: Callable[[str], None]) -> list[str]:
    """Welcome, reading, benefits, item detail, complaint steps, notices: calls
    ``check(name)`` on each and returns the names visited."""
    seen: list[str] = []

    def at(name: str) -> None:
        d.find(name)
        check(name)
        seen.append(name)

    at("welcomeScreen")
    ui.bridge.cardPresent.emit()
    at("readingScreen")
    ui.bridge.cardRead.emit(card)
    at("benefitsScreen")
    ui.app_model.openSection(ui.app_model.benefits_model.payments[0]["itemName"])
    at("detailScreen")
    d.click("backButton")
    d.click("complainButton")
    at("complaintScreen")
    d.click("about_0")
    d.click("reason_not_received")
    check("complaint text step")
    d.click("homeButton")
    d.click("noticesButton")
    at("noticesScreen")
    d.click("notice_0")
    check("one notice")
    return seen


def test_larger_text_holds_on_every_screen_and_cuts_nothing_off(
        qtbot: QtBot, kiosk_config: Config, card: IdCard) -> None:
    clock = FakeClock()
    with open_kiosk(kiosk_config, clock=clock) as (ui, d):
        theme = _theme(ui)
        normal_body = theme.property("body")
        d.click("largeTextButton")
        assert d.text("largeTextButton") == "字小一点"

        def larger(name: str) -> None:
            assert theme.property("largeText") is True, name
            assert theme.property("body") == round(normal_body * 1.25), name
            assert d.truncated_texts() == [], name

        seen = _visit_every_villager_screen(ui, d, card, larger)
        assert len(seen) == 6
        # The next villager starts with the normal size: the session timed out.
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        clock.now += kiosk_config.ui.idle_timeout_s + 1
        ui.app_model.check_idle()
        d.find("welcomeScreen")
        assert theme.property("body") == normal_body
        assert d.text("largeTextButton") == "字大一点"


def test_high_contrast_theme_holds_on_every_screen(qtbot: QtBot, kiosk_config: Config,
                                                   card: IdCard) -> None:
    config = replace(kiosk_config, ui=replace(kiosk_config.ui, theme="high-contrast"))
    with open_kiosk(config) as (ui, d):
        theme = _theme(ui)

        def dark(name: str) -> None:
            assert theme.property("highContrast") is True, name
            image = ui.window.grabWindow()
            # The bottom-left corner is the screen's background on every screen.
            assert QColor(image.pixel(2, image.height() - 2)) == QColor("#000000"), name
            assert d.truncated_texts() == [], name

        _visit_every_villager_screen(ui, d, card, dark)

    with open_kiosk(kiosk_config) as (ui, d):
        d.find("welcomeScreen")
        image = ui.window.grabWindow()
        assert QColor(image.pixel(2, image.height() - 2)) == QColor("#F7F4EC")
