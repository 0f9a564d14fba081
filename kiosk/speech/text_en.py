"""What each villager screen says aloud in English (the screens in English, issue 18).

The English counterparts of :mod:`kiosk.speech.text`, the same essentials per
screen; numbers in words by :mod:`kiosk.speech.english`. Data stays as written
(names, item names, notice titles, the county's replies are Chinese): it is left
in the text as it is, with its numbers in Chinese words, and
:func:`kiosk.speech.markup.to_ssml` has the Mandarin voice read those runs inside
the English speech.

Pure functions over the lookup's dataclasses; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from kiosk.speech.english import en_amount, en_date, en_digits, en_integer, en_numbers_in, en_year
from kiosk.speech.essentials import (
    MAX_LISTED,
    as_written,
    latest_payments,
    listed,
    other_years,
    paid_fen,
    year_shown,
)

if TYPE_CHECKING:
    from kiosk.complaints import ComplaintStatus
    from kiosk.lookup import LookupResult, PaymentLine

__all__ = [
    "FIXED_PROMPTS_EN",
    "HOTLINE_EN",
    "STATUS_SPOKEN_EN",
    "benefits_text_en",
    "complaint_filed_text_en",
    "data_en",
    "detail_text_en",
    "error_text_en",
    "my_complaints_text_en",
    "notice_text_en",
    "notices_text_en",
    "print_text_en",
]

HOTLINE_EN = en_digits("12388")
_ASK = f"If anything is wrong, tap Complain, or call {HOTLINE_EN}."

#: The same keys as :data:`kiosk.speech.text.FIXED_PROMPTS`.
FIXED_PROMPTS_EN: Mapping[str, str] = {
    "welcome": "Please lay your ID card on the reader. To read the notices, tap the button "
               "at the bottom of the screen.",
    "reading": "Reading your ID card. Please do not move it.",
    "complaint_about": "Which benefit is your complaint about? Please tap it on the screen.",
    "complaint": ("Please tap your problem: money not received, wrong amount, taken by "
                  "someone else, my name should not be on it, officials' conduct, or "
                  f"something else. You can also call {HOTLINE_EN}."),
    "complaint_text": ("Please write your problem on the screen, then tap Next. If you "
                       "cannot write, just tap Next."),
    "complaint_phone": ("You may leave a phone number, so that the county discipline "
                        "commission can call you; or leave none."),
    "complaint_identity": ("Please choose whether to leave your name. Without a name, the "
                           "complaint is handled just the same."),
    "complaint_confirm": "Please check what is on the screen; if it is right, tap Submit.",
    "printing": "Printing your receipt. Please wait.",
    "printed": "Your receipt is printed. Please take it from the slot.",
    "no_record": ("No benefit payments were found for you. If you think this is wrong, "
                  f"you can complain on this kiosk, or call {HOTLINE_EN}."),
}

#: Payment statuses as said aloud.
STATUS_SPOKEN_EN: Mapping[str, str] = {"paid": "paid", "pending": "waiting to be paid",
                                       "returned": "returned"}


def data_en(text: str) -> str:
    """Data as written (Chinese stays Chinese, its numbers in Chinese words; other text
    gets English number words)."""
    return as_written(text, en_numbers_in)


def _count(value: int, noun: str) -> str:
    return f"{en_integer(value)} {noun}{'' if value == 1 else 's'}"


def _sentence(name: str, text: str) -> str:
    """``text`` as a sentence: after the holder's name (``谭开生, in …``) or capitalised."""
    return f"{name}, {text}" if name else text[:1].upper() + text[1:]


def _lead(name: str, year: int, total: int, pending: int) -> str:
    said = f"in {en_year(year)}"
    if total:
        text = f"{said} you have received {en_amount(total)} in benefits"
        text += f", and {en_amount(pending)} is still to be paid." if pending else "."
    else:
        text = f"{said} you have not received any benefits yet"
        text += f"; {en_amount(pending)} is waiting to be paid." if pending else "."
    return _sentence(name, text)


