"""A spoken complaint's recording: its limits and its format check (pure, stdlib only).

One format travels: **Ogg/Opus** (RFC 7845), mono, made on the terminal by
Debian's ``opusenc`` at 24 kbit/s (about 3 KB a second). Both ends read it with
:func:`inspect_clip`: the terminal before it stores a recording, the county
before it keeps an upload (a wrong type, an over-long or an empty recording is
refused). The duration comes from the stream itself — the last page's granule
position (48 kHz samples) less the header's pre-skip — never from what a sender
claims.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from kiosk.errors import KioskError

__all__ = [
    "CONTENT_TYPE",
    "MAX_CLIP_BYTES",
    "MAX_SECONDS",
    "ClipError",
    "ClipInfo",
    "inspect_clip",
]

#: The longest recording a villager can make (seconds).
MAX_SECONDS = 60
#: A recording's size cap (bytes): 60 s at 24 kbit/s is about 200 KB with Ogg overhead.
MAX_CLIP_BYTES = 320 * 1024
#: The media type of a recording on the wire and in the console.
CONTENT_TYPE = "audio/ogg"
# A recording may run a little past the limit: the encoder pads its last frame.
_SLACK_MS = 500
_OPUS_RATE = 48_000
_PAGE = struct.Struct("<4sBBqIIIB")  # capture, version, flags, granule, serial, seq, crc, segs


class ClipError(KioskError, ValueError):
    """Not a recording this system accepts; ``code`` says why (``voice.too_large``,
    ``voice.not_ogg_opus``, ``voice.too_long``, ``voice.empty``)."""

    code = "voice.invalid"


@dataclass(frozen=True)
class ClipInfo:
    """What :func:`inspect_clip` found."""

    duration_ms: int
    channels: int
    size: int


def _pages(data: bytes) -> list[tuple[int, int, bytes]]:
    """(header type flags, granule position, page body) of every page; ClipError if torn."""
    pages: list[tuple[int, int, bytes]] = []
    at = 0
    while at < len(data):
        if len(data) - at < _PAGE.size:
            raise ClipError("truncated Ogg page header", code="voice.not_ogg_opus")
        magic, version, flags, granule, _serial, _seq, _crc, segs = _PAGE.unpack_from(data, at)
        if magic != b"OggS" or version != 0:
            raise ClipError(f"no Ogg page at byte {at}", code="voice.not_ogg_opus")
        table = data[at + _PAGE.size: at + _PAGE.size + segs]
        body_at = at + _PAGE.size + segs
        size = sum(table)
        if len(table) != segs or body_at + size > len(data):
            raise ClipError("truncated Ogg page", code="voice.not_ogg_opus")
        pages.append((flags, granule, data[body_at: body_at + size]))
        at = body_at + size
    return pages


def inspect_clip(data: bytes, *, max_seconds: int = MAX_SECONDS) -> ClipInfo:
    """Check that ``data`` is one Ogg/Opus recording within the limits; return its facts.

    Pure; raises :class:`ClipError` (``voice.too_large`` above
    :data:`MAX_CLIP_BYTES`, ``voice.not_ogg_opus`` for anything else than an
    Ogg stream whose first packet is an ``OpusHead``, ``voice.too_long`` beyond
    ``max_seconds`` (+0.5 s), ``voice.empty`` for no sound at all).
    """
    if len(data) > MAX_CLIP_BYTES:
        raise ClipError(f"{len(data)} bytes; at most {MAX_CLIP_BYTES}", code="voice.too_large")
    if not data.startswith(b"OggS"):
        raise ClipError("not an Ogg stream", code="voice.not_ogg_opus")
    pages = _pages(data)
    head = pages[0][2]
    if not head.startswith(b"OpusHead") or len(head) < 19:
        raise ClipError("the Ogg stream does not carry Opus", code="voice.not_ogg_opus")
    channels, pre_skip = head[9], struct.unpack_from("<H", head, 10)[0]
    granule = max((g for _f, g, _b in pages if g >= 0), default=0)
    duration_ms = max(0, granule - pre_skip) * 1000 // _OPUS_RATE
    if duration_ms <= 0:
        raise ClipError("the recording holds no sound", code="voice.empty")
    if duration_ms > max_seconds * 1000 + _SLACK_MS:
        raise ClipError(f"{duration_ms} ms; at most {max_seconds} s", code="voice.too_long")
    return ClipInfo(duration_ms=duration_ms, channels=channels, size=len(data))
