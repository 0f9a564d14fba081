"""ID numbers for the generated county: valid GB 11643 numbers, unique by construction.

A number is region code + birth date + a three-digit sequence code + check digit,
so people born on the same day differ only in the sequence code. :class:`IdNumbers`
keeps, per birth date, how many codes it has handed out and walks the 1 000 codes
of that date in a fixed scrambled order (a stride coprime to 1 000 visits each code
exactly once), so no two people ever get the same number, whatever the county's
size, and the same calls give the same numbers. Codes whose number would end in
``000`` are passed over: such a number looks like one Excel rounded, and the
importers hold those back. A date whose codes are all used (about 990 people born
on one day) moves on to the next day, so numbers never run out.
"""

from __future__ import annotations

from datetime import date, timedelta

from kiosk.identity import check_digit

__all__ = ["IdNumbers"]

_CODES = 1000
_STRIDE = 379
"""Coprime to 1 000: ``(start + k·379) mod 1000`` for k = 0 … 999 is every code once."""


class IdNumbers:
    """Hands out ID numbers of one region; never the same number twice."""

    def __init__(self, region: str) -> None:
        if len(region) != 6 or not region.isdigit():
            raise ValueError(f"region code must be 6 digits, got {region!r}")
        self._region = region
        self._issued: dict[date, int] = {}

    def issue(self, birth: date) -> tuple[str, date]:
        """A fresh number for someone born on ``birth``; returns it with the birth date it
        encodes (``birth`` itself unless that day's codes were all used)."""
        while True:
            k = self._issued.get(birth, 0)
            start = birth.toordinal() * 7 % _CODES  # spreads first codes over the range
            while k < _CODES:
                code = (start + k * _STRIDE) % _CODES
                k += 1
                first17 = f"{self._region}{birth:%Y%m%d}{code:03d}"
                number = first17 + check_digit(first17)
                if not number.endswith("000"):
                    self._issued[birth] = k
                    return number, birth
            self._issued[birth] = k
            birth += timedelta(days=1)

