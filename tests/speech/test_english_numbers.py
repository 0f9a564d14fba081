"""Numbers as spoken English words (kiosk.speech.english): table-driven, exact strings."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.speech.english import (
    en_amount,
    en_date,
    en_digits,
    en_integer,
    en_numbers_in,
    en_ordinal,
    en_year,
)


@pytest.mark.parametrize(("value", "words"), [
    (0, "zero"), (7, "seven"), (15, "fifteen"), (20, "twenty"), (43, "forty-three"),
    (100, "one hundred"), (110, "one hundred and ten"), (1005, "one thousand and five"),
    (1015, "one thousand and fifteen"), (2288, "two thousand two hundred and eighty-eight"),
    (10443, "ten thousand four hundred and forty-three"), (100000, "one hundred thousand"),
    (1000000, "one million"), (1200050, "one million two hundred thousand and fifty"),
    (-3, "minus three"),
])
def test_integers(value: int, words: str) -> None:
    assert en_integer(value) == words


def test_too_large() -> None:
    with pytest.raises(ValueError, match="too large"):
        en_integer(10**15)


@pytest.mark.parametrize(("fen", "words"), [
    (1044380, "ten thousand four hundred and forty-three yuan and eighty fen"),
    (76000, "seven hundred and sixty yuan"), (100, "one yuan"), (5, "five fen"),
    (8005, "eighty yuan and five fen"), (125580, "one thousand two hundred and fifty-five yuan "
                                                 "and eighty fen"),
    (0, "zero yuan"), (-250, "minus two yuan and fifty fen"),
])
def test_amounts(fen: int, words: str) -> None:
    assert en_amount(fen) == words
    assert not any(ch.isdigit() for ch in words)


@pytest.mark.parametrize(("value", "words"), [
    (1, "first"), (2, "second"), (3, "third"), (5, "fifth"), (9, "ninth"), (12, "twelfth"),
    (20, "twentieth"), (21, "twenty-first"), (30, "thirtieth"), (31, "thirty-first"),
])
def test_ordinals(value: int, words: str) -> None:
    assert en_ordinal(value) == words


@pytest.mark.parametrize(("year", "words"), [
    (2026, "twenty twenty-six"), (2010, "twenty ten"), (2005, "two thousand and five"),
    (2000, "two thousand"), (1998, "nineteen ninety-eight"), (1900, "nineteen hundred"),
    (1905, "nineteen oh five"),
])
def test_years(year: int, words: str) -> None:
    assert en_year(year) == words


def test_dates_as_month_and_day() -> None:
    assert en_date(date(2026, 11, 20)) == "November twentieth"
    assert en_date(date(2026, 3, 1), year=True) == "March first, twenty twenty-six"


@pytest.mark.parametrize(("text", "words"), [
    ("12388", "one two three eight eight"),
    ("QS01-000007", "Q S zero one, zero zero zero zero zero seven"),
    ("A7", "eigh seven"),  # a lone "A" would be read as the article
    ("138 0013 8000", "one three eight, zero zero one three, eight zero zero zero"),
])
def test_digits_one_by_one(text: str, words: str) -> None:
    assert en_digits(text) == words


@pytest.mark.parametrize(("text", "words"), [
    ("Call 12388.", "Call one two three eight eight."),
    ("3,500 yuan, 1.5 mu, 70% paid", "three thousand five hundred yuan, one point five mu, "
                                     "seventy percent paid"),
    ("Room 0731", "Room zero seven three one"),
    ("no numbers", "no numbers"),
])
def test_numbers_in_free_text(text: str, words: str) -> None:
    assert en_numbers_in(text) == words
