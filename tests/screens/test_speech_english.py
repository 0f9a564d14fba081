"""The read-aloud follows the screens' language (issue 18): in English the speaker button
drives the real espeak-ng with the en-us voice into a WAV; a language whose voice is
missing hides the button, and the clerk screen says why; 查询投诉 and the 村务公开
screens are read in English and in Uyghur."""

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
from kiosk.speech.village_ug import VILLAGE_UG
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


def test_the_speaker_button_reads_uyghur(qtbot: QtBot, kiosk_config: Config,
                                         card: IdCard) -> None:
    config = replace(kiosk_config, ui=replace(kiosk_config.ui, language="ug"))
    with open_kiosk(config) as (ui, d):
        app, speech = ui.app_model, ui.app_model.speech_model
        d.find("welcomeScreen")
        assert _says(app) == ("ug", FIXED_PROMPTS_UG["welcome"])
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        language, text = _says(app)
        assert language == "ug" and text.startswith(
            f"{card.name}، ئىككى مىڭ يىگىرمە ئالتىنچى يىلى سىز جەمئىي ")
        assert not any(ch.isdigit() for ch in text)
        with qtbot.waitSignal(speech.spoken, timeout=60_000) as spoken:
            d.click("speakButton")
        # The real espeak-ng, voice ug with the names in the pinyin voice, into a WAV.
        assert _seconds(Path(spoken.args[0])) > 15
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


def _spoken(app: OnScreen, language: str) -> str:
    """The utterance on show: in ``language``, no digit, Chinese only in the data."""
    said, text = _says(app)
    assert said == language, text
    assert not any(ch.isdigit() for ch in text), text
    return text


def _english(app: OnScreen) -> str:
    return _spoken(app, "en")


def test_the_village_screens_and_the_complaint_query_read_english(
        qtbot: QtBot, kiosk_config: Config) -> None:
    config = replace(kiosk_config, ui=replace(kiosk_config.ui, language="en"))
    with open_kiosk(config) as (ui, d):
        app = ui.app_model
        d.click("complaintQueryButton")
        d.find("complaintQueryScreen")
        assert _english(app).startswith("Please type the complaint number from your receipt")
        d.click("homeButton")
        d.click("publicButton")
        d.find("publicScreen")
        assert _english(app).startswith("Village affairs: Public rolls, ")
        d.click("choice_0")
        d.find("rollItemsScreen")
        assert _english(app).startswith("Public rolls: 农村最低生活保障金, ")
        d.click("choice_0")
        d.find("rollScreen")
        assert _english(app).startswith("The public roll of 农村最低生活保障金: ")
        d.click("rollRow_0")
        d.find("rollRowScreen")
        assert _english(app).endswith(" yuan. If this payment is wrong, tap \"This payment "
                                      "is wrong\".")
        for _ in range(2):
            d.click("backButton")
        d.find("rollItemsScreen")
        d.click("backButton")
        d.click("choice_1")
        d.find("powersScreen")
        assert _english(app).startswith("Micro-power list: 低保申请, 宅基地审批")
        d.click("choice_0")
        d.find("powerScreen")
        assert _english(app).startswith("Step one: 提出申请. ")
        d.click("backButton")
        d.find("powersScreen")
        d.click("backButton")
        d.click("choice_2")
        d.find("ledgerScreen")
        assert _english(app).startswith("Village finances. In twenty twenty-six: income ")
        d.click("month_0")
        d.find("ledgerEntryList")
        assert " yuan; " in _english(app) and " entries. " in _english(app)
        d.click("backButton")
        d.click("backButton")
        d.click("choice_3")
        d.find("projectsScreen")
        assert _english(app).endswith(". Tap one to see each step.")
        d.click("project_0")
        d.find("stageList")
        assert "; Budget, " in _english(app)


def test_the_village_screens_and_the_complaint_query_read_uyghur(
        qtbot: QtBot, kiosk_config: Config) -> None:
    config = replace(kiosk_config, ui=replace(kiosk_config.ui, language="ug"))
    with open_kiosk(config) as (ui, d):
        app = ui.app_model
        d.click("complaintQueryButton")
        d.find("complaintQueryScreen")
        assert _spoken(app, "ug") == VILLAGE_UG.words.query_prompts["ticket"]
        d.click("homeButton")
        d.click("publicButton")
        d.find("publicScreen")
        assert _spoken(app, "ug").startswith("كەنت ئىشلىرى: ")
        d.click("choice_0")
        d.find("rollItemsScreen")
        assert _spoken(app, "ug").startswith("ئاشكارىلانغان تىزىملىك: 农村最低生活保障金، ")
        d.click("backButton")
        d.click("choice_2")
        d.find("ledgerScreen")
        assert _spoken(app, "ug").startswith(
            "كەنت مالىيىسى. ئىككى مىڭ يىگىرمە ئالتىنچى يىلى: كىرىم ")
