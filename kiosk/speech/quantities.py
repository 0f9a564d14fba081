"""Numbers in free text put into words, the rule shared by the English and Uyghur texts
(:mod:`kiosk.speech.english`, :mod:`kiosk.speech.uyghur`): five or more digits
without separators, or a leading zero, are dialled or copied and read digit by
digit; anything else is a quantity, its fraction read digit by digit after the
language's word for the point.

Pure functions, standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["NumberWords", "numbers_in"]

_NUMBER = re.compile(r"(?<![0-9.])([0-9][0-9,]*(?:\.[0-9]+)?)(\s*[%％])?")


@dataclass(frozen=True)
class NumberWords:
    """A language's words for numbers in free text."""

    integer: Callable[[int], str]
    digits: Callable[[str], str]
    point: str
    """The word between the whole part and the fraction (``point``)."""
    percent: Callable[[str], str]
    """A quantity in words → that many percent."""


def numbers_in(text: str, words: NumberWords) -> str:
    """``text`` with every number in ``words``."""
    def replace(match: re.Match[str]) -> str:
        number, percent = match.group(1), match.group(2)
        plain = number.replace(",", "")
        if "." not in plain and ((len(plain) >= 5 and "," not in number)
                                 or (plain.startswith("0") and len(plain) > 1)):
            return words.digits(plain)
        whole, _, fraction = plain.partition(".")
        said = words.integer(int(whole))
        if fraction:
            said += f" {words.point} " + words.digits(fraction)
        return words.percent(said) if percent else said

    return _NUMBER.sub(replace, text)
