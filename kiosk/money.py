"""Money: integer fen (分) in, text out — and text in, integer fen out.

One module serves the screen, the receipt, the CLI and the county importer so
that an amount reads the same everywhere. Never use float for money: parsing
goes through :class:`decimal.Decimal`, arithmetic stays in integers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from kiosk.errors import KioskError

__all__ = [
    "MAX_FEN",
    "AmountError",
    "format_yuan",
    "join_digits",
    "join_sections",
    "parse_yuan",
    "to_capitals",
]

#: Largest amount handled (9999 9999 9999.99 yuan, three 万 sections).
MAX_FEN = 999_999_999_999_99

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_SECTION_UNITS = ("", "万", "亿")


class AmountError(KioskError, ValueError):
    """A text that is not a valid non-negative amount of yuan with ≤ 2 decimals."""

    code = "money.bad_amount"


def format_yuan(fen: int, *, symbol: bool = True) -> str:
    """Format fen as yuan with thousands separators: ``123450`` → ``¥1,234.50``.

    Negative amounts get a leading minus (``-¥1.00``). ``symbol=False`` drops
    the ``¥`` (for table cells whose header already says 元).
    """
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{'¥' if symbol else ''}{yuan:,}.{cents:02d}"


def join_digits(section: int, words: Callable[[int, int], str]) -> str:
    """0 < section < 10000 without a leading zero, one ``零`` for each run of inner zeros.

    ``words(digit, position)`` writes one non-zero digit with its unit (position 0:
    none, 1: 拾/十, 2: 佰/百, 3: 仟/千).
    """
    out: list[str] = []
    pending_zero = False
    for position in range(3, -1, -1):
        digit = section // 10**position % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(words(digit, position))
    return "".join(out)


def _section_to_capitals(section: int) -> str:
    """0 < section < 10000 in capitals without leading zero: 1015 → 壹仟零壹拾伍."""
    # Financial writing always writes 壹 before 拾 (壹拾伍, never 拾伍),
    # so nobody can turn 拾伍 into 叁拾伍 with a pen.
    return join_digits(section, lambda digit, position: _DIGITS[digit]
                       + _SMALL_UNITS[position])


def join_sections(value: int, words: Callable[[int, int], str]) -> str:
    """A whole number > 0 written in 万 sections of four digits, with one ``零`` for each
    gap of zeros (an empty section, or a section's own leading zeros): rule 2 of the
    支付结算办法 writing rules, and how numbers are read aloud too.

    ``words(section, index)`` writes one non-zero section (0 < section < 10000) with
    its unit (index 0: none, 1: 万, 2: 亿 …).
    """
    sections: list[int] = []
    while value:
        value, section = divmod(value, 10_000)
        sections.append(section)
    out: list[str] = []
    zero_gap = False
    for index in range(len(sections) - 1, -1, -1):
        section = sections[index]
        if section == 0:
            zero_gap = bool(out)
            continue
        if out and (zero_gap or section < 1000):
            out.append("零")
        zero_gap = False
        out.append(words(section, index))
    return "".join(out)


def _integer_to_capitals(value: int) -> str:
    """Whole yuan in capitals with 万/亿 sections; 0 → ``零``."""
    if value == 0:
        return "零"
    return join_sections(value, lambda section, index: _section_to_capitals(section)
                         + _SECTION_UNITS[index])


def to_capitals(fen: int) -> str:
    """Amount in Chinese financial capitals (大写金额): 123450 → 壹仟贰佰叁拾肆元伍角.

    Follows the writing rules of the PBoC 支付结算办法: ``整`` after 元 when
    there are no 角 and 分; no ``整`` after 角; ``零`` after 元 when 角 is 0
    but 分 is not (叁佰贰拾伍元零肆分); one ``零`` for a run of zeros; 壹拾 for
    ten. Amounts below one yuan start at 角/分 (伍角). Raises ``ValueError``
    for negative amounts or amounts above :data:`MAX_FEN`.
    """
    if fen < 0 or fen > MAX_FEN:
        raise ValueError(f"amount out of range for capitals: {fen} fen")
    yuan, cents = divmod(fen, 100)
    jiao, fen_digit = divmod(cents, 10)
    if fen == 0:
        return "零元整"
    out = _integer_to_capitals(yuan) + "元" if yuan else ""
    if jiao == 0 and fen_digit == 0:
        return out + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen_digit:
        out += _DIGITS[fen_digit] + "分"
    return out


_AMOUNT = re.compile(r"-?[0-9]+(\.[0-9]*)?|-?\.[0-9]+")
_AMOUNT_NOISE = re.compile(r"[\s,，¥￥]|元$|人民币")
_FULLWIDTH_NUM = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "，": ",", "－": "-"}
)


def parse_yuan(text: str) -> int:
    """Parse a yuan amount as departments write it into integer fen.

    Accepts thousands separators, a ``¥``/``￥`` sign, a ``元`` suffix,
    full-width digits and at most two decimals: ``"1,234.5元"`` → ``123450``.
    Raises :class:`AmountError` for anything else, including negative numbers,
    more than two decimals, and amounts above :data:`MAX_FEN`.
    """
    cleaned = _AMOUNT_NOISE.sub("", text.translate(_FULLWIDTH_NUM).strip())
    cleaned = cleaned.removesuffix("元")
    if not _AMOUNT.fullmatch(cleaned):
        raise AmountError(f"not an amount of yuan: {text!r}")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the regex already guards this
        raise AmountError(f"not an amount of yuan: {text!r}") from None
    if value < 0:
        raise AmountError(f"negative amount: {text!r}")
    fen = value * 100
    if fen != fen.to_integral_value():
        raise AmountError(f"more than two decimals: {text!r}")
    if fen > MAX_FEN:
        raise AmountError(f"amount too large: {text!r}")
    return int(fen)
