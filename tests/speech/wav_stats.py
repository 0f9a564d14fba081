"""What the speech tests measure of a WAV file espeak-ng wrote: format, length, loudness."""

from __future__ import annotations

import array
import math
import sys
import wave
from pathlib import Path

__all__ = ["wav_stats"]


def wav_stats(path: Path) -> tuple[int, float, float, int]:
    """(frame rate, seconds, RMS, peak) of a 16-bit mono WAV."""
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
    samples = array.array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    return rate, len(samples) / rate, rms, max(abs(s) for s in samples)
