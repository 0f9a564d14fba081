"""The real espeak-ng reading Uyghur (voice ug, Arabic script), the Chinese data in it
switched to the pinyin voice (kiosk.speech.markup), and `kiosk say --lang ug`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drivers.speech import EspeakSpeaker
from drivers.speech.espeak import ENGLISH_FALLBACK
from kiosk.speech.markup import engine_input
from kiosk.speech.text_ug import FIXED_PROMPTS_UG, benefits_text_ug, complaint_filed_text_ug
from speech.payments import tan_kaisheng
from speech.wav_stats import wav_stats

SPEAKER = EspeakSpeaker()


def _summary() -> str:
    return benefits_text_ug(tan_kaisheng().result(), name="谭开生")


def test_the_summary_is_uyghur_with_the_names_in_mandarin() -> None:
    given = engine_input(_summary(), "ug", names=["谭开生"])
    assert given.voice == "ug"
    assert given.text.startswith('<speak><voice name="cmn-latn-pinyin">tan2 kai1 sheng1'
                                 '</voice><voice name="ug">، ئىككى مىڭ')
    phonemes = SPEAKER.phonemes(given.text, voice=given.voice)
    # The name and the item names by the pinyin voice (tones as digits), never as
    # "Chinese letter"; the money by the Uyghur voice (ئون مىڭ تۆت يۈز قىرىق ئۈچ).
    assert "th'a35n_| kh'ai55_| s.'@55N_|" in phonemes
    assert "tS'aIni:z" not in phonemes and ENGLISH_FALLBACK not in phonemes
    assert "'on m'IN t'Wt j'yz q'I*Iq 'ytS j'y&n" in phonemes


@pytest.mark.parametrize("key", sorted(FIXED_PROMPTS_UG))
def test_fixed_prompts_are_read_by_the_uyghur_voice(key: str) -> None:
    given = engine_input(FIXED_PROMPTS_UG[key], "ug")
    phonemes = SPEAKER.phonemes(given.text, voice=given.voice)
    assert phonemes.strip() and "_|" not in phonemes  # no Mandarin syllable in them
    assert ENGLISH_FALLBACK not in phonemes


def test_espeak_writes_a_uyghur_wav(tmp_path: Path) -> None:
    given = engine_input(_summary(), "ug", names=["谭开生"])
    out = SPEAKER.synthesize(given.text, tmp_path / "ug.wav", voice=given.voice)
    rate, seconds, rms, peak = wav_stats(out)
    assert rate == 22050
    # ≈ 110 Uyghur words and ≈ 55 Mandarin syllables at 150 a minute.
    assert 20 < seconds < 120
    assert rms > 500 and peak > 5000
    ticket = engine_input(complaint_filed_text_ug("QS01-000007"), "ug")
    _rate, seconds, rms, _peak = wav_stats(
        SPEAKER.synthesize(ticket.text, tmp_path / "t.wav", voice=ticket.voice))
    assert 5 < seconds < 40 and rms > 500


def test_kiosk_say_in_uyghur(tmp_path: Path, demo_config: Path) -> None:
    kiosk = [sys.executable, "-m", "kiosk.cli.main", "say", "43122619560322079X",
             "--config", str(demo_config), "--name", "谭开生", "--lang", "ug"]
    text = subprocess.run([*kiosk, "--text"], check=True, capture_output=True, text=True,
                          timeout=120).stdout
    assert text.startswith("谭开生، ئىككى مىڭ يىگىرمە ئالتىنچى يىلى سىز جەمئىي ")
    assert not any(ch.isdigit() for ch in text)
    out = tmp_path / "say-ug.wav"
    subprocess.run([*kiosk, "--out", str(out)], check=True, capture_output=True, timeout=120)
    _rate, seconds, rms, _peak = wav_stats(out)
    assert seconds > 10 and rms > 500
