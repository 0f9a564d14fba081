"""What the screen on show says aloud when the screens are in English or Uyghur (issue 18).

The counterpart of :func:`ui.viewmodels.utterance.utterance_for` for the languages
other than Mandarin; the texts are :data:`kiosk.speech.texts.TRANSLATED_TEXTS`
(:mod:`kiosk.speech.text_en`, :mod:`kiosk.speech.text_ug`). Returns None for the
screens that have no text in the language: those are read in Mandarin.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kiosk.speech.texts import SpeechTexts
from ui.tr import tr
from ui.viewmodels.utterance_village import village_text
from ui.wording import REASON_LABELS_ZH

if TYPE_CHECKING:
    from ui.viewmodels.onscreen import OnScreen

__all__ = ["translated_text"]

_CHINESE = re.compile(r"[\u3400-\u9fff]")


def _translated(message: str, texts: SpeechTexts) -> str | None:
    """``message`` (Chinese, as kept by the view-model) in the screens' language, or None
    if the translation has none (a formatted message): then the screen is read in
    Mandarin."""
    translated = tr(message)
    return None if not translated or _CHINESE.search(translated) else texts.error(translated)


def _reasons() -> dict[str, str]:
    out = {}
    for reason, label in REASON_LABELS_ZH.items():
        translated = tr(label)
        out[reason.value] = translated[:1].lower() + translated[1:]
    return out


def _benefits(app: OnScreen, name: str, texts: SpeechTexts) -> str | None:
    result = app.benefits_model.result
    if result is None:
        return None
    index = app.benefits_model.yearIndex
    year = result.years[index].year if 0 <= index < len(result.years) else None
    return texts.benefits(result, name=name, year=year)


def _detail(app: OnScreen, texts: SpeechTexts) -> str | None:
    result = app.benefits_model.result
    if result is None:
        return None
    detail = app.detail_model
    lines = [p for y in result.years for p in y.payments if p.item_code == detail.itemCode]
    standard = "" if detail.standard == "—" else detail.standard
    return texts.detail(detail.itemName, lines, standard=standard)


def _complaint(app: OnScreen, texts: SpeechTexts) -> str:
    complaint = app.complaint_model
    if complaint.step == "done":
        return texts.complaint_filed(complaint.ticketNo)
    key = "complaint" if complaint.step == "reason" else f"complaint_{complaint.step}"
    return texts.fixed.get(key, texts.fixed["complaint"])


def _notices(app: OnScreen, texts: SpeechTexts) -> str:
    notices = app.notices_model
    if notices.openIndex >= 0:
        return texts.notice(notices.title, notices.body)
    return texts.notices([(tr(n.kind), n.title, n.published_on) for n in notices.shown()])


def translated_text(app: OnScreen, texts: SpeechTexts) -> str | None:
    """The screen on show's speech text in ``texts``; None where there is none."""
    screen = app.screen
    name = app.holder_name or ""
    if screen in ("welcome", "reading"):
        return texts.fixed[screen]
    if screen in ("readError", "unavailable"):
        return _translated(app.message_source, texts)
    if screen == "benefits":
        return _benefits(app, name, texts)
    if screen == "detail":
        return _detail(app, texts)
    if screen == "print" and app.print_model.spoken:
        shown = str(app.print_model.message)  # as on screen, translated
        return None if _CHINESE.search(shown) else texts.error(shown)
    if screen == "complaint":
        return _complaint(app, texts)
    if screen == "myComplaints":
        return texts.my_complaints(app.my_complaints_model.statuses, _reasons())
    if screen == "notices":
        return _notices(app, texts)
    return None if texts.village is None else village_text(app, texts.village)
