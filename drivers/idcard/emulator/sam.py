"""The SAM's side of GA 467, with fault switches: commands in, answer bytes out.

No I/O here: :class:`SamEmulator` turns one host command into the chunks a
real reader would send (and what to do between them), so the pty server and
tests share one protocol model. Thread-safe: tests place and remove cards
from their own thread while the server thread answers commands.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from drivers.idcard.cardtext import PHOTO_SIZE, IdCard, card_from_profile, encode_text
from drivers.idcard.codec import (
    Command,
    Request,
    SamStatus,
    build_response,
    encode_read_data,
)

__all__ = ["GARBAGE", "Fault", "Reply", "SamEmulator", "demo_card", "demo_photo", "load_cards"]

#: Bytes a flaky line puts before a frame: noise that includes a partial preamble.
GARBAGE = b"\x00\xff\x13\xaa\xaa\x96\x69\xaa\x55\xaa\xaa\xaa\x96"
SAM_ID = bytes.fromhex("0501000020140801000000010a0b0c0d")


class Fault(Enum):
    """Faults the emulator can inject into its next answers."""

    GARBAGE = "garbage"  # noise before the frame
    CHUNKED = "chunked"  # the frame in small pieces with pauses
    BAD_CHECKSUM = "bad-checksum"  # last byte flipped
    NO_ANSWER = "no-answer"  # nothing at all
    REMOVED_MID_READ = "removed-mid-read"  # part of a read answer, then the card is gone
    REPEAT_PREVIOUS = "repeat-previous"  # the previous answer again, then this one


@dataclass(frozen=True)
class Reply:
    """What to send for one command: ``chunks`` written with ``pause`` seconds between."""

    chunks: tuple[bytes, ...]
    pause: float = 0.0


def demo_photo(card: IdCard) -> bytes:
    """A deterministic 1024-byte stand-in for a WLT photo (real WLT is proprietary)."""
    seed = card.id_number.encode("ascii", "replace") or b"0"
    return (seed * (PHOTO_SIZE // len(seed) + 1))[:PHOTO_SIZE]


def load_cards(path: Path) -> list[IdCard]:
    """Cards from a JSON file (one profile object or a list, DESIGN.md §4 keys) or from
    every ``*.json`` file of a directory, in file-name order.

    Raises OSError, ValueError (bad JSON) or :class:`CardDataError`.
    """
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    profiles: list[dict[str, object]] = []
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        profiles.extend(data if isinstance(data, list) else [data])
    return [demo_card(profile) for profile in profiles]


def demo_card(profile: dict[str, Any]) -> IdCard:
    """The card of a profile (DESIGN.md §4 keys) with its :func:`demo_photo`, as a
    reader hands it out (a SAM always answers a 1024-byte photo).

    Raises :class:`CardDataError` for a bad profile.
    """
    return card_from_profile(profile, photo=demo_photo(card_from_profile(profile)))


class SamEmulator:
    """A reader's SAM with zero or one card on it, answering GA 467 commands."""

    def __init__(self, cards: Sequence[IdCard] = (), *,
                 chunk_sizes: Sequence[int] = (1, 2, 4, 61),
                 chunk_pause: float = 0.002) -> None:
        self._lock = threading.Lock()
        self._cards = list(cards)
        self._card: IdCard | None = None
        self._selected = False
        self._faults: list[tuple[Fault, Command | None]] = []
        self._persistent: set[Fault] = set()
        self._chunk_sizes = tuple(chunk_sizes)
        self._chunk_pause = chunk_pause
        self.commands_seen = 0
        self._previous = b""
        #: When set, every command is answered with this status (a broken SAM).
        self.fault_status: SamStatus | None = None
        self.served: Counter[Command | None] = Counter()  # commands answered, by kind

    # -- what tests and the CLI do -------------------------------------------
    @property
    def cards(self) -> tuple[IdCard, ...]:
        """The loaded cards (placed by index with :meth:`place`)."""
        with self._lock:
            return tuple(self._cards)

    def add_cards(self, cards: Sequence[IdCard]) -> None:
        """Load more cards."""
        with self._lock:
            self._cards.extend(cards)

    def place(self, card: IdCard | int = 0) -> None:
        """Lay a card (or the loaded card with this index) on the reader."""
        with self._lock:
            self._card = self._cards[card] if isinstance(card, int) else card
            self._selected = False

    def remove(self) -> None:
        """Take the card off the reader."""
        with self._lock:
            self._card = None
            self._selected = False

    @property
    def card(self) -> IdCard | None:
        """The card on the reader, if any."""
        with self._lock:
            return self._card

    def inject(self, fault: Fault, *, on: Command | None = None, times: int = 1) -> None:
        """Apply ``fault`` to the next ``times`` answers (to command ``on`` only, if given)."""
        with self._lock:
            self._faults.extend([(fault, on)] * times)

    def set_persistent(self, fault: Fault, enabled: bool = True) -> None:
        """Apply ``fault`` to every answer until switched off."""
        with self._lock:
            (self._persistent.add if enabled else self._persistent.discard)(fault)

    # -- the protocol ----------------------------------------------------------
    def handle(self, request: Request) -> Reply:
        """The reply to one host command (faults applied)."""
        with self._lock:
            self.commands_seen += 1
            command = request.command
            self.served[command] += 1
            frame = self._answer(command)
            previous, self._previous = self._previous, frame
            faults = set(self._persistent)
            for index, (fault, on) in enumerate(self._faults):
                if on is None or on is command:
                    faults.add(fault)
                    del self._faults[index]
                    break
            if Fault.NO_ANSWER in faults:
                return Reply(())
            if Fault.REMOVED_MID_READ in faults and command in (Command.READ_BASE,
                                                                Command.READ_BASE_FP):
                self._card = None
                self._selected = False
                return Reply((frame[:len(frame) * 2 // 5],))
            if Fault.BAD_CHECKSUM in faults:
                frame = frame[:-1] + bytes([frame[-1] ^ 0x5A])
            if Fault.REPEAT_PREVIOUS in faults:
                frame = previous + frame
            if Fault.GARBAGE in faults:
                frame = GARBAGE + frame
            if Fault.CHUNKED in faults:
                return Reply(_chunks(frame, self._chunk_sizes), self._chunk_pause)
            return Reply((frame,))

    def _answer(self, command: Command | None) -> bytes:
        if self.fault_status is not None:
            return build_response(self.fault_status)
        card = self._card
        if command is Command.SAM_STATUS or command is Command.SAM_RESET:
            return build_response(SamStatus.OK)
        if command is Command.SAM_ID:
            return build_response(SamStatus.OK, SAM_ID)
        if command is Command.FIND_CARD:
            if card is None:
                return build_response(SamStatus.NO_CARD)
            return build_response(SamStatus.CARD_FOUND, bytes(4))
        if command is Command.SELECT_CARD:
            if card is None:
                return build_response(SamStatus.SELECT_FAILED)
            self._selected = True
            return build_response(SamStatus.OK, bytes(8))
        if command in (Command.READ_BASE, Command.READ_BASE_FP):
            if card is None or not self._selected:
                return build_response(SamStatus.CARD_MOVED)
            return build_response(SamStatus.OK, encode_read_data(encode_text(card), card.photo))
        if command is Command.READ_ADDRESS:
            return build_response(SamStatus.NO_CONTENT)
        return build_response(SamStatus.UNKNOWN_COMMAND)


def _chunks(frame: bytes, sizes: tuple[int, ...]) -> tuple[bytes, ...]:
    """``frame`` cut into pieces of the given sizes, cycling (splits the header early)."""
    out = []
    offset = 0
    index = 0
    while offset < len(frame):
        size = sizes[index % len(sizes)]
        out.append(frame[offset:offset + size])
        offset += size
        index += 1
    return tuple(out)
