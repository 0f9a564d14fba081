"""What the screen on show says aloud (issue 18): a table from the screen to its text.

The texts themselves are :mod:`kiosk.speech.text`; :class:`ui.viewmodels.speech.SpeechModel`
speaks what :func:`utterance_for` returns. The root view-model is seen through
:class:`OnScreen`, so this module does not import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.speech.markup import speech_language
from kiosk.speech.numbers import spoken_numbers_in
from kiosk.speech.text import (
    FIXED_PROMPTS,
    benefits_text,
    complaint_filed_text,
    detail_text,
    error_text,
    my_complaints_text,
    notices_text,
)
from kiosk.speech.texts import TRANSLATED_TEXTS
from ui.tr import language
from ui.viewmodels.onscreen import OnScreen
from ui.viewmodels.screens import PUBLIC_SCREENS, Screen
from ui.viewmodels.utterance_translated import translated_text
from ui.viewmodels.utterance_village import ledger_mandarin
from ui.wording import REASON_LABELS_ZH

__all__ = ["OnScreen", "Utterance", "UtteranceSource", "mandarin_utterance", "utterance_for"]


@dataclass(frozen=True)
class Utterance:
    """What to say, the people's names in it (their surnames read as surnames), and
    the language it is written in (``zh_CN``, ``en`` or ``ug``, :mod:`kiosk.speech.markup`)."""

    text: str
    names: tuple[str, ...] = ()
    language: str = "zh_CN"


UtteranceSource = Callable[[], "Utterance | None"]
_PUBLIC = frozenset(s.value for s in PUBLIC_SCREENS)
_REASONS = {reason.value: label for reason, label in REASON_LABELS_ZH.items()}


def utterance_for(app: OnScreen) -> Utterance | None:
    """What the screen on show says aloud, in the speech language of the screens'
    language (Mandarin where a screen has no text in it); None where nothing is read
    (the clerk's)."""
    spoken = speech_language(language())
    if spoken in TRANSLATED_TEXTS:
        text = translated_text(app, TRANSLATED_TEXTS[spoken])
        if text is not None:
            name = app.holder_name or ""
            return Utterance(text, (name,) if name else (), spoken)
    return mandarin_utterance(app)


def mandarin_utterance(app: OnScreen) -> Utterance | None:
    """What the screen on show says aloud in Mandarin; None where nothing is read."""
    screen = app.screen
    name = app.holder_name or ""
    names = (name,) if name else ()
    if screen in ("welcome", "reading"):
        return Utterance(FIXED_PROMPTS[screen])
    if screen in ("readError", "unavailable"):
        return Utterance(error_text(app.message_source))
    result = app.benefits_model.result
    if screen == "benefits" and result is not None:
        index = app.benefits_model.yearIndex
        year = result.years[index].year if 0 <= index < len(result.years) else None
        return Utterance(benefits_text(result, name=name, year=year), names)
    if screen == "detail" and result is not None:
        detail = app.detail_model
        lines = [p for y in result.years for p in y.payments if p.item_code == detail.itemCode]
        standard = "" if detail.standard == "—" else detail.standard
        return Utterance(detail_text(detail.itemName, lines, standard=standard))
    if screen == "print" and app.print_model.spoken:
        return Utterance(error_text(app.print_model.spoken))
    if screen == "complaint":
        complaint = app.complaint_model
        if complaint.step == "done":
            return Utterance(complaint_filed_text(complaint.ticketNo))
        key = "complaint" if complaint.step == "reason" else f"complaint_{complaint.step}"
        return Utterance(FIXED_PROMPTS.get(key, FIXED_PROMPTS["complaint"]))
    if screen == "myComplaints":
        return Utterance(my_complaints_text(app.my_complaints_model.statuses, _REASONS))
    if screen == "complaintQuery":
        return Utterance(spoken_numbers_in(app.query_model.spoken()))
    if screen == "ledger":
        return Utterance(ledger_mandarin(app.ledger_model))
    if screen in _PUBLIC:
        return Utterance(app.public_model.spoken(Screen(screen)))
    if screen == "notices":
        notices = app.notices_model
        if notices.openIndex >= 0:
            return Utterance(spoken_numbers_in(f"{notices.title}。{notices.body}"))
        return Utterance(notices_text([(n.kind, n.title, n.published_on)
                                       for n in notices.shown()]))
    return None
