"""What the 查询投诉 and 村务公开 screens say aloud in a language other than Mandarin
(issue 18): the texts' shape, the same in every language, filled with one
language's :class:`VillageWords` (:mod:`kiosk.speech.village_en`,
:mod:`kiosk.speech.village_ug`).

Labels come in the language (as the screen shows them); data stays as written
(names, item names, project names, the power list's steps, the county's replies:
Chinese, read by the pinyin voice, :func:`kiosk.speech.markup.to_ssml`) through
``data``. The Mandarin texts of these screens are their view-models' own and
:func:`kiosk.speech.text.ledger_text`'s.

Pure functions; no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kiosk.speech import essentials as picks

if TYPE_CHECKING:
    from kiosk.ledger import Ledger, Totals

__all__ = ["VillageTexts", "VillageWords"]


@dataclass(frozen=True)
class VillageWords:
    """One language's words for these screens; the templates' ``{names}`` are
    :meth:`str.format` fields."""

    data: Callable[[str], str]
    """Data as written (:func:`kiosk.speech.essentials.as_written`)."""
    amount: Callable[[int], str]
    """Money in fen, in words."""
    digits: Callable[[str], str]
    """A ticket number, digit by digit."""
    date: Callable[..., str]
    """A day in words; ``year=True`` with its year."""
    year: Callable[[int], str]
    month: Callable[[int, int], str]
    """(year, month) in words."""
    step: Callable[[int], str]
    """A power's step number: Step two."""
    lines: Callable[[int], str]
    """How many lines a roll has: forty-one lines."""
    entries: Callable[[int], str]
    """How many entries a month has: two entries."""
    sep: str
    """Between the parts of one thing (``, ``)."""
    stage_sep: str
    """Between a project's stages (``; ``)."""
    query_prompts: Mapping[str, str]
    """查询投诉's pages without an answer (``ticket``, ``code``, ``busy``)."""
    query_result: str
    """``{ticket}``, ``{status}``."""
    query_reply: str
    """``{reply}``, after the result."""
    query_no_reply: str
    hub: str
    """``{sections}``."""
    no_rolls: str
    rolls: str
    """``{names}``."""
    roll: str
    """``{item}``, ``{lines}``, ``{total}``."""
    row_wrong: str
    """After a roll's line: what to tap if it is wrong."""
    powers: str
    """``{names}``."""
    no_projects: str
    projects: str
    """``{names}``."""
    document: str
    """``{name}``."""
    totals: str
    """``{income}``, ``{expense}``, ``{balance}``."""
    no_ledger: str
    ledger_year: str
    """``{year}``, ``{totals}``."""
    ledger_month: str
    """``{head}``, ``{totals}``, ``{entries}``."""
    ledger_entry: str
    """``{day}``, ``{summary}``, ``{kind}``, ``{amount}``."""
    rest: str
    voucher: str
    """``{voucher}``, ``{summary}``."""
    voucher_bare: str
    """``{summary}``."""


