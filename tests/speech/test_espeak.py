"""The real espeak-ng with the cmn-latn-pinyin voice (Debian package, installed by make).

Every fixed prompt and the benefit summary must be read as Mandarin: ``espeak-ng
-x`` marks a word it fell back to English for with ``(en)``. The WAV is checked
with the ``wave`` module: format, duration and loudness.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drivers.speech import VOICE, EspeakSpeaker
from drivers.speech.espeak import ENGLISH_FALLBACK
from drivers.speech.speaker import SpeechFailed, SpeechUnavailable
from kiosk.speech.pinyin import to_pinyin
from kiosk.speech.text import FIXED_PROMPTS, benefits_text, complaint_filed_text
from speech.payments import tan_kaisheng
from speech.wav_stats import wav_stats

SPEAKER = EspeakSpeaker()


def _summary() -> str:
    return benefits_text(tan_kaisheng().result(), name="谭开生")


def test_the_engine_is_there_with_the_pinyin_voice() -> None:
    assert SPEAKER.is_usable(), SPEAKER.why_unusable()
    assert VOICE == "cmn-latn-pinyin"


@pytest.mark.parametrize("key", sorted(FIXED_PROMPTS))
def test_fixed_prompts_are_read_as_mandarin(key: str) -> None:
    phonemes = SPEAKER.phonemes(to_pinyin(FIXED_PROMPTS[key]))
    assert phonemes.strip()
    assert ENGLISH_FALLBACK not in phonemes, phonemes


@pytest.mark.parametrize("text", [_summary(), complaint_filed_text("QS01-000007")],
                         ids=["benefit summary", "complaint ticket"])
def test_summaries_are_read_as_mandarin(text: str) -> None:
    pinyin = to_pinyin(text, names=["谭开生"])
    phonemes = SPEAKER.phonemes(pinyin)
    assert ENGLISH_FALLBACK not in phonemes, phonemes
    # One phoneme group per syllable: nothing was skipped.
    assert phonemes.count("_|") >= len([w for w in pinyin.split() if w[-1:] in "12345.,"]) - 2


def test_the_check_catches_english() -> None:
    # Without the pinyin conversion (or with Latin text) the voice falls back to English.
    assert ENGLISH_FALLBACK in SPEAKER.phonemes("hello villager")


def test_espeak_writes_a_wav_of_the_summary(tmp_path: Path) -> None:
    out = SPEAKER.synthesize(to_pinyin(_summary(), names=["谭开生"]), tmp_path / "s.wav")
    rate, seconds, rms, peak = wav_stats(out)
    assert rate == 22050
    # ≈ 190 syllables at 150 words a minute: well over ten seconds, under two minutes.
    assert 10 < seconds < 120
    assert rms > 500 and peak > 5000  # speech, not silence or a click


def test_a_short_prompt_is_short(tmp_path: Path) -> None:
    out = SPEAKER.synthesize(to_pinyin(FIXED_PROMPTS["reading"]), tmp_path / "r.wav")
    _rate, seconds, rms, _peak = wav_stats(out)
    assert 0.5 < seconds < 10 and rms > 500


def test_nothing_to_say_is_an_error_not_a_silent_file(tmp_path: Path) -> None:
    with pytest.raises(SpeechFailed):
        SPEAKER.synthesize("", tmp_path / "empty.wav")


def test_a_missing_engine_says_why(tmp_path: Path) -> None:
    missing = EspeakSpeaker("espeak-ng-not-installed")
    assert not missing.is_usable()
    assert "espeak-ng-not-installed is not installed" in missing.why_unusable()
    with pytest.raises(SpeechUnavailable):
        missing.synthesize("ni3 hao3", tmp_path / "x.wav")


def test_kiosk_say(tmp_path: Path, demo_config: Path) -> None:
    kiosk = [sys.executable, "-m", "kiosk.cli.main", "say", "43122619560322079X",
             "--config", str(demo_config), "--name", "谭开生"]
    text = subprocess.run([*kiosk, "--text"], check=True, capture_output=True, text=True,
                          timeout=120).stdout
    assert text.startswith("谭开生，您二零二六年已经收到惠民资金")
    assert not any(ch.isdigit() for ch in text)
    pinyin = subprocess.run([*kiosk, "--pinyin"], check=True, capture_output=True, text=True,
                            timeout=120).stdout
    assert pinyin.startswith("tan2 kai1 sheng1, nin2 er4 ling2 er4 liu4 nian2")
    out = tmp_path / "say.wav"
    subprocess.run([*kiosk, "--out", str(out)], check=True, capture_output=True, timeout=120)
    _rate, seconds, rms, _peak = wav_stats(out)
    assert seconds > 10 and rms > 500
    bad = subprocess.run([*kiosk[:4], "43122619560322079Y", "--config", str(demo_config),
                          "--text"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
