"""What the 查询投诉 and 村务公开 screens say aloud in Uyghur (issue 18).

The Uyghur counterparts of :mod:`kiosk.speech.village_en`, screen for screen, with
the same essentials (:mod:`kiosk.speech.essentials`). Labels come in Uyghur (as the
screen shows them, ui/i18n/village_kiosk_ug.ts); data stays as written (names,
item names, project names, the power list's steps, the county's replies: Chinese,
read by the pinyin voice inside the Uyghur speech, :func:`kiosk.speech.markup.to_ssml`).
Numbers in words by :mod:`kiosk.speech.uyghur`. The wording awaits a native
speaker's review (docs/i18n.md).

Pure functions; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from kiosk.speech import essentials as picks
from kiosk.speech.text_ug import data_ug
from kiosk.speech.uyghur import MONTHS_UG, ug_amount, ug_date, ug_digits, ug_integer, ug_ordinal
from kiosk.speech.uyghur import ug_year

if TYPE_CHECKING:
    from kiosk.ledger import Ledger, Totals

__all__ = [
    "document_text_ug",
    "hub_text_ug",
    "ledger_month_text_ug",
    "ledger_months_text_ug",
    "power_page_text_ug",
    "powers_text_ug",
    "project_text_ug",
    "projects_text_ug",
    "query_text_ug",
    "roll_items_text_ug",
    "roll_row_text_ug",
    "roll_text_ug",
    "voucher_text_ug",
]

#: 查询投诉's pages without an answer, as said.
_QUERY_PROMPTS = {
    "ticket": ("تالوندىكى ئەرز نومۇرىنى كىرگۈزۈپ، «كېيىنكى» نى بېسىڭ. بۇ ماشىنىنىڭ "
               "نومۇرى بولسا، ئاخىرىدىكى سانلارنىلا كىرگۈزۈڭ."),
    "code": "تالوندىكى ئالتە خانىلىق «سۈرۈشتۈرۈش كودى» نى كىرگۈزۈپ، «سۈرۈشتۈرۈش» نى بېسىڭ.",
    "busy": "ناھىيەدىن سۈرۈشتۈرۈۋاتىدۇ، سەل ساقلاڭ.",
}
_SEP = "، "


def _names(things: Sequence[str]) -> str:
    return _SEP.join(data_ug(t) for t in things)


def query_text_ug(step: str, *, ticket: str = "", status: str = "", reply: str = "",
                  error: str = "") -> str:
    """查询投诉 (the query code typed is never read): the prompt of ``step``
    (``ticket``, ``code``, ``busy``), ``error`` (in Uyghur, as shown) if there is one,
    or on ``result`` the ticket digit by digit, its ``status`` (in Uyghur, as shown)
    and the county's reply."""
    if step == "result":
        said = f"ئەرز نومۇرى {ug_digits(ticket)}. {data_ug(status)}."
        return said + (f" جاۋاب: {data_ug(reply)}" if reply else " تېخى جاۋاب يوق.")
    return picks.prompt_or_error(step, error, _QUERY_PROMPTS, data_ug)


def hub_text_ug(sections: Sequence[str]) -> str:
    """The 村务公开 hub: its sections (in Uyghur, as shown)."""
    return f"كەنت ئىشلىرى: {_SEP.join(sections)}. كىملىك كېرەك ئەمەس."


def roll_items_text_ug(items: Sequence[str]) -> str:
    """The items with a public roll."""
    if not items:
        return "كەنتىمىزدە ھازىر ئاشكارىلىنىۋاتقان تىزىملىك يوق."
    return f"ئاشكارىلانغان تىزىملىك: {_names(items)}."


def roll_text_ug(item_name: str, rows: int, total_fen: int) -> str:
    """One item's roll: how many lines, the village's total."""
    return (f"{data_ug(item_name)} تىزىملىكى: {ug_integer(rows)} قۇر، پۈتۈن كەنت بويىچە "
            f"جەمئىي {ug_amount(total_fen)}.")


