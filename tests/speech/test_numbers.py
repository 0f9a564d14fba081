"""Numbers as spoken Mandarin (kiosk.speech.numbers): exact strings, table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.speech.numbers import (
    spoken_amount,
    spoken_count,
    spoken_date,
    spoken_digits,
    spoken_integer,
    spoken_numbers_in,
    spoken_year,
)


@pytest.mark.parametrize(("value", "said"), [
    (0, "零"),
    (2, "二"),
    (10, "十"),
    (15, "十五"),
    (20, "二十"),
    (110, "一百一十"),
    (208, "两百零八"),
    (1015, "一千零一十五"),
    (2288, "两千两百八十八"),
    (10443, "一万零四百四十三"),
    (20000, "两万"),
    (100010, "十万零一十"),
    (150000, "十五万"),
    (1000_0000, "一千万"),
    (1_0000_0001, "一亿零一"),
    (-35, "负三十五"),
])
def test_integers(value: int, said: str) -> None:
    assert spoken_integer(value) == said


@pytest.mark.parametrize(("fen", "said", "source"), [
    (1044380, "一万零四百四十三元八角", "the issue's example"),
    (76000, "七百六十元", "the issue's pending sum"),
    (0, "零元", "nothing paid"),
    (5, "五分", "below one jiao"),
    (85, "八角五分", "below one yuan"),
    (200, "两元", "两 before a unit"),
    (220, "两元两角", "两 jiao too"),
    (305, "三元零五分", "zero jiao before fen"),
    (100010, "一千元一角", "zero yuan digits, one jiao"),
    (20800, "两百零八元", "a month of basic pension"),
    (3500000, "三万五千元", "危房改造 second instalment"),
])
def test_amounts(fen: int, said: str, source: str) -> None:
    assert spoken_amount(fen) == said, source


@pytest.mark.parametrize(("text", "said"), [
    ("12388", "一二三八八"),
    ("13800138000", "一三八零零一三八零零零"),
    ("QS01-000007", "丘艾丝零一，零零零零零七"),
    ("0731 8888", "零七三一，八八八八"),
])
def test_digits(text: str, said: str) -> None:
    assert spoken_digits(text) == said


def test_counts_say_liang() -> None:
    assert [spoken_count(n) for n in (1, 2, 12, 22)] == ["一", "两", "十二", "二十二"]


def test_years_and_dates() -> None:
    assert spoken_year(2026) == "二零二六年"
    assert spoken_date(date(2026, 11, 20)) == "十一月二十日"
    assert spoken_date(date(2026, 1, 1), year=True) == "二零二六年一月一日"


@pytest.mark.parametrize(("text", "said"), [
    ("2026年耕地地力保护补贴发放名单", "二零二六年耕地地力保护补贴发放名单"),
    ("监督电话12388", "监督电话一二三八八"),
    ("每人每月 280–420 元", "每人每月 两百八十到四百二十 元"),
    ("每户 1.5–3.5 万元", "每户 一点五到三点五 万元"),
    ("共3,500元", "共三千五百元"),
    ("救助 70% 左右", "救助 百分之七十 左右"),
    ("电话0731-5551234", "电话零七三一-五五五一二三四"),
    ("没有数字", "没有数字"),
])
def test_numbers_in_free_text(text: str, said: str) -> None:
    assert spoken_numbers_in(text) == said
