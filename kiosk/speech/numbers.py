"""Numbers as spoken Mandarin words: 10443.80 元 → 一万零四百四十三元八角.

Speech engines misread digits, thousands separators and decimal points
("10,443.80元"), so everything numeric is turned into words before synthesis.
Money is read in ordinary spoken numerals (not the financial capitals of
:func:`kiosk.money.to_capitals`: 陆 and 贰 are ambiguous to a listener), years,
phone and ticket numbers digit by digit, dates as 月日.

Pure functions, standard library only.
"""

from __future__ import annotations

import re
from datetime import date

from kiosk.money import join_digits, join_sections

__all__ = [
    "spoken_amount",
    "spoken_count",
    "spoken_date",
    "spoken_digits",
    "spoken_integer",
    "spoken_numbers_in",
    "spoken_year",
]

_DIGITS = "零一二三四五六七八九"
#: A digit counted in 元/角/分: 两 for 2, as people say it.
_SPOKEN_UNIT_DIGITS = "零一两三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_SECTION_UNITS = ("", "万", "亿", "万亿")
#: Latin letters in ticket numbers (QS01-000007), as Mandarin speakers name them.
_LETTERS = {
    "A": "诶", "B": "比", "C": "西", "D": "迪", "E": "伊", "F": "艾弗", "G": "吉",
    "H": "艾尺", "I": "艾", "J": "杰", "K": "开", "L": "艾勒", "M": "艾姆", "N": "恩",
    "O": "欧", "P": "批", "Q": "丘", "R": "阿", "S": "艾丝", "T": "提", "U": "优",
    "V": "维", "W": "达不留", "X": "艾克斯", "Y": "歪", "Z": "贼",
}


def _section(value: int) -> str:
    """0 < value < 10000 without a leading zero: 1015 → 一千零一十五."""
    # 两百, 两千 as people say them; 二十 and a final 二 stay.
    return join_digits(value, lambda digit, position: (
        "两" if digit == 2 and position >= 2 else _DIGITS[digit]) + _SMALL_UNITS[position])


def spoken_integer(value: int) -> str:
    """A whole number as spoken: 10443 → 一万零四百四十三, 15 → 十五, 0 → 零,
    2288 → 两千二百八十八 (两 before 百, 千, 万 and 亿, 二 elsewhere).

    A leading 一十 is said 十 (十五, 十万), inside a number it is kept
    (一百一十). Negative numbers get 负. Raises ``ValueError`` at 10¹⁶ and above.
    """
    if value < 0:
        return "负" + spoken_integer(-value)
    if value >= 10**16:
        raise ValueError(f"number too large to read aloud: {value}")
    if value == 0:
        return "零"
    text = join_sections(value, lambda part, index: (
        "两" if part == 2 and index else _section(part)) + _SECTION_UNITS[index])
    return text[1:] if text.startswith("一十") else text


def spoken_count(value: int) -> str:
    """A count before a measure word: 2 → 两 (两条), otherwise :func:`spoken_integer`."""
    return "两" if value == 2 else spoken_integer(value)


def spoken_amount(fen: int) -> str:
    """Money in fen as spoken 元角分: 1044380 → 一万零四百四十三元八角.

    A lone 2 before a unit is 两 (两元, 两角). ``0`` → 零元; below one yuan only
    角/分 (八角五分); a zero 角 before a 分 is said 零 (三元零五分). Negative
    amounts get 负.
    """
    if fen < 0:
        return "负" + spoken_amount(-fen)
    yuan, cents = divmod(fen, 100)
    jiao, fen_digit = divmod(cents, 10)
    if fen == 0:
        return "零元"
    whole = spoken_integer(yuan)
    out = ("两" if whole == "二" else whole) + "元" if yuan else ""
    if jiao:
        out += _SPOKEN_UNIT_DIGITS[jiao] + "角"
    elif yuan and fen_digit:
        out += "零"
    if fen_digit:
        out += _SPOKEN_UNIT_DIGITS[fen_digit] + "分"
    return out


def spoken_digits(text: str) -> str:
    """Digits and letters one by one (phone and ticket numbers): 12388 → 一二三八八,
    ``QS01-000007`` → 丘艾丝零一，零零零零零七. Other characters are dropped, a
    hyphen or space becomes a short pause (，)."""
    out: list[str] = []
    for ch in text:
        if ch.isascii() and ch.isdigit():
            out.append(_DIGITS[int(ch)])
        elif ch.upper() in _LETTERS:
            out.append(_LETTERS[ch.upper()])
        elif ch in "- " and out and out[-1] != "，":
            out.append("，")
    return "".join(out).strip("，")


def spoken_year(year: int) -> str:
    """A year digit by digit: 2026 → 二零二六年."""
    return spoken_digits(str(year)) + "年"


def spoken_date(day: date, *, year: bool = False) -> str:
    """A date as 月日: 2026-11-20 → 十一月二十日 (``year=True``: 二零二六年十一月二十日)."""
    text = f"{spoken_integer(day.month)}月{spoken_integer(day.day)}日"
    return spoken_year(day.year) + text if year else text


_RANGE = re.compile(r"(?<=[0-9])\s*[–~～—]\s*(?=[0-9])")
_NUMBER = re.compile(r"(?<![0-9.])([0-9][0-9,]*(?:\.[0-9]+)?)(年|%|％)?")


def _replace(match: re.Match[str]) -> str:
    number, suffix = match.group(1), match.group(2) or ""
    plain = number.replace(",", "")
    if suffix == "年" and re.fullmatch(r"[0-9]{4}", plain):
        return spoken_year(int(plain))
    if suffix in ("%", "％"):
        return "百分之" + _decimal(plain)
    if "." not in plain and ((len(plain) >= 5 and "," not in number) or (plain.startswith("0")
                             and len(plain) > 1)):
        # 12388, 13800138000, 0731-…: numbers people dial or copy, read digit by digit.
        return spoken_digits(plain) + suffix
    return _decimal(plain) + suffix


def _decimal(plain: str) -> str:
    whole, _, fraction = plain.partition(".")
    text = spoken_integer(int(whole))
    if fraction:
        text += "点" + spoken_digits(fraction)
    return text


def spoken_numbers_in(text: str) -> str:
    """Free text (notice titles, error messages) with every number put into words.

    A four-digit number before 年 is a year (2026年 → 二零二六年); a number of five
    or more digits written without separators, or with a leading zero, is dialled or
    copied (12388 → 一二三八八); anything else is a quantity (1.5万 → 一点五万,
    3,500 → 三千五百, 70% → 百分之七十, 280–420 → 二百八十到四百二十).
    """
    return _NUMBER.sub(_replace, _RANGE.sub("到", text))
