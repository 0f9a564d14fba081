"""The read-aloud follows the screens' language (issue 18): in English the speaker button
drives the real espeak-ng with the en-us voice into a WAV; a language whose voice is
missing hides the button, and the clerk screen says why."""

from __future__ import annotations

import wave
from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot
from speech.trimmed import espeak_data_without

from drivers.idcard.cardtext import IdCard
from drivers.speech import EspeakSpeaker
from kiosk.config import Config
from kiosk.speech.text_en import FIXED_PROMPTS_EN
from kiosk.speech.text_ug import FIXED_PROMPTS_UG
from screens.conftest import PIN
from screens.kiosk_window import open_kiosk, unlock_clerk
from ui.playback import audio_output_problem
from ui.tr import tr
from ui.viewmodels.speech import utterance_for
from ui.viewmodels.utterance import OnScreen


def _seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def _says(app: OnScreen) -> tuple[str, str]:
    utterance = utterance_for(app)
    assert utterance is not None
    return utterance.language, utterance.text


def test_the_speaker_button_reads_english(qtbot: QtBot, kiosk_config: Config,
                                          card: IdCard) -> None:
    config = replace(kiosk_config, ui=replace(kiosk_config.ui, language="en"))
    with open_kiosk(config) as (ui, d):
        app, speech = ui.app_model, ui.app_model.speech_model
        d.find("welcomeScreen")
        assert _says(app) == ("en", FIXED_PROMPTS_EN["welcome"])
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        utterance = utterance_for(app)
        assert utterance is not None and utterance.language == "en"
        assert utterance.text.startswith(f"{card.name}, in twenty twenty-six you have received ")
        assert not any(ch.isdigit() for ch in utterance.text)
        with qtbot.waitSignal(speech.spoken, timeout=60_000) as spoken:
            d.click("speakButton")
        wav = Path(spoken.args[0])
        assert _seconds(wav) > 15  # the English summary with the item names in Mandarin
        assert d.text("speakButton") == "■ Stop reading"
        d.click("printButton")
        d.wait_until(lambda: app.print_model.state == "printed", timeout=20, what="printed")
        assert not wav.exists()  # the screen changed: speech stopped
        assert _says(app) == ("en", "Printed: please take the receipt from the slot.")
        d.click("homeButton")
        d.find("welcomeScreen")
        assert not speech.speaking and not wav.exists()

        # Uyghur screens are read in Uyghur.
        d.click("language_ug")
        d.wait_until(lambda: _says(app) == ("ug", FIXED_PROMPTS_UG["welcome"]),
                     what="Uyghur in ug")
        assert d.items("speakButton") != []


def test_a_language_without_its_voice_hides_the_button(qtbot: QtBot, kiosk_config: Config,
                                                       tmp_path: Path) -> None:
    speaker = EspeakSpeaker(data_path=espeak_data_without("gmw/en-US", tmp_path))
    with open_kiosk(kiosk_config, speaker=speaker) as (ui, d):
        d.find("welcomeScreen")
        d.find("speakButton")  # Mandarin is there
        d.click("language_en")
        d.wait_until(lambda: d.items("speakButton") == [], what="button hidden in English")
        d.click("language_ug")  # the Uyghur voice is there: the button is back
        d.find("speakButton")
        d.click("language_zh_CN")
        d.find("speakButton")
        unlock_clerk(ui, d, PIN)
        info = {row["label"]: row["value"] for row in ui.app_model.clerk_model.info}
        ok = tr(audio_output_problem() or "正常（espeak-ng：普通话、英文、维吾尔文）")
        assert info["朗读"] == (ok + "；英文界面没有朗读：espeak-ng has no voice en-us"
                                   "（朗读按钮已隐藏）")
