"""The speaker button drives the real espeak-ng into a WAV and plays it (issue 18).

No mock engine: the view-model's speaker is :class:`drivers.speech.EspeakSpeaker`
(what the kiosk runs), its WAV is checked with the ``wave`` module while it plays.
QtMultimedia plays it on a machine with a sound device; without one (a test machine)
ui.playback times the WAV instead: nothing could be heard, and QtMultimedia's FFmpeg
backend was seen to hang stopping playback to no device.
"""

from __future__ import annotations

import wave
from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from drivers.idcard.cardtext import IdCard
from drivers.idcard.reader import CardReadFailed
from drivers.speech import EspeakSpeaker
from kiosk.config import Config
from kiosk.speech.numbers import spoken_numbers_in
from kiosk.speech.text import FIXED_PROMPTS
from screens.conftest import PIN
from screens.kiosk_window import open_kiosk, unlock_clerk
from ui.viewmodels.speech import utterance_for
from ui.wording import CARD_READ_FAILED


def _seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def test_speaker_button_reads_the_benefits_aloud(qtbot: QtBot, kiosk_config: Config,
                                                  card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        speech = ui.app_model.speech_model
        assert speech.available, speech.problem
        d.find("speakButton")  # on the welcome screen too
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        with qtbot.waitSignal(speech.spoken, timeout=60_000) as spoken:
            d.click("speakButton")
        wav = Path(spoken.args[0])
        # The benefit summary: name, the year's total in words, the items — many seconds.
        assert _seconds(wav) > 8
        assert speech.speaking
        assert d.text("speakButton") == "■ 停止朗读"

        # Back to the welcome screen: speech stops, the personal WAV is gone.
        d.click("homeButton")
        d.find("welcomeScreen")
        assert not speech.speaking and not wav.exists()

        # The welcome prompt is short.
        with qtbot.waitSignal(speech.spoken, timeout=60_000) as spoken:
            d.click("speakButton")
        assert 1 < _seconds(Path(spoken.args[0])) < 10


def test_lifting_the_card_stops_the_speech(qtbot: QtBot, kiosk_config: Config,
                                           card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        speech = ui.app_model.speech_model
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        with qtbot.waitSignal(speech.spoken, timeout=60_000) as spoken:
            d.click("speakButton")
        ui.bridge.cardRemoved.emit()
        d.find("welcomeScreen")
        assert not speech.speaking and not Path(spoken.args[0]).exists()


def test_the_setting_speaks_right_after_a_card_read(qtbot: QtBot, kiosk_config: Config,
                                                   card: IdCard) -> None:
    # The config key the county's ui.speak_after_card overrides (kiosk/pushable.py).
    config = replace(kiosk_config, ui=replace(kiosk_config.ui, speak_after_card_read=1))
    with open_kiosk(config) as (ui, d):
        speech = ui.app_model.speech_model
        with qtbot.waitSignal(speech.spoken, timeout=60_000) as spoken:
            ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        assert _seconds(Path(spoken.args[0])) > 8


def test_no_engine_hides_the_button_and_the_clerk_screen_says_why(
        qtbot: QtBot, kiosk_config: Config) -> None:
    with open_kiosk(kiosk_config, speaker=EspeakSpeaker("espeak-ng-missing")) as (ui, d):
        d.find("welcomeScreen")
        assert d.items("speakButton") == []
        unlock_clerk(ui, d, PIN)
        info = {row["label"]: row["value"] for row in ui.app_model.clerk_model.info}
        assert info["朗读"] == ("朗读不可用：espeak-ng-missing is not installed (Debian: "
                              "espeak-ng)（朗读按钮已隐藏）")
        assert d.items("speakButton") == []  # nothing read on the clerk screen either


def test_every_villager_screen_has_its_own_speech(qtbot: QtBot, kiosk_config: Config,
                                                  card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        app = ui.app_model

        def says() -> str:
            utterance = utterance_for(app)
            assert utterance is not None, app.screen
            assert not any(ch.isdigit() for ch in utterance.text), utterance.text
            return utterance.text

        d.find("welcomeScreen")
        assert says() == FIXED_PROMPTS["welcome"]
        ui.bridge.cardPresent.emit()
        d.find("readingScreen")
        assert says() == FIXED_PROMPTS["reading"]
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        assert says().startswith(f"{card.name}，您二零二六年已经收到惠民资金")
        app.openSection(app.benefits_model.payments[0]["itemName"])
        d.find("detailScreen")
        assert says().startswith(app.detail_model.itemName + "，一共有")
        d.click("backButton")
        d.click("complainButton")
        d.find("complaintScreen")
        assert says() == FIXED_PROMPTS["complaint_about"]
        d.click("about_0")
        assert says() == FIXED_PROMPTS["complaint"]
        d.click("reason_not_received")
        assert says() == FIXED_PROMPTS["complaint_text"]
        d.click("homeButton")
        d.click("noticesButton")
        d.find("noticesScreen")
        assert says().startswith("现在有") and says().endswith("点一下标题可以看全文。")
        d.click("notice_0")
        assert says().startswith(spoken_numbers_in(app.notices_model.title))
        d.click("homeButton")
        ui.bridge.readerError.emit(CardReadFailed("interrupted", "card left mid-read"))
        d.find("readErrorScreen")
        assert says() == CARD_READ_FAILED