def roll_row_text_ug(name: str, group: str, period: str, amount_fen: int | None) -> str:
    """One line of a roll, and what to tap if it is wrong."""
    money = f"{_SEP}{ug_amount(amount_fen)}" if amount_fen is not None else ""
    return (f"{_names([name, group, period])}{money}. بۇ قۇر خاتا بولسا، "
            "«بۇنىڭدا مەسىلە بار» نى بېسىڭ.")


def powers_text_ug(names: Sequence[str]) -> str:
    """The micro-power list: the powers' names."""
    return f"كەنت ھوقۇق تىزىملىكى: {_names(names)}."


def power_page_text_ug(step: int | None, title: str = "", text: str = "",
                       lines: Sequence[tuple[str, str]] = ()) -> str:
    """A power's page: step number ``step`` (1-based) with its ``title`` and ``text``
    (data), or (``step`` None) the page ``title`` (Uyghur, as shown) with its
    ``lines`` (Uyghur label, data)."""
    head = f"{ug_ordinal(step)} قەدەم: {data_ug(title)}" if step is not None else title
    return picks.sentences([head, data_ug(text)]
                           + [f"{label}: {data_ug(said)}" for label, said in lines])


def projects_text_ug(names: Sequence[str]) -> str:
    """The village projects list."""
    if not names:
        return "كەنتنىڭ قۇرۇلۇشلىرى بۇ ماشىنىدا تېخى ئاشكارىلانمىدى."
    return (f"كەنت قۇرۇلۇشلىرى: {_names(names)}. ھەر بىر باسقۇچىنى كۆرۈش ئۈچۈن بىرىنى "
            "بېسىڭ.")


def project_text_ug(name: str, stages: Sequence[tuple[str, date, int | None, str]]) -> str:
    """A project's timeline: each stage (Uyghur name, day, amount, who)."""
    steps = "؛ ".join(
        _SEP.join([label, ug_date(day, year=True)] + ([ug_amount(amount)] if amount else [])
                  + ([data_ug(who)] if who else []))
        for label, day, amount, who in stages)
    return picks.sentences([data_ug(name), steps])


def document_text_ug(name: str) -> str:
    """A project stage's document on show."""
    return f"{data_ug(name)}: قۇرۇلۇش ھۆججىتى."


def _totals(t: Totals) -> str:
    return (f"كىرىم {ug_amount(t.income_fen)}، چىقىم {ug_amount(t.expense_fen)}، "
            f"قالدۇق {ug_amount(t.balance_fen)}")


def ledger_months_text_ug(year: Totals | None) -> str:
    """村级财务's months page: the year's totals (None: nothing published)."""
    if year is None:
        return "كەنتنىڭ ھېساباتى تېخى بۇ ماشىنىدا ئاشكارىلانمىدى."
    label = ug_year(int(year.label)) if year.label.isdigit() else data_ug(year.label)
    return (f"كەنت مالىيىسى. {label}: {_totals(year)}. بىر ئاينى بېسىپ، شۇ ئاينىڭ ھەر "
            "بىر ھېسابىنى ئاڭلاڭ.")


def ledger_month_text_ug(ledger: Ledger, kinds: dict[str, str]) -> str:
    """A month's entries: its totals, then the first few (``kinds``: income/expense
    in Uyghur)."""
    month = picks.year_month(ledger.month)
    head = (f"{ug_year(month[0])} {MONTHS_UG[month[1] - 1]}" if month
            else data_ug(ledger.month))
    entries, rest = picks.listed(ledger.entries)
    said = [f"{ug_date(e.entry_date)}، {data_ug(e.summary)}، {kinds.get(e.kind, e.kind)} "
            f"{ug_amount(e.amount_fen)}." for e in entries]
    text = f"{head}: {_totals(ledger.month_totals)}؛ جەمئىي {ug_integer(len(ledger.entries))} ھېساب."
    return " ".join([text, *said] + (["قالغانلىرىنى ئېكراندىن كۆرۈڭ."] if rest else []))


def voucher_text_ug(voucher: str, summary: str) -> str:
    """An entry's voucher on show."""
    return f"ئىسپات {data_ug(voucher)}: {data_ug(summary)}." if voucher else \
        f"ئىسپات: {data_ug(summary)}."
