"""The people an import must derive person keys for (issue 12, county/person_keys.py).

Only villages that have a derivation (a village terminal was enrolled for
them) are collected; their plaintext ID numbers are held in memory only
until the import derives the missing keys, and never written anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from county.person_keys import Person, compute_missing
from kiosk.person_key import PersonKdf

__all__ = ["PeopleToKey"]


@dataclass
class PeopleToKey:
    """Villages with a derivation, and the people of theirs an import has seen."""

    kdfs: dict[tuple[str, str], PersonKdf]
    seen: dict[Person, str]

    def see(self, township: str, village: str, who: str, number: str) -> None:
        """Note a checked row's person if their village has person keys."""
        if (township, village) in self.kdfs:
            self.seen[(township, village, who)] = number

    def derive(self, engine: Engine, *,
               progress: Callable[[int], None] | None = None) -> dict[Person, tuple[int, str]]:
        """Derive the keys not cached yet (~100 ms each), then forget the numbers."""
        try:
            return compute_missing(engine, self.seen, self.kdfs, progress=progress)
        finally:
            self.seen.clear()