@dataclass(frozen=True)
class VillageTexts:
    """The speech texts of 查询投诉 and the 村务公开 screens in ``words``' language."""

    words: VillageWords

    def _names(self, things: Sequence[str]) -> str:
        return self.words.sep.join(self.words.data(t) for t in things)

    def query(self, step: str, *, ticket: str = "", status: str = "", reply: str = "",
              error: str = "") -> str:
        """查询投诉 (the query code typed is never read): the prompt of ``step``
        (``ticket``, ``code``, ``busy``), ``error`` (in the language, as shown) if there
        is one, or on ``result`` the ticket digit by digit, its ``status`` (as shown)
        and the county's reply."""
        w = self.words
        if step != "result":
            return picks.prompt_or_error(step, error, w.query_prompts, w.data)
        said = w.query_result.format(ticket=w.digits(ticket), status=w.data(status))
        return said + (w.query_reply.format(reply=w.data(reply)) if reply else w.query_no_reply)

    def hub(self, sections: Sequence[str]) -> str:
        """The 村务公开 hub: its sections (as shown)."""
        return self.words.hub.format(sections=self.words.sep.join(sections))

    def roll_items(self, items: Sequence[str]) -> str:
        """The items with a public roll."""
        return self.words.rolls.format(names=self._names(items)) if items else \
            self.words.no_rolls

    def roll(self, item_name: str, rows: int, total_fen: int) -> str:
        """One item's roll: how many lines, the village's total."""
        w = self.words
        return w.roll.format(item=w.data(item_name), lines=w.lines(rows),
                             total=w.amount(total_fen))

    def roll_row(self, name: str, group: str, period: str, amount_fen: int | None) -> str:
        """One line of a roll, and what to tap if it is wrong."""
        money = [] if amount_fen is None else [self.words.amount(amount_fen)]
        return picks.sentences([self.words.sep.join([self._names([name, group, period]),
                                                     *money]), self.words.row_wrong])

    def powers(self, names: Sequence[str]) -> str:
        """The micro-power list: the powers' names."""
        return self.words.powers.format(names=self._names(names))

    def power_page(self, step: int | None, title: str = "", text: str = "",
                   lines: Sequence[tuple[str, str]] = ()) -> str:
        """A power's page: step number ``step`` (1-based) with its ``title`` and ``text``
        (data), or (``step`` None) the page ``title`` (as shown) with its ``lines``
        (label as shown, data)."""
        w = self.words
        head = f"{w.step(step)}: {w.data(title)}" if step is not None else title
        return picks.sentences([head, w.data(text)]
                               + [f"{label}: {w.data(said)}" for label, said in lines])

    def projects(self, names: Sequence[str]) -> str:
        """The village projects list."""
        return self.words.projects.format(names=self._names(names)) if names else \
            self.words.no_projects

    def project(self, name: str, stages: Sequence[tuple[str, date, int | None, str]]) -> str:
        """A project's timeline: each stage (name as shown, day, amount, who)."""
        w = self.words
        steps = w.stage_sep.join(
            w.sep.join([label, w.date(day, year=True)] + ([w.amount(amount)] if amount else [])
                       + ([w.data(who)] if who else []))
            for label, day, amount, who in stages)
        return picks.sentences([w.data(name), steps])

    def document(self, name: str) -> str:
        """A project stage's document on show."""
        return self.words.document.format(name=self.words.data(name))

    def _totals(self, t: Totals) -> str:
        w = self.words
        return w.totals.format(income=w.amount(t.income_fen), expense=w.amount(t.expense_fen),
                               balance=w.amount(t.balance_fen))

    def ledger_months(self, year: Totals | None) -> str:
        """村级财务's months page: the year's totals (None: nothing published)."""
        w = self.words
        if year is None:
            return w.no_ledger
        label = w.year(int(year.label)) if year.label.isdigit() else w.data(year.label)
        return w.ledger_year.format(year=label, totals=self._totals(year))

    def ledger_month(self, ledger: Ledger, kinds: Mapping[str, str]) -> str:
        """A month's entries: its totals, then the first few (``kinds``: income/expense
        as shown)."""
        w = self.words
        month = picks.year_month(ledger.month)
        head = w.month(*month) if month else w.data(ledger.month)
        entries, rest = picks.listed(ledger.entries)
        said = [w.ledger_entry.format(day=w.date(e.entry_date), summary=w.data(e.summary),
                                      kind=kinds.get(e.kind, e.kind),
                                      amount=w.amount(e.amount_fen)) for e in entries]
        text = w.ledger_month.format(head=head, totals=self._totals(ledger.month_totals),
                                     entries=w.entries(len(ledger.entries)))
        return " ".join([text, *said] + ([w.rest] if rest else []))

    def voucher(self, voucher: str, summary: str) -> str:
        """An entry's voucher on show."""
        w = self.words
        if voucher:
            return w.voucher.format(voucher=w.data(voucher), summary=w.data(summary))
        return w.voucher_bare.format(summary=w.data(summary))
