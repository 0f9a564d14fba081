"""ID card fixtures: demo cards, a SAM emulator on a real pty, an event recorder."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from drivers.idcard.cardtext import IdCard, card_from_profile
from drivers.idcard.emulator import PtyEmulator, SamEmulator, demo_photo
from drivers.idcard.errors import IdCardError
from drivers.idcard.reader import CardListener, ReaderState
from kiosk.demo_data import DemoVillage, card_profile

#: Seconds per command in tests: short, so fault tests stay fast.
TIMEOUT = 0.3

FOREIGN_PROFILE: dict[str, str] = {
    "card_type": "foreign", "name": "马丁", "sex": "男", "nation": "", "birth": "19800704",
    "address": "", "id_number": "CAN310080070401", "issuer": "公安部",
    "valid_from": "20190101", "valid_to": "20290101", "name_en": "MARTIN, JOHN",
    "nationality": "CAN",
}
HMT_PROFILE: dict[str, str] = {
    "card_type": "hmt", "name": "陈美玲", "sex": "女", "nation": "", "birth": "19900512",
    "address": "湖南省麻阳苗族自治县高村镇锦江路1号", "id_number": "810000199005120020",
    "issuer": "麻阳苗族自治县公安局", "valid_from": "20210301", "valid_to": "20260301",
    "pass_number": "H12345678", "issue_count": "01",
}


def card_of(profile: dict[str, Any]) -> IdCard:
    """A card with a stand-in photo, as the emulator serves it."""
    return card_from_profile(profile, photo=demo_photo(card_from_profile(profile)))


@pytest.fixture(scope="session")
def profiles(demo_village: DemoVillage) -> dict[str, dict[str, str]]:
    """Profiles by label: the X-ending ID, the rare character, foreign, HMT."""
    people = {p.name: p for p in demo_village.people}
    return {
        "resident_x": card_profile(people["龙德贵"]),
        "rare_char": card_profile(people["刘䶮"]),
        "foreign": FOREIGN_PROFILE,
        "hmt": HMT_PROFILE,
    }


@pytest.fixture
def sam(profiles: dict[str, dict[str, str]]) -> SamEmulator:
    return SamEmulator([card_of(p) for p in profiles.values()])


@pytest.fixture
def emulator(sam: SamEmulator) -> Iterator[PtyEmulator]:
    with PtyEmulator(sam) as emu:
        yield emu


@dataclass
class Recorder(CardListener):
    """Records every event with its time; tests wait for the ones they expect."""

    events: list[tuple[str, Any]] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)

    def _add(self, kind: str, value: Any = None) -> None:
        with self.cond:
            self.events.append((kind, value))
            self.cond.notify_all()

    def on_card_present(self) -> None:
        self._add("present")

    def on_card_read(self, card: IdCard) -> None:
        self._add("read", card)

    def on_card_removed(self) -> None:
        self._add("removed")

    def on_reader_error(self, error: IdCardError) -> None:
        self._add("error", error)

    def on_reader_state(self, state: ReaderState) -> None:
        self._add("state", state)

    def kinds(self) -> list[str]:
        """Card events in order (state changes left out)."""
        with self.cond:
            return [kind for kind, _ in self.events if kind != "state"]

    def wait_for(self, kind: str, value: Any = None, *, count: int = 1,
                 timeout: float = 60.0) -> Any:
        """Wait until ``count`` events of ``kind`` (equal to ``value`` if given); the last one.

        The ceiling is for a loaded CI machine: a wait normally ends within a second."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                hits = [v for k, v in self.events
                        if k == kind and (value is None or v == value)]
                if len(hits) >= count:
                    return hits[count - 1]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {kind} {value or ''} within {timeout} s: "
                                         f"{self.events}")
                self.cond.wait(left)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()
