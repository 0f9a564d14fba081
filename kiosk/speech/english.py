"""Numbers as spoken English words: 10443.80 yuan → ten thousand four hundred and
forty-three yuan and eighty fen.

The English counterpart of :mod:`kiosk.speech.numbers`, for espeak-ng's ``en-us``
voice. Decisions (docs/speech.md):

- money in words, yuan and fen ("and eighty fen"; 角 is not used in English: 8 角 is
  eighty fen), British-style "and" after hundred, hyphenated tens (forty-three);
  no digits, separators or decimal points reach the engine;
- years as English speakers say them (twenty twenty-six, two thousand and five);
- dates as month and ordinal day (November twentieth);
- ticket and phone numbers digit by digit, letters by name; a lone capital "A" is
  read by espeak-ng as the article, so it is written "eigh".

Pure functions, standard library only.
"""

from __future__ import annotations

from datetime import date

from kiosk.speech.quantities import NumberWords, numbers_in

__all__ = [
    "MONTHS",
    "en_amount",
    "en_date",
    "en_digits",
    "en_integer",
    "en_numbers_in",
    "en_ordinal",
    "en_year",
]

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
         "ninety")
_SCALES = ("", " thousand", " million", " billion", " trillion")
_ORDINAL_ENDINGS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                    "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _below_hundred(value: int) -> str:
    if value < 20:
        return _ONES[value]
    tens, ones = divmod(value, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def _below_thousand(value: int) -> str:
    hundreds, rest = divmod(value, 100)
    if not hundreds:
        return _below_hundred(rest)
    head = f"{_ONES[hundreds]} hundred"
    return f"{head} and {_below_hundred(rest)}" if rest else head


def en_integer(value: int) -> str:
    """A whole number in words: 10443 → ten thousand four hundred and forty-three,
    1005 → one thousand and five, 0 → zero; negative numbers get "minus". Raises
    ``ValueError`` at 10¹⁵ and above."""
    if value < 0:
        return "minus " + en_integer(-value)
    if value >= 10**15:
        raise ValueError(f"number too large to read aloud: {value}")
    if value == 0:
        return "zero"
    groups: list[int] = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    words = [_below_thousand(g) + _SCALES[i] for i, g in enumerate(groups) if g][::-1]
    if len(groups) > 1 and 0 < groups[0] < 100:
        words[-1] = "and " + words[-1]  # one thousand and five
    return " ".join(words)


def en_ordinal(value: int) -> str:
    """An ordinal in words: 1 → first, 20 → twentieth, 23 → twenty-third."""
    words = en_integer(value)
    head, sep, last = words.rpartition("-" if "-" in words.split()[-1] else " ")
    if last in _ORDINAL_ENDINGS:
        last = _ORDINAL_ENDINGS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def en_amount(fen: int) -> str:
    """Money in fen in words: 1044380 → ten thousand four hundred and forty-three yuan
    and eighty fen; 100 → one yuan; 5 → five fen; 0 → zero yuan; negative → minus."""
    if fen < 0:
        return "minus " + en_amount(-fen)
    yuan, cents = divmod(fen, 100)
    parts = [f"{en_integer(yuan)} yuan"] if yuan or not cents else []
    if cents:
        parts.append(f"{en_integer(cents)} fen")
    return " and ".join(parts)


_LETTERS = {"A": "eigh"}


def en_digits(text: str) -> str:
    """Digits and letters one by one: 12388 → one two three eight eight,
    ``QS01-000007`` → Q S zero one, zero zero zero zero zero seven. Other characters
    are dropped; a hyphen or space becomes a short pause (a comma)."""
    out: list[str] = []
    for ch in text:
        if ch.isascii() and ch.isdigit():
            out.append(_ONES[int(ch)])
        elif ch.isascii() and ch.isalpha():
            out.append(_LETTERS.get(ch.upper(), ch.upper()))
        elif ch in "- " and out and out[-1] != ",":
            out.append(",")
    return " ".join(out).replace(" ,", ",").strip(", ")


def en_year(year: int) -> str:
    """A year as said: 2026 → twenty twenty-six, 2005 → two thousand and five,
    1998 → nineteen ninety-eight, 2000 → two thousand."""
    century, rest = divmod(year, 100)
    if not 1000 <= year <= 9999 or (century % 10 == 0 and rest < 10):
        return en_integer(year)
    return f"{_below_hundred(century)} " + (
        _below_hundred(rest) if rest >= 10 else "hundred" if not rest else f"oh {_ONES[rest]}")


def en_date(day: date, *, year: bool = False) -> str:
    """A date as month and day: 2026-11-20 → November twentieth (``year=True``:
    November twentieth, twenty twenty-six)."""
    text = f"{MONTHS[day.month - 1]} {en_ordinal(day.day)}"
    return f"{text}, {en_year(day.year)}" if year else text


_WORDS = NumberWords(integer=en_integer, digits=en_digits, point="point",
                     percent=lambda said: f"{said} percent")


def en_numbers_in(text: str) -> str:
    """Free English text with every number in words: five or more digits without
    separators, or a leading zero, are read digit by digit (12388 → one two three
    eight eight); anything else is a quantity (3,500 → three thousand five hundred,
    1.5 → one point five, 70% → seventy percent)."""
    return numbers_in(text, _WORDS)
