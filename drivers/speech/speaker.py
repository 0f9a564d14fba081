"""The interface every speech engine offers, and the speech driver's errors."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from drivers.errors import DriverError

__all__ = ["Speaker", "SpeechError", "SpeechFailed", "SpeechUnavailable"]


class SpeechError(DriverError):
    """Base of the speech driver's errors; ``code`` is a stable identifier."""

    code = "speech.error"


class SpeechUnavailable(SpeechError):
    """No usable engine (program or voice missing)."""

    code = "speech.unavailable"


class SpeechFailed(SpeechError):
    """The engine ran but produced no sound (exit status, timeout, empty output)."""

    code = "speech.failed"


class Speaker(Protocol):
    """Turns a text (tone-numbered pinyin, or SSML) into a WAV file with a voice.

    ``voice`` is the engine's voice name; the default is the Mandarin pinyin voice
    (``cmn-latn-pinyin``), ``en-us`` reads English (:mod:`kiosk.speech.markup`).
    """

    def is_usable(self, voice: str = ...) -> bool:
        """True if :meth:`synthesize` can work here with ``voice`` (checked once, then
        cached)."""
        ...

    def why_unusable(self, voice: str = ...) -> str:
        """English reason for the clerk screen and logs; empty when usable."""
        ...

    def synthesize(self, text: str, out: Path, *, voice: str = ...) -> Path:
        """Write ``text`` spoken by ``voice`` as a WAV file at ``out`` and return ``out``.

        Blocks for the synthesis (tens of milliseconds a sentence); call it off the
        GUI thread. Raises :class:`SpeechUnavailable` or :class:`SpeechFailed`.
        """
        ...
