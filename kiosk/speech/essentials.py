"""What a screen's speech picks out, the same in every language's texts
(:mod:`kiosk.speech.text_en`, :mod:`kiosk.speech.text_ug`): the year on screen, the
first few of a list and how many more, the other years, the latest payments, and
data as written.

Pure functions over the lookup's dataclasses; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from kiosk.speech.numbers import spoken_numbers_in

if TYPE_CHECKING:
    from kiosk.lookup import LookupResult, PaymentLine, YearSummary

__all__ = ["CHINESE", "MAX_LISTED", "as_written", "latest_payments", "listed", "other_years",
           "paid_fen", "prompt_or_error", "sentences", "year_month", "year_shown"]

#: How many items, payments or notices are read before "the rest are on the screen".
MAX_LISTED = 5
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
T = TypeVar("T")


def year_shown(result: LookupResult, year: int | None) -> YearSummary:
    """The year on screen (``None``: the newest). Raises ``ValueError`` if ``year`` has
    no records, or there are none at all."""
    summary = next((y for y in result.years if year is None or y.year == year), None)
    if summary is None:
        raise ValueError(f"no records in {year}")
    return summary


def listed(things: Sequence[T], most: int = MAX_LISTED) -> tuple[Sequence[T], int]:
    """The first ``most`` of ``things`` and how many more there are."""
    return things[:most], max(0, len(things) - most)


def other_years(result: LookupResult, summary: YearSummary,
                most: int = 3) -> tuple[list[int], bool]:
    """The first ``most`` years on record besides the one on screen, newest first, and
    whether there are more."""
    years = [y.year for y in result.years if y.year != summary.year]
    return years[:most], len(years) > most


def paid_fen(payments: Sequence[PaymentLine]) -> int:
    """What the ``paid`` payments add up to."""
    return sum(p.amount_fen for p in payments if p.status == "paid")


def latest_payments(payments: Sequence[PaymentLine], most: int = 3) -> list[PaymentLine]:
    """The newest ``most`` payments, newest first."""
    return sorted(payments, key=lambda p: (p.paid_on, p.payment_id), reverse=True)[:most]


def as_written(text: str, numbers_in: Callable[[str], str]) -> str:
    """Data as written (names, item names, titles, replies): Chinese stays Chinese with
    its numbers in Chinese words (read by the pinyin voice); other text gets
    ``numbers_in``."""
    return spoken_numbers_in(text) if CHINESE.search(text) else numbers_in(text)


def prompt_or_error(step: str, error: str, prompts: Mapping[str, str],
                    said: Callable[[str], str]) -> str:
    """查询投诉 before an answer: ``error`` (as shown, through ``said``) unless the
    county is being asked, else the prompt of ``step`` (``ticket`` if it has none)."""
    if error and step != "busy":
        return said(error)
    return prompts.get(step, prompts["ticket"])


def sentences(parts: Sequence[str]) -> str:
    """The non-blank ``parts`` as sentences (``a. b.``)."""
    return ". ".join(p.strip() for p in parts if p.strip()) + "."


def year_month(label: str) -> tuple[int, int] | None:
    """A ledger month's label (``2026-10``) as (year, month); None if it is not one."""
    year, _, month = label.partition("-")
    if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return int(year), int(month)
    return None
