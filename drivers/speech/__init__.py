"""Speech output: tone-numbered pinyin → WAV through Debian's espeak-ng.

- :mod:`.speaker`: the small :class:`Speaker` interface (``is_usable()``,
  ``why_unusable()``, ``synthesize()``) and the error hierarchy;
- :mod:`.espeak`: :class:`EspeakSpeaker`, espeak-ng as a subprocess with the voice
  ``cmn-latn-pinyin`` selected explicitly (Debian 12's ``cmn`` voice reads some
  characters as English).

The text → pinyin step is :mod:`kiosk.speech`; playback is the UI's (QtMultimedia).
"""

from __future__ import annotations

from drivers.speech.espeak import VOICE, EspeakSpeaker
from drivers.speech.speaker import Speaker, SpeechError, SpeechUnavailable

__all__ = ["VOICE", "EspeakSpeaker", "Speaker", "SpeechError", "SpeechUnavailable"]