def benefits_text_en(result: LookupResult, *, name: str = "", year: int | None = None) -> str:
    """The benefits screen's essentials in English (see :func:`kiosk.speech.text.benefits_text`).

    Raises ``ValueError`` if ``year`` has no records.
    """
    if not result.years:
        prompt = FIXED_PROMPTS_EN["no_record"]
        return _sentence(name, prompt[:1].lower() + prompt[1:])
    summary = year_shown(result, year)
    text = _lead(name, summary.year, summary.total_fen, summary.pending_fen)
    items, rest = listed(summary.items)
    if items:
        parts = [f"{item.item_name}, {en_amount(item.total_fen)}" for item in items]
        tail = f"; and {_count(rest, 'more item')}, see the screen" if rest > 0 else ""
        text += " Of this: " + "; ".join(parts) + tail + "."
    if summary.returned_fen:
        text += " " + _sentence("", f"{en_amount(summary.returned_fen)} was returned; please "
                                "ask the village why.")
    others, more = other_years(result, summary)
    if others:
        said = ", ".join(map(en_year, others)) + (" and others" if more else "")
        text += f" The screen also shows the records of {said}."
    return f"{text} {_ASK}"


def _payment(p: PaymentLine) -> str:
    status = STATUS_SPOKEN_EN.get(p.status, "")
    return f"{en_date(p.paid_on, year=True)}, {en_amount(p.amount_fen)}, {status}"


def detail_text_en(item_name: str, payments: Sequence[PaymentLine], *,
                   standard: str = "") -> str:
    """One item's screen: how many payments, their paid sum, the latest few, the standard."""
    paid = paid_fen(payments)
    text = f"{item_name}: {_count(len(payments), 'payment')} on record"
    text += f", {en_amount(paid)} paid." if payments else "."
    latest = latest_payments(payments)
    if latest:
        head = "The latest" if len(latest) == 1 else f"The latest {en_integer(len(latest))}"
        text += f" {head}: " + "; ".join(map(_payment, latest)) + "."
    if standard:
        text += f" Standard: {data_en(standard)}."
    return text


def notices_text_en(notices: Sequence[tuple[str, str, date]]) -> str:
    """The notices screen: how many, then kind and title of the first few.

    ``notices`` are ``(kind, title, published_on)``, in screen order, the kind as the
    screen shows it.
    """
    if not notices:
        return "There are no notices now."
    parts = [f"Number {en_integer(i)}, {data_en(kind)}, {data_en(title)}, published "
             f"{en_date(published)}." for i, (kind, title, published)
             in enumerate(notices[:MAX_LISTED], start=1)]
    verb = "is" if len(notices) == 1 else "are"
    text = f"There {verb} {_count(len(notices), 'notice')}. " + " ".join(parts)
    if len(notices) > MAX_LISTED:
        text += " The rest are on the screen."
    return text + " Tap a title to read it in full."


def notice_text_en(title: str, body: str) -> str:
    """One notice opened: its title and text (data, as written)."""
    return f"{data_en(title)}. {data_en(body)}"


def complaint_filed_text_en(ticket_no: str) -> str:
    """After a complaint is filed: its ticket number, digit by digit, and what happens next."""
    return (f"Your complaint has been sent. Its number is {en_digits(ticket_no)}. Please "
            "write the number down or print a receipt. When there is an answer, lay your "
            "ID card on the reader again to hear it.")


def my_complaints_text_en(complaints: Sequence[ComplaintStatus],
                          reasons: Mapping[str, str]) -> str:
    """The "my complaints" screen: each one's date, reason (``reasons``: code → English
    words) and whether it has been answered, with the answer."""
    if not complaints:
        return "You have no complaints on record."
    from kiosk.timefmt import to_local  # zoneinfo only

    parts = []
    for i, c in enumerate(complaints[:MAX_LISTED], start=1):
        when = en_date(to_local(c.created_at).date())
        what = reasons.get(c.category, "something else")
        state = (f"answered: {data_en(c.reply_text)}" if c.reply_text
                 else "being handled, not answered yet")
        parts.append(f"Number {en_integer(i)}, sent {when}, {what}, {state}.")
    verb = "complaint" if len(complaints) == 1 else "complaints"
    return f"You have {en_integer(len(complaints))} {verb}. " + " ".join(parts)


def print_text_en(problem: str | None = None) -> str:
    """The receipt screen: printed, or what went wrong (``problem``, in English)."""
    return FIXED_PROMPTS_EN["printed"] if problem is None else error_text_en(problem)


def error_text_en(message: str) -> str:
    """An error screen's message (as shown in English) with its numbers in words."""
    return en_numbers_in(message)
