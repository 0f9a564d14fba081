"""Real Ogg/Opus recordings for the voice tests, made by Debian's opusenc from a tone."""

from __future__ import annotations

import array
import math
import subprocess
import wave
from pathlib import Path

__all__ = ["decoded_rms", "tone_clip", "tone_pcm"]

RATE = 16_000


def tone_pcm(seconds: float, *, hz: float = 440.0, amplitude: float = 0.3) -> bytes:
    """``seconds`` of a sine as 16 kHz mono 16-bit PCM."""
    count = round(seconds * RATE)
    peak = amplitude * 32767
    return array.array("h", (round(peak * math.sin(2 * math.pi * hz * i / RATE))
                             for i in range(count))).tobytes()


def tone_clip(folder: Path, seconds: float) -> bytes:
    """An Ogg/Opus recording of a tone lasting ``seconds`` (as the kiosk encodes it)."""
    folder.mkdir(parents=True, exist_ok=True)
    wav, opus = folder / f"tone-{seconds}.wav", folder / f"tone-{seconds}.opus"
    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(tone_pcm(seconds))
    subprocess.run(["opusenc", "--quiet", "--bitrate", "24", "--hard-cbr", str(wav), str(opus)],
                   check=True, timeout=60)
    return opus.read_bytes()


def decoded_rms(clip: bytes, folder: Path) -> float:
    """Loudness of an Ogg/Opus recording (RMS of its decoded samples, 0 … 1)."""
    folder.mkdir(parents=True, exist_ok=True)
    opus, wav = folder / "check.opus", folder / "check.wav"
    opus.write_bytes(clip)
    subprocess.run(["opusdec", "--quiet", "--rate", str(RATE), str(opus), str(wav)],
                   check=True, timeout=60)
    with wave.open(str(wav), "rb") as data:
        samples = array.array("h", data.readframes(data.getnframes()))
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples))) / 32768
