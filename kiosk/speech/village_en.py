"""What the 查询投诉 and 村务公开 screens say aloud in English (issue 18).

The English counterparts of the Mandarin texts their view-models make
(ui/viewmodels/complaintquery.py, public.py, projects.py, and
:func:`kiosk.speech.text.ledger_text`): the same essentials per page. Labels come
in English (as the screen shows them); data stays as written (names, item names,
project names, the power list's steps, the county's replies: Chinese, read by the
pinyin voice, :func:`kiosk.speech.text_en.data_en`). Numbers in words by
:mod:`kiosk.speech.english`.

Pure functions; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from kiosk.speech import essentials as picks
from kiosk.speech.english import MONTHS, en_amount, en_date, en_digits, en_integer, en_year
from kiosk.speech.text_en import data_en

if TYPE_CHECKING:
    from kiosk.ledger import Ledger, Totals

__all__ = [
    "document_text_en",
    "hub_text_en",
    "ledger_month_text_en",
    "ledger_months_text_en",
    "power_page_text_en",
    "powers_text_en",
    "project_text_en",
    "projects_text_en",
    "query_text_en",
    "roll_items_text_en",
    "roll_row_text_en",
    "roll_text_en",
    "voucher_text_en",
]

#: 查询投诉's pages without an answer, as said.
_QUERY_PROMPTS = {
    "ticket": ("Please type the complaint number from your receipt, then tap Next. For a "
               "number of this kiosk, type only the digits at the end."),
    "code": "Please type the six-digit query code from your receipt on the keys, then tap Search.",
    "busy": "Asking the county. Please wait.",
}


def _names(things: Sequence[str]) -> str:
    return ", ".join(data_en(t) for t in things)


def _plural(value: int, one: str, many: str) -> str:
    return f"{en_integer(value)} {one if value == 1 else many}"


def query_text_en(step: str, *, ticket: str = "", status: str = "", reply: str = "",
                  error: str = "") -> str:
    """查询投诉 (the query code typed is never read): the prompt of ``step``
    (``ticket``, ``code``, ``busy``), ``error`` (in English, as shown) if there is one,
    or on ``result`` the ticket digit by digit, its ``status`` (in English, as shown)
    and the county's reply."""
    if step == "result":
        said = f"Complaint number {en_digits(ticket)}. {data_en(status)}."
        return said + (f" Reply: {data_en(reply)}" if reply else " No reply yet.")
    return picks.prompt_or_error(step, error, _QUERY_PROMPTS, data_en)


def hub_text_en(sections: Sequence[str]) -> str:
    """The 村务公开 hub: its sections (in English, as shown)."""
    return f"Village affairs: {', '.join(sections)}. No ID card needed."


def roll_items_text_en(items: Sequence[str]) -> str:
    """The items with a public roll."""
    if not items:
        return "The village has no rolls on public display now."
    return f"Public rolls: {_names(items)}."


def roll_text_en(item_name: str, rows: int, total_fen: int) -> str:
    """One item's roll: how many lines, the village's total."""
    return (f"The public roll of {data_en(item_name)}: {_plural(rows, 'line', 'lines')}, "
            f"{en_amount(total_fen)} for the whole village.")


def roll_row_text_en(name: str, group: str, period: str, amount_fen: int | None) -> str:
    """One line of a roll, and what to tap if it is wrong."""
    money = f", {en_amount(amount_fen)}" if amount_fen is not None else ""
    return (f"{data_en(name)}, {data_en(group)}, {data_en(period)}{money}. If this payment "
            "is wrong, tap \"This payment is wrong\".")


def powers_text_en(names: Sequence[str]) -> str:
    """The micro-power list: the powers' names."""
    return f"Micro-power list: {_names(names)}."


def power_page_text_en(step: int | None, title: str = "", text: str = "",
                       lines: Sequence[tuple[str, str]] = ()) -> str:
    """A power's page: step number ``step`` (1-based) with its ``title`` and ``text``
    (data), or (``step`` None) the page ``title`` (English, as shown) with its
    ``lines`` (English label, data)."""
    head = f"Step {en_integer(step)}: {data_en(title)}" if step is not None else title
    return picks.sentences([head, data_en(text)]
                           + [f"{label}: {data_en(said)}" for label, said in lines])


def projects_text_en(names: Sequence[str]) -> str:
    """The village projects list."""
    if not names:
        return "The village's projects are not published on this kiosk yet."
    return f"Village projects: {_names(names)}. Tap one to see each step."


def project_text_en(name: str, stages: Sequence[tuple[str, date, int | None, str]]) -> str:
    """A project's timeline: each stage (English name, day, amount, who)."""
    steps = "; ".join(
        f"{label}, {en_date(day, year=True)}"
        + (f", {en_amount(amount)}" if amount else "") + (f", {data_en(who)}" if who else "")
        for label, day, amount, who in stages)
    return f"{data_en(name)}. {steps}." if steps else f"{data_en(name)}."


def document_text_en(name: str) -> str:
    """A project stage's document on show."""
    return f"A document of {data_en(name)}."


def _totals(t: Totals) -> str:
    return (f"income {en_amount(t.income_fen)}, expense {en_amount(t.expense_fen)}, "
            f"balance {en_amount(t.balance_fen)}")


def ledger_months_text_en(year: Totals | None) -> str:
    """村级财务's months page: the year's totals (None: nothing published)."""
    if year is None:
        return "The village's accounts are not published on this kiosk yet."
    label = en_year(int(year.label)) if year.label.isdigit() else data_en(year.label)
    return (f"Village finances. In {label}: {_totals(year)}. Tap a month to hear each "
            "entry of it.")


def ledger_month_text_en(ledger: Ledger, kinds: dict[str, str]) -> str:
    """A month's entries: its totals, then the first few (``kinds``: income/expense
    in English)."""
    month = picks.year_month(ledger.month)
    head = f"{MONTHS[month[1] - 1]} {en_year(month[0])}" if month else data_en(ledger.month)
    entries, rest = picks.listed(ledger.entries)
    said = [f"{en_date(e.entry_date)}, {data_en(e.summary)}, {kinds.get(e.kind, e.kind)} "
            f"{en_amount(e.amount_fen)}." for e in entries]
    text = (f"{head}: {_totals(ledger.month_totals)}; "
            f"{_plural(len(ledger.entries), 'entry', 'entries')}.")
    return " ".join([text, *said] + (["The rest are on the screen."] if rest else []))


def voucher_text_en(voucher: str, summary: str) -> str:
    """An entry's voucher on show."""
    return f"Voucher {data_en(voucher)}: {data_en(summary)}." if voucher else \
        f"Voucher: {data_en(summary)}."
