"""The second language through Qt's translation system (issue 18): chosen per terminal
([ui] language), switchable on the welcome screen, Uyghur mirrored right to left.

The ``.qm`` files are built from ui/i18n/*.ts by ``make`` (``make translations``).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from drivers.idcard.cardtext import IdCard
from kiosk.config import Config
from screens.conftest import FakeClock
from screens.kiosk_window import open_kiosk
from ui.driver import UiDriver
from ui.i18n import qm_file
from ui.untranslated import DataText, han_runs, shown_texts, untranslated


@pytest.fixture(autouse=True)
def _built() -> None:
    for code in ("en", "ug"):
        assert qm_file(code).exists(), f"{qm_file(code)} missing: run `make translations`"


def _clock_on_the_left(d: UiDriver) -> bool:
    clock = d.find("clockText")
    return clock.mapToScene(clock.boundingRect().center()).x() < d.window.width() / 2


def test_switching_language_on_the_welcome_screen(qtbot: QtBot, kiosk_config: Config,
                                                  card: IdCard) -> None:
    clock = FakeClock()
    with open_kiosk(kiosk_config, clock=clock) as (ui, d):
        assert d.text("instruction") == "请将身份证放在读卡区"
        assert not _clock_on_the_left(d)

        d.click("language_en")
        d.wait_until(lambda: d.text("instruction") == "Lay your ID card on the reader",
                     what="English")
        assert d.text("speakButton") == "▶ Read to me"
        assert d.text("largeTextButton") == "Larger text"
        assert not _clock_on_the_left(d)
        assert d.truncated_texts() == []
        # The header's date, made in Python, follows at once (not at the next tick).
        assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]+ \d{4}  \d\d:\d\d",
                            d.text("clockText")), d.text("clockText")

        # The language holds through the villager's session, and the Python-made texts
        # (totals, dates, statuses) are English too: only data is left in Chinese.
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        assert d.text("homeButton") == "Finish, exit"
        data = DataText(kiosk_config.store.path, extra=[card.name, kiosk_config.terminal.village])
        assert untranslated(shown_texts(d.window), data) == []
        d.click("homeButton")

        d.click("language_ug")
        d.wait_until(lambda: d.text("instruction") == "كىملىكىڭىزنى ئوقۇغۇچقا قويۇڭ",
                     what="Uyghur")
        # Right to left: the header is mirrored, the clock moves to the left.
        assert _clock_on_the_left(d)
        assert d.truncated_texts() == []
        assert han_runs(d.text("clockText")) == [], d.text("clockText")

        # The next villager gets the terminal's language back when the session times out.
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        clock.now += kiosk_config.ui.idle_timeout_s + 1
        ui.app_model.check_idle()
        d.wait_until(lambda: d.text("instruction") == "请将身份证放在读卡区", what="Chinese")
        assert not _clock_on_the_left(d)
        assert "星期" in d.text("clockText")


def test_the_terminals_language_from_its_config(qtbot: QtBot, kiosk_config: Config) -> None:
    config = replace(kiosk_config, ui=replace(kiosk_config.ui, language="en"))
    with open_kiosk(config) as (_ui, d):
        assert d.text("instruction") == "Lay your ID card on the reader"
    # The translator left with the window: the next one is Chinese again.
    with open_kiosk(kiosk_config) as (_ui, d):
        assert d.text("instruction") == "请将身份证放在读卡区"
