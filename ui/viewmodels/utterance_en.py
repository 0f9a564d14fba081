"""What the screen on show says aloud when the screens are in English (issue 18).

The English counterpart of :func:`ui.viewmodels.utterance.utterance_for`; the texts
are :mod:`kiosk.speech.text_en`. Returns None for the screens that have no English
speech text yet (查询投诉 and the 村务公开 screens, whose spoken texts are built in
Chinese by their view-models): those are read in Mandarin.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kiosk.speech.text_en import (
    FIXED_PROMPTS_EN,
    benefits_text_en,
    complaint_filed_text_en,
    detail_text_en,
    error_text_en,
    my_complaints_text_en,
    notice_text_en,
    notices_text_en,
)
from ui.tr import tr
from ui.wording import REASON_LABELS_ZH

if TYPE_CHECKING:
    from ui.viewmodels.onscreen import OnScreen

__all__ = ["english_text"]

_CHINESE = re.compile(r"[\u3400-\u9fff]")


def _translated(message: str) -> str | None:
    """``message`` (Chinese, as kept by the view-model) in English, or None if the
    translation has none (a formatted message): then the screen is read in Mandarin."""
    english = tr(message)
    return None if not english or _CHINESE.search(english) else error_text_en(english)


def _reasons() -> dict[str, str]:
    out = {}
    for reason, label in REASON_LABELS_ZH.items():
        english = tr(label)
        out[reason.value] = english[:1].lower() + english[1:]
    return out


def _benefits(app: OnScreen, name: str) -> str | None:
    result = app.benefits_model.result
    if result is None:
        return None
    index = app.benefits_model.yearIndex
    year = result.years[index].year if 0 <= index < len(result.years) else None
    return benefits_text_en(result, name=name, year=year)


def _detail(app: OnScreen) -> str | None:
    result = app.benefits_model.result
    if result is None:
        return None
    detail = app.detail_model
    lines = [p for y in result.years for p in y.payments if p.item_code == detail.itemCode]
    standard = "" if detail.standard == "—" else detail.standard
    return detail_text_en(detail.itemName, lines, standard=standard)


def _complaint(app: OnScreen) -> str:
    complaint = app.complaint_model
    if complaint.step == "done":
        return complaint_filed_text_en(complaint.ticketNo)
    key = "complaint" if complaint.step == "reason" else f"complaint_{complaint.step}"
    return FIXED_PROMPTS_EN.get(key, FIXED_PROMPTS_EN["complaint"])


def _notices(app: OnScreen) -> str:
    notices = app.notices_model
    if notices.openIndex >= 0:
        return notice_text_en(notices.title, notices.body)
    return notices_text_en([(tr(n.kind), n.title, n.published_on) for n in notices.shown()])


def english_text(app: OnScreen) -> str | None:
    """The English speech text of the screen on show; None where there is none."""
    screen = app.screen
    name = app.holder_name or ""
    if screen in ("welcome", "reading"):
        return FIXED_PROMPTS_EN[screen]
    if screen in ("readError", "unavailable"):
        return _translated(app.message_source)
    if screen == "benefits":
        return _benefits(app, name)
    if screen == "detail":
        return _detail(app)
    if screen == "print" and app.print_model.spoken:
        shown = str(app.print_model.message)  # as on screen, in English
        return None if _CHINESE.search(shown) else error_text_en(shown)
    if screen == "complaint":
        return _complaint(app)
    if screen == "myComplaints":
        return my_complaints_text_en(app.my_complaints_model.statuses, _reasons())
    if screen == "notices":
        return _notices(app)
    return None
