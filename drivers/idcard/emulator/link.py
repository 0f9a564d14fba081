"""``emulator:PATH`` — a reader that is a SAM emulator in this process, for demos.

The link serves a :class:`SamEmulator` on a pty and talks to it through the
real serial link, so a demo exercises the same code as a kiosk with
hardware. ``PATH`` is a card profile JSON file or a directory of them (what
``kiosk db seed-demo --cards DIR`` writes). Whoever drives the demo lays
cards on the reader through :attr:`EmulatorLink.sam`; ``?card=N`` lays card
N (in file-name order) on it at the start.
"""

from __future__ import annotations

from pathlib import Path

from drivers.idcard.emulator.ptyserver import PtyEmulator
from drivers.idcard.emulator.sam import SamEmulator, load_cards
from drivers.idcard.errors import CodecError, ReaderUnavailable
from drivers.idcard.serial import SerialLink

__all__ = ["EmulatorLink"]


class EmulatorLink:
    """A :class:`CardLink` to an in-process emulator; empty unless ``place`` names a card."""

    def __init__(self, cards: Path, *, baud: int | None = None, timeout: float = 1.0,
                 place: int | None = None) -> None:
        self.cards = cards
        self.sam = SamEmulator()
        self._place = place
        self._baud = baud
        self._timeout = timeout
        self._emulator: PtyEmulator | None = None
        self._serial: SerialLink | None = None

    @property
    def description(self) -> str:
        """``emulator:PATH``."""
        return f"emulator:{self.cards}"

    def open(self) -> None:
        """Load the cards (once), start the pty emulator and open the serial link to it.

        Raises :class:`ReaderUnavailable` if the cards cannot be loaded.
        """
        self.close()
        if not self.sam.cards:
            try:
                self.sam.add_cards(load_cards(self.cards))
            except (OSError, ValueError, CodecError) as exc:
                raise ReaderUnavailable(f"emulator cannot load {self.cards}: {exc}") from None
            if not self.sam.cards:
                raise ReaderUnavailable(f"emulator found no card profiles in {self.cards}")
            if self._place is not None:
                self.sam.place(min(self._place, len(self.sam.cards) - 1))
        self._emulator = PtyEmulator(self.sam, baud=self._baud).open()
        self._serial = SerialLink(self._emulator.path, baud=self._baud or 115200,
                                  timeout=self._timeout)
        self._serial.open()

    def close(self) -> None:
        """Close the serial link and stop the emulator; safe to call twice."""
        if self._serial is not None:
            self._serial.close()
            self._serial = None
        if self._emulator is not None:
            self._emulator.close()
            self._emulator = None

    def _link(self) -> SerialLink:
        if self._serial is None:
            raise ReaderUnavailable("emulator link is not open")
        return self._serial

    def find_card(self) -> bool:
        """As :meth:`SerialLink.find_card`."""
        return self._link().find_card()

    def select_card(self) -> bool:
        """As :meth:`SerialLink.select_card`."""
        return self._link().select_card()

    def read_card(self) -> tuple[bytes, bytes]:
        """As :meth:`SerialLink.read_card`."""
        return self._link().read_card()
