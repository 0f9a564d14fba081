"""The recording format check both ends use (kiosk.voiceclip), on real opusenc output."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.voiceclip import MAX_CLIP_BYTES, ClipError, inspect_clip
from voice.clips import tone_clip


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("clips")
    return {"3s": tone_clip(folder, 3.0), "61.5s": tone_clip(folder, 61.5)}


def test_duration_is_read_from_the_stream(clips: dict[str, bytes]) -> None:
    info = inspect_clip(clips["3s"])
    assert (info.duration_ms, info.channels, info.size) == (3000, 1, len(clips["3s"]))


def _flac_in_ogg(opus: bytes) -> bytes:
    # The same pages with the first packet's magic changed: Ogg, but not Opus.
    return opus.replace(b"OpusHead", b"fLaCHead", 1)


def _zero_granule(opus: bytes) -> bytes:
    # Every page's granule position set to 0: a stream with no sound in it.
    out, at = bytearray(opus), 0
    while at < len(out):
        segs = out[at + 26]
        size = sum(out[at + 27: at + 27 + segs])
        struct.pack_into("<q", out, at + 6, 0)
        at += 27 + segs + size
    return bytes(out)


@pytest.mark.parametrize(("label", "make", "code"), [
    ("61.5 s of tone: over the minute", lambda c: c["61.5s"], "voice.too_long"),
    ("a WAV file", lambda c: b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(40), "voice.not_ogg_opus"),
    ("an Ogg stream of another codec", lambda c: _flac_in_ogg(c["3s"]), "voice.not_ogg_opus"),
    ("cut in the middle of a page", lambda c: c["3s"][:-7], "voice.not_ogg_opus"),
    ("no sound (granule 0)", lambda c: _zero_granule(c["3s"]), "voice.empty"),
    ("above the size cap", lambda c: c["3s"] + bytes(MAX_CLIP_BYTES), "voice.too_large"),
])
def test_refused(clips: dict[str, bytes], label: str,
                 make: Callable[[dict[str, bytes]], bytes], code: str) -> None:
    with pytest.raises(ClipError) as refused:
        inspect_clip(make(clips))
    assert refused.value.code == code, label


def test_the_cap_holds_a_minute_of_speech(tmp_path: Path) -> None:
    clip = tone_clip(tmp_path, 60.0)
    assert inspect_clip(clip).duration_ms == 60_000
    assert len(clip) < MAX_CLIP_BYTES
