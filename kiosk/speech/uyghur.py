"""Numbers as spoken Uyghur words (Arabic script): 10443.80 yuan → ئون مىڭ تۆت يۈز
قىرىق ئۈچ يۈەن سەككىز مو.

The Uyghur counterpart of :mod:`kiosk.speech.numbers` and :mod:`kiosk.speech.english`,
for espeak-ng's ``ug`` voice, which reads the Uyghur Arabic script. Decisions
(docs/read-aloud.md; to be reviewed by a native speaker, docs/i18n.md):

- whole numbers with the multiplier always said (بىر يۈز, بىر مىڭ), tens then ones
  (يىگىرمە ئالتە);
- money in يۈەن (yuan), مو (jiao) and پۇڭ (fen), as said in Xinjiang;
- years as ordinals before يىلى (ئىككى مىڭ يىگىرمە ئالتىنچى يىلى), dates as the
  ordinal day and the month's name (يىگىرمىنچى نويابىر), as the screens write them
  (``20-نويابىر``);
- ticket and phone numbers digit by digit, Latin letters by their names in Uyghur.

Pure functions, standard library only.
"""

from __future__ import annotations

from datetime import date

from kiosk.speech.quantities import NumberWords, numbers_in

__all__ = [
    "MONTHS_UG",
    "ug_amount",
    "ug_date",
    "ug_digits",
    "ug_integer",
    "ug_numbers_in",
    "ug_ordinal",
    "ug_year",
]

_ONES = ("نۆل", "بىر", "ئىككى", "ئۈچ", "تۆت", "بەش", "ئالتە", "يەتتە", "سەككىز", "توققۇز")
_TENS = ("", "ئون", "يىگىرمە", "ئوتتۇز", "قىرىق", "ئەللىك", "ئاتمىش", "يەتمىش", "سەكسەن",
         "توقسان")
_HUNDRED = "يۈز"
_SCALES = ("", "مىڭ", "مىليون", "مىليارد", "تىرىليون")
#: The months as the Uyghur screens name them (ui/i18n/village_kiosk_ug.ts).
MONTHS_UG = ("يانۋار", "فېۋرال", "مارت", "ئاپرېل", "ماي", "ئىيۇن", "ئىيۇل", "ئاۋغۇست",
             "سېنتەبىر", "ئۆكتەبىر", "نويابىر", "دېكابىر")
#: Latin letters in ticket numbers (QS01-000007), as Uyghur speakers name them; the
#: voice reads a bare Latin letter as a sound, not a name.
_LETTERS = {
    "A": "ئې", "B": "بې", "C": "سې", "D": "دې", "E": "ئى", "F": "ئەف", "G": "جې",
    "H": "ئېيچ", "I": "ئاي", "J": "جېي", "K": "كې", "L": "ئەل", "M": "ئەم", "N": "ئەن",
    "O": "ئو", "P": "پې", "Q": "كيۇ", "R": "ئار", "S": "ئەس", "T": "تې", "U": "يۇ",
    "V": "ۋې", "W": "دابليۇ", "X": "ئېكس", "Y": "ۋاي", "Z": "زېت",
}
_PAUSE = "،"


def _below_thousand(value: int) -> list[str]:
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    words = [_ONES[hundreds], _HUNDRED] if hundreds else []
    if tens:
        words.append(_TENS[tens])
    if ones:
        words.append(_ONES[ones])
    return words


def ug_integer(value: int) -> str:
    """A whole number in words: 10443 → ئون مىڭ تۆت يۈز قىرىق ئۈچ, 2026 → ئىككى مىڭ
    يىگىرمە ئالتە, 0 → نۆل; negative numbers get مىنۇس. Raises ``ValueError`` at 10¹⁵
    and above."""
    if value < 0:
        return "مىنۇس " + ug_integer(-value)
    if value >= 10**15:
        raise ValueError(f"number too large to read aloud: {value}")
    if value == 0:
        return _ONES[0]
    groups: list[int] = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    words: list[str] = []
    for index in reversed(range(len(groups))):
        if groups[index]:
            words += _below_thousand(groups[index]) + ([_SCALES[index]] if index else [])
    return " ".join(words)


def ug_ordinal(value: int) -> str:
    """An ordinal in words: 1 → بىرىنچى, 2 → ئىككىنچى, 6 → ئالتىنچى, 20 → يىگىرمىنچى."""
    words = ug_integer(value)
    if words.endswith("ە"):  # ئالتە → ئالتىنچى, يىگىرمە → يىگىرمىنچى
        return words[:-1] + "ىنچى"
    return words + ("نچى" if words.endswith("ى") else "ىنچى")


def ug_amount(fen: int) -> str:
    """Money in fen in words: 1044380 → ئون مىڭ تۆت يۈز قىرىق ئۈچ يۈەن سەككىز مو;
    305 → ئۈچ يۈەن بەش پۇڭ; 0 → نۆل يۈەن; negative → مىنۇس."""
    if fen < 0:
        return "مىنۇس " + ug_amount(-fen)
    yuan, cents = divmod(fen, 100)
    jiao, fen_digit = divmod(cents, 10)
    parts = [f"{ug_integer(yuan)} يۈەن"] if yuan or not cents else []
    if jiao:
        parts.append(f"{_ONES[jiao]} مو")
    if fen_digit:
        parts.append(f"{_ONES[fen_digit]} پۇڭ")
    return " ".join(parts)


def ug_digits(text: str) -> str:
    """Digits and letters one by one: 12388 → بىر ئىككى ئۈچ سەككىز سەككىز,
    ``QS01-000007`` → كيۇ ئەس نۆل بىر، نۆل نۆل نۆل نۆل نۆل يەتتە. Other characters
    are dropped; a hyphen or space becomes a short pause (،)."""
    out: list[str] = []
    for ch in text:
        if ch.isascii() and ch.isdigit():
            out.append(_ONES[int(ch)])
        elif ch.upper() in _LETTERS:
            out.append(_LETTERS[ch.upper()])
        elif ch in "- " and out and out[-1] != _PAUSE:
            out.append(_PAUSE)
    return " ".join(out).replace(" " + _PAUSE, _PAUSE).strip(_PAUSE + " ")


def ug_year(year: int) -> str:
    """A year as said: 2026 → ئىككى مىڭ يىگىرمە ئالتىنچى يىلى (as ``2026-يىلى`` is read)."""
    return f"{ug_ordinal(year)} يىلى"


def ug_date(day: date, *, year: bool = False) -> str:
    """A date as day and month: 2026-11-20 → يىگىرمىنچى نويابىر (``year=True``: ئىككى
    مىڭ يىگىرمە ئالتىنچى يىلى يىگىرمىنچى نويابىر)."""
    text = f"{ug_ordinal(day.day)} {MONTHS_UG[day.month - 1]}"
    return f"{ug_year(day.year)} {text}" if year else text


_WORDS = NumberWords(integer=ug_integer, digits=ug_digits,
                     point="پۈتۈن", percent=lambda said: f"يۈزدە {said}")


def ug_numbers_in(text: str) -> str:
    """Free Uyghur text with every number in words: five or more digits without
    separators, or a leading zero, are read digit by digit (12388 → بىر ئىككى ئۈچ
    سەككىز سەككىز); anything else is a quantity (3,500 → ئۈچ مىڭ بەش يۈز, 1.5 → بىر
    پۈتۈن بەش, 70% → يۈزدە يەتمىش)."""
    return numbers_in(text, _WORDS)
