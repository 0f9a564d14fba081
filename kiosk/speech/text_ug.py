"""What each villager screen says aloud in Uyghur (the screens in Uyghur, issue 18).

The Uyghur counterparts of :mod:`kiosk.speech.text` and :mod:`kiosk.speech.text_en`,
the same essentials per screen (:mod:`kiosk.speech.essentials`); numbers in words by
:mod:`kiosk.speech.uyghur`. Data stays as written (names, item names, notice titles,
the county's replies are Chinese) and :func:`kiosk.speech.markup.to_ssml` has the
Mandarin voice read those runs inside the Uyghur speech. The wording awaits a
native speaker's review (docs/i18n.md).

Pure functions over the lookup's dataclasses; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from kiosk.speech import essentials as picks
from kiosk.speech.uyghur import ug_amount, ug_date, ug_digits, ug_integer, ug_ordinal, ug_year
from kiosk.speech.uyghur import ug_numbers_in as numbers_in

if TYPE_CHECKING:
    from kiosk.complaints import ComplaintStatus
    from kiosk.lookup import LookupResult, PaymentLine

__all__ = [
    "FIXED_PROMPTS_UG",
    "HOTLINE_UG",
    "STATUS_SPOKEN_UG",
    "benefits_text_ug",
    "complaint_filed_text_ug",
    "data_ug",
    "detail_text_ug",
    "error_text_ug",
    "my_complaints_text_ug",
    "notice_text_ug",
    "notices_text_ug",
    "print_text_ug",
]

HOTLINE_UG = ug_digits("12388")
_CALL = f"{HOTLINE_UG} گە تېلېفون قىلىڭ"
_ASK = f"خاتالىق بولسا، «ئەرز قىلىش» نى بېسىڭ ياكى {_CALL}."

#: The same keys as :data:`kiosk.speech.text.FIXED_PROMPTS`.
FIXED_PROMPTS_UG: Mapping[str, str] = {
    "welcome": "كىملىكىڭىزنى ئوقۇغۇچقا قويۇڭ. ئۇقتۇرۇشلارنى كۆرۈش ئۈچۈن ئېكراننىڭ "
               "ئاستىدىكى كۇنۇپكىنى بېسىڭ.",
    "reading": "كىملىك ئوقۇلۇۋاتىدۇ، قىمىرلاتماڭ.",
    "complaint_about": "قايسى ياردەم پۇلى توغرىسىدا ئەرز قىلىسىز؟ ئېكراندىن بېسىپ تاللاڭ.",
    "complaint": ("مەسىلىڭىزنى بېسىپ تاللاڭ: پۇل كەلمىدى، سوممىسى خاتا، باشقىلار "
                  "ئېلىۋالدى، ئىسمىم بۇ يەردە بولماسلىقى كېرەك، كادىرلارنىڭ ئىش ئۇسلۇبى، "
                  f"ياكى باشقا مەسىلە. {HOTLINE_UG} گە تېلېفون قىلسىڭىزمۇ بولىدۇ."),
    "complaint_text": ("مەسىلىڭىزنى ئېكرانغا يېزىپ، «كېيىنكى» نى بېسىڭ. يازالمىسىڭىز، "
                       "بىۋاسىتە «كېيىنكى» نى بېسىڭ."),
    "complaint_phone": ("تېلېفون نومۇرىڭىزنى قالدۇرسىڭىز، ناھىيەلىك ئىنتىزام تەكشۈرۈش "
                        "كومىتېتى سىزگە تېلېفون قىلالايدۇ؛ قالدۇرمىسىڭىزمۇ بولىدۇ."),
    "complaint_identity": ("ئىسمىڭىزنى قالدۇرامسىز ياكى قالدۇرمامسىز، تاللاڭ. ئىسىم "
                           "قالدۇرمىسىڭىزمۇ ئەرزىڭىز ئوخشاشلا بىر تەرەپ قىلىنىدۇ."),
    "complaint_confirm": "ئېكراندىكى مەزمۇننى تەكشۈرۈڭ، توغرا بولسا «يوللاش» نى بېسىڭ.",
    "printing": "تالون بېسىلىۋاتىدۇ، سەل ساقلاڭ.",
    "printed": "تالون بېسىلدى، قەغەز چىقىش ئېغىزىدىن ئېلىڭ.",
    "no_record": ("سىزنىڭ ياردەم پۇلى تارقىتىلغان خاتىرىڭىز تېپىلمىدى. خاتا دەپ قارىسىڭىز، "
                  f"بۇ ماشىنىدا ئەرز قىلىڭ ياكى {_CALL}."),
}

#: Payment statuses as said aloud.
STATUS_SPOKEN_UG: Mapping[str, str] = {"paid": "تارقىتىلدى",
                                       "pending": "تارقىتىلىشنى ساقلاۋاتىدۇ",
                                       "returned": "قايتۇرۇلدى"}


def data_ug(text: str) -> str:
    """Data as written (Chinese stays Chinese, its numbers in Chinese words; other text
    gets Uyghur number words)."""
    return picks.as_written(text, numbers_in)


def _address(name: str) -> str:
    return f"{name}، " if name else ""


def _lead(year: int, total: int, pending: int) -> str:
    if total:
        text = f"{ug_year(year)} سىز جەمئىي {ug_amount(total)} ياردەم پۇلى ئالدىڭىز"
        return text + (f"، يەنە {ug_amount(pending)} تېخى تارقىتىلمىدى." if pending else ".")
    text = f"{ug_year(year)} سىز تېخى ياردەم پۇلى ئالمىدىڭىز"
    return text + (f"؛ {ug_amount(pending)} تارقىتىلىشنى ساقلاۋاتىدۇ." if pending else ".")


def benefits_text_ug(result: LookupResult, *, name: str = "", year: int | None = None) -> str:
    """The benefits screen's essentials in Uyghur (see :func:`kiosk.speech.text.benefits_text`).

    Raises ``ValueError`` if ``year`` has no records.
    """
    if not result.years:
        return _address(name) + FIXED_PROMPTS_UG["no_record"]
    summary = picks.year_shown(result, year)
    text = _address(name) + _lead(summary.year, summary.total_fen, summary.pending_fen)
    items, rest = picks.listed(summary.items)
    if items:
        parts = [f"{item.item_name}، {ug_amount(item.total_fen)}" for item in items]
        tail = f"؛ يەنە {ug_integer(rest)} تۈر بار، ئېكراندىن كۆرۈڭ" if rest else ""
        text += " بۇنىڭ ئىچىدە: " + "؛ ".join(parts) + tail + "."
    if summary.returned_fen:
        text += f" {ug_amount(summary.returned_fen)} قايتۇرۇلدى، سەۋەبىنى كەنتتىن سوراڭ."
    others, more = picks.other_years(result, summary)
    if others:
        said = "، ".join(map(ug_year, others)) + (" قاتارلىق" if more else "")
        text += f" ئېكراندا يەنە {said}نىڭ خاتىرىلىرى بار."
    return f"{text} {_ASK}"


def _payment(p: PaymentLine) -> str:
    status = STATUS_SPOKEN_UG.get(p.status, "")
    return f"{ug_date(p.paid_on, year=True)}، {ug_amount(p.amount_fen)}، {status}"


def detail_text_ug(item_name: str, payments: Sequence[PaymentLine], *,
                   standard: str = "") -> str:
    """One item's screen: how many payments, their paid sum, the latest few, the standard."""
    text = f"{item_name}: جەمئىي {ug_integer(len(payments))} قېتىملىق خاتىرە بار"
    text += f"، {ug_amount(picks.paid_fen(payments))} تارقىتىلدى." if payments else "."
    latest = picks.latest_payments(payments)
    if latest:
        text += (f" ئەڭ يېقىنقى {ug_integer(len(latest))} قېتىمى: "
                 + "؛ ".join(map(_payment, latest)) + ".")
    if standard:
        text += f" ئۆلچىمى: {data_ug(standard)}."
    return text


