"""Money formatting and parsing, table-driven against the PBoC writing rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.money import MAX_FEN, AmountError, format_yuan, parse_yuan, to_capitals


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "¥0.00"),
        (5, "¥0.05"),
        (123450, "¥1,234.50"),
        (100000000, "¥1,000,000.00"),
        (-100, "-¥1.00"),
    ],
)
def test_format_yuan(fen: int, text: str) -> None:
    assert format_yuan(fen) == text


def test_format_without_symbol() -> None:
    assert format_yuan(123450, symbol=False) == "1,234.50"


# Examples from 《支付结算办法》 附件 (正确填写票据和结算凭证的基本规定) where given,
# otherwise constructed to hit one rule each.
@pytest.mark.parametrize(
    ("fen", "capitals", "rule"),
    [
        (123450, "壹仟贰佰叁拾肆元伍角", "issue example; no 整 after 角"),
        (140950, "壹仟肆佰零玖元伍角", "PBoC: one zero in the middle → 零"),
        (600714, "陆仟零柒元壹角肆分", "PBoC: several zeros in the middle → one 零"),
        (168032, "壹仟陆佰捌拾元叁角贰分", "PBoC: 元位 zero, 角 not zero → 零 may be omitted"),
        (10700053, "壹拾万柒仟元伍角叁分", "PBoC: 万位 zero, 仟 not zero → one form allowed"),
        (1640902, "壹万陆仟肆佰零玖元零贰分", "PBoC: 角 zero, 分 not → 零 after 元"),
        (32504, "叁佰贰拾伍元零肆分", "PBoC: 角 zero, 分 not → 零 after 元"),
        (101500, "壹仟零壹拾伍元整", "PBoC: ¥1015.00 → 壹拾 written in full, 整 after 元"),
        (1000, "壹拾元整", "ten is 壹拾, never 拾"),
        (0, "零元整", "zero"),
        (50, "伍角", "below one yuan: starts at 角"),
        (5, "伍分", "below one yuan: starts at 分"),
        (100000000, "壹佰万元整", "round 万 section"),
        (1000050000, "壹仟万零伍佰元整", "zeros across the 万 boundary → one 零"),
        (100000000000, "壹拾亿元整", "亿"),
        (10000000100, "壹亿零壹元整", "empty 万 section → one 零"),
        (MAX_FEN, "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分", "maximum"),
    ],
)
def test_capitals(fen: int, capitals: str, rule: str) -> None:
    assert to_capitals(fen) == capitals, rule


@pytest.mark.parametrize("fen", [-1, MAX_FEN + 1])
def test_capitals_out_of_range(fen: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        to_capitals(fen)


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("1234.5", 123450),
        ("1,234.50", 123450),
        ("1，234.50元", 123450),
        ("¥ 80", 8000),
        ("￥80.00", 8000),
        ("１２３．４５", 12345),
        ("  208 ", 20800),
        (".5", 50),
        ("0", 0),
        ("人民币1000元", 100000),
    ],
)
def test_parse_yuan(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["", "abc", "-5", "1.234", "1e3", "12.3.4", "1,2,3元元x",
                                  "9999999999999.00"])
def test_parse_yuan_refuses(text: str) -> None:
    with pytest.raises(AmountError):
        parse_yuan(text)


@given(st.integers(min_value=0, max_value=MAX_FEN))
def test_format_parse_round_trip(fen: int) -> None:
    assert parse_yuan(format_yuan(fen)) == fen


@given(st.integers(min_value=0, max_value=MAX_FEN))
def test_capitals_shape(fen: int) -> None:
    text = to_capitals(fen)
    assert "零零" not in text
    assert not text.startswith("零") or fen == 0
    assert text.endswith(("整", "角", "分"))
    assert ("整" in text) == (fen % 100 == 0)
