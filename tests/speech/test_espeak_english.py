"""The real espeak-ng reading English (voice en-us), the Chinese data in it switched to the
pinyin voice (kiosk.speech.markup), and `kiosk say --lang en`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drivers.speech import VOICE, EspeakSpeaker
from drivers.speech.espeak import ENGLISH_FALLBACK
from kiosk.speech.markup import VOICES, engine_input, speech_language, to_ssml
from kiosk.speech.text_en import FIXED_PROMPTS_EN, benefits_text_en, complaint_filed_text_en
from speech.payments import tan_kaisheng
from speech.trimmed import espeak_data_without
from speech.wav_stats import wav_stats

SPEAKER = EspeakSpeaker()


def _summary() -> str:
    return benefits_text_en(tan_kaisheng().result(), name="谭开生")


def test_languages_and_voices() -> None:
    assert VOICES == {"zh_CN": "cmn-latn-pinyin", "en": "en-us", "ug": "ug"}
    assert SPEAKER.is_usable("ug")
    assert [speech_language(c) for c in ("zh_CN", "en", "ug", "fr")] == [
        "zh_CN", "en", "ug", "zh_CN"]
    assert SPEAKER.is_usable("en-us") and SPEAKER.is_usable()
    assert SPEAKER.why_unusable("xx-none") == "espeak-ng has no voice xx-none"


def test_ssml_switches_to_the_pinyin_voice_for_chinese_data() -> None:
    assert to_ssml("谭开生, you & me: 10月", names=["谭开生"]) == (
        '<speak><voice name="cmn-latn-pinyin">tan2 kai1 sheng1</voice>'
        '<voice name="en-us">, you &amp; me: 10</voice>'
        '<voice name="cmn-latn-pinyin">yue4</voice></speak>')
    assert to_ssml("Standard: 单德贵·买买提. <b>", names=["单德贵"]) == (
        '<speak><voice name="en-us">Standard: </voice><voice name="cmn-latn-pinyin">shan4 '
        'de2 gui4 mai3 mai3 ti2</voice><voice name="en-us">. &lt;b&gt;</voice></speak>')
    given = engine_input("Hello", "en")
    assert (given.voice, given.text) == ("en-us", '<speak><voice name="en-us">Hello</voice>'
                                                  '</speak>')
    assert engine_input("您好", "zh_CN").text == "nin2 hao3"
    with pytest.raises(ValueError, match="fr"):
        engine_input("x", "fr")


def test_the_summary_is_english_with_the_names_in_mandarin() -> None:
    given = engine_input(_summary(), "en", names=["谭开生"])
    phonemes = SPEAKER.phonemes(given.text, voice=given.voice)
    # The name and the item names by the pinyin voice (tones as digits), never as
    # "Chinese letter"; the money in English.
    assert "th'a35n_| kh'ai55_| s.'@55N_|" in phonemes
    assert "tS'aIni:z" not in phonemes and ENGLISH_FALLBACK not in phonemes
    assert "t'En T'aUz@nd f'o@ h'VndrI2d" in phonemes


@pytest.mark.parametrize("key", sorted(FIXED_PROMPTS_EN))
def test_fixed_prompts_are_read_in_american_english(key: str) -> None:
    given = engine_input(FIXED_PROMPTS_EN[key], "en")
    phonemes = SPEAKER.phonemes(given.text, voice=given.voice)
    assert phonemes.strip() and "_|" not in phonemes  # no Mandarin syllable in them


def test_espeak_writes_an_english_wav(tmp_path: Path) -> None:
    given = engine_input(_summary(), "en", names=["谭开生"])
    out = SPEAKER.synthesize(given.text, tmp_path / "en.wav", voice=given.voice)
    rate, seconds, rms, peak = wav_stats(out)
    assert rate == 22050
    # ≈ 110 English words and ≈ 55 Mandarin syllables at 150 a minute.
    assert 20 < seconds < 120
    assert rms > 500 and peak > 5000
    ticket = engine_input(complaint_filed_text_en("QS01-000007"), "en")
    _rate, seconds, rms, _peak = wav_stats(
        SPEAKER.synthesize(ticket.text, tmp_path / "t.wav", voice=ticket.voice))
    assert 5 < seconds < 40 and rms > 500


def test_a_missing_english_voice_says_so(tmp_path: Path) -> None:
    speaker = EspeakSpeaker(data_path=espeak_data_without("gmw/en-US", tmp_path))
    assert speaker.is_usable(VOICE)
    assert speaker.why_unusable("en-us") == "espeak-ng has no voice en-us"


def test_kiosk_say_in_english(tmp_path: Path, demo_config: Path) -> None:
    kiosk = [sys.executable, "-m", "kiosk.cli.main", "say", "43122619560322079X",
             "--config", str(demo_config), "--name", "谭开生", "--lang", "en"]
    text = subprocess.run([*kiosk, "--text"], check=True, capture_output=True, text=True,
                          timeout=120).stdout
    assert text.startswith("谭开生, in twenty twenty-six you have received ")
    assert text.rstrip().endswith(" or call one two three eight eight.")
    assert not any(ch.isdigit() for ch in text)
    ssml = subprocess.run([*kiosk, "--pinyin"], check=True, capture_output=True, text=True,
                          timeout=120).stdout
    assert ssml.startswith('<speak><voice name="cmn-latn-pinyin">tan2 kai1 sheng1</voice>'
                           '<voice name="en-us">, in twenty twenty-six')
    out = tmp_path / "say-en.wav"
    subprocess.run([*kiosk, "--out", str(out)], check=True, capture_output=True, timeout=120)
    _rate, seconds, rms, _peak = wav_stats(out)
    assert seconds > 10 and rms > 500
    zh = subprocess.run([*kiosk[:-1], "zh_CN", "--text"], check=True, capture_output=True,
                        text=True, timeout=120).stdout
    assert zh.startswith("谭开生，您二零二六年已经收到惠民资金")
