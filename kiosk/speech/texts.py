"""The speech texts of each language other than Mandarin, as one bundle a language
(issue 18): :func:`ui.viewmodels.utterance_translated.translated_text` picks a
screen's text from the bundle of the screens' speech language
(:func:`kiosk.speech.markup.speech_language`).

Mandarin's texts are :mod:`kiosk.speech.text`; it is also what a screen falls back
to where a language has no text for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from kiosk.speech import text_en, text_ug
from kiosk.speech.village import VillageTexts
from kiosk.speech.village_en import VILLAGE_EN
from kiosk.speech.village_ug import VILLAGE_UG

if TYPE_CHECKING:
    from kiosk.complaints import ComplaintStatus
    from kiosk.lookup import LookupResult, PaymentLine

__all__ = ["TRANSLATED_TEXTS", "SpeechTexts"]


class _Benefits(Protocol):
    def __call__(self, result: LookupResult, *, name: str = "",
                 year: int | None = None) -> str: ...


class _Detail(Protocol):
    def __call__(self, item_name: str, payments: Sequence[PaymentLine], *,
                 standard: str = "") -> str: ...


@dataclass(frozen=True)
class SpeechTexts:
    """One language's speech texts, screen by screen."""

    fixed: Mapping[str, str]
    """The fixed prompts, keyed like :data:`kiosk.speech.text.FIXED_PROMPTS`."""
    benefits: _Benefits
    detail: _Detail
    notices: Callable[[Sequence[tuple[str, str, date]]], str]
    notice: Callable[[str, str], str]
    complaint_filed: Callable[[str], str]
    my_complaints: Callable[[Sequence[ComplaintStatus], Mapping[str, str]], str]
    error: Callable[[str], str]
    """An error message as shown (already in the language) with its numbers in words."""
    village: VillageTexts | None = None
    """查询投诉 and the 村务公开 screens (:mod:`kiosk.speech.village`; None: read in
    Mandarin)."""


#: Speech language → its texts.
TRANSLATED_TEXTS: Mapping[str, SpeechTexts] = {
    "en": SpeechTexts(text_en.FIXED_PROMPTS_EN, text_en.benefits_text_en,
                      text_en.detail_text_en, text_en.notices_text_en,
                      text_en.notice_text_en, text_en.complaint_filed_text_en,
                      text_en.my_complaints_text_en, text_en.error_text_en,
                      VILLAGE_EN),
    "ug": SpeechTexts(text_ug.FIXED_PROMPTS_UG, text_ug.benefits_text_ug,
                      text_ug.detail_text_ug, text_ug.notices_text_ug,
                      text_ug.notice_text_ug, text_ug.complaint_filed_text_ug,
                      text_ug.my_complaints_text_ug, text_ug.error_text_ug,
                      VILLAGE_UG),
}
