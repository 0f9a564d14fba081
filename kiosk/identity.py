"""Resident ID numbers (GB 11643-1999): normalise, validate, hash, mask.

Pure functions, no I/O. The county and the terminal must compute the same
``id_hash`` for the same person, so :func:`normalise_id` and :func:`id_hash`
are part of the wire contract (DESIGN.md §3): change them only together with a
protocol version bump.

Nothing in this module logs; callers must never log an ID number either.
"""

from __future__ import annotations

import hmac
import re
from datetime import date
from enum import Enum
from operator import mul

from kiosk import clock
from kiosk.errors import KioskError

__all__ = [
    "MSG_ID_INVALID_ZH",
    "IdNumberError",
    "IdProblem",
    "birth_date",
    "check_digit",
    "id_hash",
    "mask_id",
    "mask_id_numbers",
    "normalise_id",
    "validate_id",
]

# ISO 7064 MOD 11-2 weights for the first 17 digits, and the check characters
# indexed by (weighted sum mod 11).
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ZERO_SUM = ord("0") * sum(_WEIGHTS)
_CHECK_CHARS = "10X98765432"

# Full-width digits and X (as typed on Chinese IMEs or printed in department
# spreadsheets) fold to ASCII before anything else looks at the number.
_FULLWIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "Ｘ": "X", "ｘ": "X", "x": "X"}
)
_SPACE = re.compile(r"[\s\u3000\u200b\u00a0-]+")
_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")
_CANONICAL = re.compile(r"[0-9]{17}[0-9X]")  # fullmatch: normalise_id has nothing to do

#: What the kiosk screen says when a number fails the check (UI layer shows it).
MSG_ID_INVALID_ZH = "身份证号码有误，请核对后再试，或请工作人员帮助。"


class IdProblem(Enum):
    """Why an ID number was refused; values are stable codes for logs and APIs."""

    EMPTY = "id.empty"
    LENGTH = "id.length"
    CHARACTERS = "id.characters"
    BIRTH_DATE = "id.birth_date"
    CHECK_DIGIT = "id.check_digit"


class IdNumberError(KioskError, ValueError):
    """An ID number that is not a valid 18-character GB 11643 number.

    The message is English and never contains the number itself (it may end up
    in a log); ``problem`` is the reason, and ``code`` its value (``id.length`` …).
    """

    code = "id.invalid"

    def __init__(self, problem: IdProblem, detail: str) -> None:
        super().__init__(f"invalid ID number: {detail}", code=problem.value)
        self.problem = problem


def normalise_id(raw: str) -> str:
    """Fold an ID number as people write it into the canonical 18-char form.

    Full-width digits become ASCII, a lower-case or full-width x becomes
    ``X``, spaces (including the ideographic space), hyphens and zero-width
    characters are removed. The result is *not* validated; see
    :func:`validate_id`.
    """
    if _CANONICAL.fullmatch(raw):  # already canonical (the county hashes millions)
        return raw
    return _SPACE.sub("", raw.translate(_FULLWIDTH)).upper()


def check_digit(first17: str) -> str:
    """Return the GB 11643 check character for 17 leading digits.

    Raises :class:`IdNumberError` if ``first17`` is not 17 ASCII digits.
    """
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise IdNumberError(IdProblem.CHARACTERS, "expected 17 digits before the check digit")
    # Over the ASCII codes (digit + 48): the county checks millions of numbers.
    total = sum(map(mul, first17.encode("ascii"), _WEIGHTS)) - _ZERO_SUM
    return _CHECK_CHARS[total % 11]


def birth_date(number: str) -> date:
    """The date of birth encoded in positions 7–14 of a normalised number.

    Raises :class:`IdNumberError` if it is not a real calendar date.
    """
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdNumberError(IdProblem.BIRTH_DATE, "digits 7-14 are not a calendar date") from None


def validate_id(raw: str, *, today: date | None = None) -> str:
    """Normalise ``raw`` and check it; return the canonical 18-char number.

    Checks length, characters, that the birth date is a real date not in the
    future and not before 1900, and the MOD 11-2 check digit.

    Raises :class:`IdNumberError` (with a stable ``problem`` code) otherwise.
    """
    number = normalise_id(raw)
    if not number:
        raise IdNumberError(IdProblem.EMPTY, "no digits given")
    if len(number) != 18:
        raise IdNumberError(IdProblem.LENGTH, f"expected 18 characters, got {len(number)}")
    if not _SHAPE.match(number):
        raise IdNumberError(
            IdProblem.CHARACTERS, "expected 17 digits followed by a digit or X"
        )
    born = birth_date(number)
    if born.year < 1900 or born > (today or clock.today()):
        raise IdNumberError(IdProblem.BIRTH_DATE, "birth date out of range")
    if check_digit(number[:17]) != number[17]:
        raise IdNumberError(IdProblem.CHECK_DIGIT, "check digit does not match (GB 11643)")
    return number


def id_hash(lookup_key: bytes, number: str) -> str:
    """``HMAC-SHA256(lookup_key, normalised id)`` as 64 lower-case hex chars.

    ``number`` is normalised first, so the same person hashes the same however
    the number was typed. It is not validated: the county hashes what the
    departments send, the kiosk hashes what the card says.
    """
    if not lookup_key:
        raise ValueError("lookup key is empty")
    # hmac.digest: OpenSSL's one-shot HMAC, several times faster than hmac.new (imports).
    return hmac.digest(lookup_key, normalise_id(number).encode("ascii", "replace"),
                       "sha256").hex()


def mask_id(number: str) -> str:
    """Mask an ID-like number for screens and receipts: first 4 and last 4 shown.

    ``431226198001011013`` → ``4312**********1013``. Anything shorter than 9
    characters is masked completely, so a short code never leaks whole.
    """
    value = normalise_id(number)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


# An ID number as people type it into free text: 17 digits then a digit or X, ASCII or
# full-width, optionally broken by spaces or hyphens, not part of a longer run of digits.
_DIGIT = "[0-9\uff10-\uff19]"
_ID_IN_TEXT = re.compile(
    f"(?<![0-9\uff10-\uff19]){_DIGIT}(?:[ \u3000-]?{_DIGIT}){{16}}[ \u3000-]?"
    f"[0-9\uff10-\uff19XxＸｘ](?![0-9\uff10-\uff19A-Za-z])"
)


def mask_id_numbers(text: str) -> str:
    """``text`` with every ID-number-shaped run masked as :func:`mask_id` does.

    For free text a villager types (a complaint): an ID number typed there must not
    be stored or exported whole. Any 18-character run of the shape is masked,
    check digit right or wrong: a mistyped number is still a person's number.
    """
    return _ID_IN_TEXT.sub(lambda m: mask_id(m.group()), text)
