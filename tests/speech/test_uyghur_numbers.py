"""Numbers as spoken Uyghur words (kiosk.speech.uyghur): table-driven, exact strings."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.speech.uyghur import (
    ug_amount,
    ug_date,
    ug_digits,
    ug_integer,
    ug_numbers_in,
    ug_ordinal,
    ug_year,
)


@pytest.mark.parametrize(("value", "words"), [
    (0, "نۆل"), (7, "يەتتە"), (10, "ئون"), (15, "ئون بەش"), (20, "يىگىرمە"),
    (43, "قىرىق ئۈچ"), (100, "بىر يۈز"), (110, "بىر يۈز ئون"), (1005, "بىر مىڭ بەش"),
    (2026, "ئىككى مىڭ يىگىرمە ئالتە"), (2288, "ئىككى مىڭ ئىككى يۈز سەكسەن سەككىز"),
    (10443, "ئون مىڭ تۆت يۈز قىرىق ئۈچ"), (100000, "بىر يۈز مىڭ"), (1000000, "بىر مىليون"),
    (1200050, "بىر مىليون ئىككى يۈز مىڭ ئەللىك"), (-3, "مىنۇس ئۈچ"),
])
def test_integers(value: int, words: str) -> None:
    assert ug_integer(value) == words


def test_too_large() -> None:
    with pytest.raises(ValueError, match="too large"):
        ug_integer(10**15)


@pytest.mark.parametrize(("value", "words"), [
    (1, "بىرىنچى"), (2, "ئىككىنچى"), (3, "ئۈچىنچى"), (6, "ئالتىنچى"), (7, "يەتتىنچى"),
    (9, "توققۇزىنچى"), (10, "ئونىنچى"), (20, "يىگىرمىنچى"), (21, "يىگىرمە بىرىنچى"),
    (30, "ئوتتۇزىنچى"), (31, "ئوتتۇز بىرىنچى"),
])
def test_ordinals(value: int, words: str) -> None:
    assert ug_ordinal(value) == words


@pytest.mark.parametrize(("fen", "words"), [
    (1044380, "ئون مىڭ تۆت يۈز قىرىق ئۈچ يۈەن سەككىز مو"), (76000, "يەتتە يۈز ئاتمىش يۈەن"),
    (100, "بىر يۈەن"), (200, "ئىككى يۈەن"), (5, "بەش پۇڭ"), (85, "سەككىز مو بەش پۇڭ"),
    (305, "ئۈچ يۈەن بەش پۇڭ"), (125580, "بىر مىڭ ئىككى يۈز ئەللىك بەش يۈەن سەككىز مو"),
    (0, "نۆل يۈەن"), (-250, "مىنۇس ئىككى يۈەن بەش مو"),
])
def test_amounts(fen: int, words: str) -> None:
    assert ug_amount(fen) == words
    assert not any(ch.isdigit() for ch in words)


@pytest.mark.parametrize(("year", "words"), [
    (2026, "ئىككى مىڭ يىگىرمە ئالتىنچى يىلى"), (2005, "ئىككى مىڭ بەشىنچى يىلى"),
    (2000, "ئىككى مىڭىنچى يىلى"), (1998, "بىر مىڭ توققۇز يۈز توقسان سەككىزىنچى يىلى"),
])
def test_years(year: int, words: str) -> None:
    assert ug_year(year) == words


def test_dates() -> None:
    assert ug_date(date(2026, 11, 20)) == "يىگىرمىنچى نويابىر"
    assert ug_date(date(2026, 3, 1), year=True) == "ئىككى مىڭ يىگىرمە ئالتىنچى يىلى بىرىنچى مارت"


@pytest.mark.parametrize(("text", "words"), [
    ("12388", "بىر ئىككى ئۈچ سەككىز سەككىز"),
    ("QS01-000007", "كيۇ ئەس نۆل بىر، نۆل نۆل نۆل نۆل نۆل يەتتە"),
    ("138 0013 8000", "بىر ئۈچ سەككىز، نۆل نۆل بىر ئۈچ، سەككىز نۆل نۆل نۆل"),
    ("-7-", "يەتتە"),
])
def test_digits(text: str, words: str) -> None:
    assert ug_digits(text) == words


@pytest.mark.parametrize(("text", "words"), [
    ("12388 گە تېلېفون قىلىڭ", "بىر ئىككى ئۈچ سەككىز سەككىز گە تېلېفون قىلىڭ"),
    ("3,500 يۈەن", "ئۈچ مىڭ بەش يۈز يۈەن"), ("1.5", "بىر پۈتۈن بەش"),
    ("70%", "يۈزدە يەتمىش"), ("0731", "نۆل يەتتە ئۈچ بىر"), ("بەلگە يوق", "بەلگە يوق"),
])
def test_numbers_in_text(text: str, words: str) -> None:
    assert ug_numbers_in(text) == words
