"""A speech text → what espeak-ng is given, per language (issue 18).

- Mandarin (``zh_CN``): tone-numbered pinyin for the voice ``cmn-latn-pinyin``
  (:func:`kiosk.speech.pinyin.to_pinyin`).
- English (``en``) and Uyghur (``ug``): SSML for the voice ``en-us`` or ``ug``; the
  Chinese runs in it (names, item names, notice titles: data as written) are switched
  to the pinyin voice (``<voice name="cmn-latn-pinyin">``), because those voices read
  every Chinese character as "Chinese letter".

:data:`SPEECH_LANGUAGES` says which language the read-aloud speaks for each UI
language: each has its own (docs/i18n.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from kiosk.speech.pinyin import to_pinyin

__all__ = ["PINYIN_VOICE", "SPEECH_LANGUAGES", "VOICES", "EngineInput", "engine_input",
           "speech_language", "to_ssml"]

PINYIN_VOICE = "cmn-latn-pinyin"
#: The espeak-ng voice of each speech language.
VOICES: Mapping[str, str] = {"zh_CN": PINYIN_VOICE, "en": "en-us", "ug": "ug"}
#: UI language → the language the read-aloud speaks in it.
SPEECH_LANGUAGES: Mapping[str, str] = {"zh_CN": "zh_CN", "en": "en", "ug": "ug"}

# Chinese characters with the punctuation and middle dot (买买提·艾力) between them.
_CHINESE_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]"
                          r"(?:[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e·]*"
                          r"[\u3400-\u9fff\uf900-\ufaff])?")


@dataclass(frozen=True)
class EngineInput:
    """What :meth:`drivers.speech.Speaker.synthesize` is given: text and voice."""

    text: str
    voice: str


def speech_language(ui_language: str) -> str:
    """The language the read-aloud speaks when the screens are in ``ui_language``."""
    return SPEECH_LANGUAGES.get(ui_language, "zh_CN")


def to_ssml(text: str, *, names: Iterable[str] = (), voice: str = VOICES["en"]) -> str:
    """English (or Uyghur, ``voice="ug"``) ``text`` as SSML, its Chinese runs read by
    the pinyin voice:
    ``谭开生, in twenty…`` → ``<speak><voice name="cmn-latn-pinyin">tan2 kai1
    sheng1</voice><voice name="en-us">, in twenty…</voice></speak>``.

    The other runs are in ``voice``'s own ``<voice>`` too: after a ``</voice>`` espeak-ng
    1.51 goes back to a British voice, not the one given with ``-v``. Everything
    else is XML-escaped.
    """
    names = tuple(names)
    out, start = [], 0

    def other(part: str) -> None:
        if part.strip():
            out.append(f"<voice name={quoteattr(voice)}>{escape(part)}</voice>")

    for match in _CHINESE_RUN.finditer(text):
        other(text[start:match.start()])
        pinyin = to_pinyin(match.group(), names=names)
        if pinyin:
            out.append(f"<voice name={quoteattr(PINYIN_VOICE)}>{pinyin}</voice>")
        start = match.end()
    other(text[start:])
    return "<speak>" + "".join(out) + "</speak>"


def engine_input(text: str, language: str, *, names: Iterable[str] = ()) -> EngineInput:
    """``text`` (written in the speech language ``language``) as the engine's input."""
    if language in ("en", "ug"):
        return EngineInput(to_ssml(text, names=names, voice=VOICES[language]),
                           VOICES[language])
    if language != "zh_CN":
        raise ValueError(f"no speech texts in {language!r}")
    return EngineInput(to_pinyin(text, names=names), PINYIN_VOICE)