def notices_text_ug(notices: Sequence[tuple[str, str, date]]) -> str:
    """The notices screen: how many, then kind and title of the first few.

    ``notices`` are ``(kind, title, published_on)``, in screen order, the kind as the
    screen shows it.
    """
    if not notices:
        return "ھازىر ئۇقتۇرۇش يوق."
    shown, rest = picks.listed(notices)
    parts = [f"{ug_ordinal(i)}، {data_ug(kind)}، {data_ug(title)}، {ug_date(published)} "
             "ئېلان قىلىنغان." for i, (kind, title, published) in enumerate(shown, start=1)]
    text = f"ھازىر {ug_integer(len(notices))} ئۇقتۇرۇش بار. " + " ".join(parts)
    if rest:
        text += " قالغانلىرىنى ئېكراندىن كۆرۈڭ."
    return text + " تولۇق ئوقۇش ئۈچۈن ماۋزۇنى بېسىڭ."


def notice_text_ug(title: str, body: str) -> str:
    """One notice opened: its title and text (data, as written)."""
    return f"{data_ug(title)}. {data_ug(body)}"


def complaint_filed_text_ug(ticket_no: str) -> str:
    """After a complaint is filed: its ticket number, digit by digit, and what happens next."""
    return (f"ئەرزىڭىز يوللاندى. نومۇرى {ug_digits(ticket_no)}. نومۇرنى يېزىۋېلىڭ ياكى "
            "تالون بېسىڭ. جاۋاب كەلگەندە، كىملىكىڭىزنى قايتا قويسىڭىز ئاڭلىيالايسىز.")


def my_complaints_text_ug(complaints: Sequence[ComplaintStatus],
                          reasons: Mapping[str, str]) -> str:
    """The "my complaints" screen: each one's date, reason (``reasons``: code → Uyghur
    words) and whether it has been answered, with the answer."""
    if not complaints:
        return "سىزنىڭ ئەرز خاتىرىڭىز يوق."
    from kiosk.timefmt import to_local  # zoneinfo only

    parts = []
    for i, c in enumerate(complaints[:picks.MAX_LISTED], start=1):
        state = (f"جاۋاب بېرىلدى: {data_ug(c.reply_text)}" if c.reply_text
                 else "بىر تەرەپ قىلىنىۋاتىدۇ، تېخى جاۋاب يوق")
        parts.append(f"{ug_ordinal(i)}، {ug_date(to_local(c.created_at).date())} يوللانغان، "
                     f"{reasons.get(c.category, 'باشقا مەسىلە')}، {state}.")
    return f"سىزنىڭ {ug_integer(len(complaints))} ئەرزىڭىز بار. " + " ".join(parts)


def print_text_ug(problem: str | None = None) -> str:
    """The receipt screen: printed, or what went wrong (``problem``, in Uyghur)."""
    return FIXED_PROMPTS_UG["printed"] if problem is None else error_text_ug(problem)


def error_text_ug(message: str) -> str:
    """An error screen's message (as shown in Uyghur) with its numbers in words."""
    return numbers_in(message)
