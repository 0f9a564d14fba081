"""Everything embedded for ``kiosk demo`` and ``kiosk tour``: data, reader, printer.

The demo runs the real kiosk against real parts on this machine: the demo
village in a SQLite file, the SAM emulator on a pseudo-terminal read by the
real serial driver, and an emulated ESC/POS printer on 127.0.0.1 whose
receipts are decoded back into PNG files.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from demo.terminal import seed_demo, write_card_profiles
from demo.village import COUNTY, TOWNSHIP, VILLAGE, DemoVillage, card_profile
from drivers.idcard.cardtext import IdCard
from drivers.idcard.emulator import PtyEmulator, SamEmulator, demo_card
from drivers.idcard.link import CardLink, link_for
from drivers.printer.emulator import EmulatedPrinter
from drivers.printer.raster import decode_raster
from kiosk.config import (
    Config,
    EnrollmentConfig,
    PrinterConfig,
    StoreConfig,
    TerminalConfig,
    UiConfig,
    UpdateConfig,
)
from kiosk.identity import mask_id
from ui.viewmodels.base import ViewModel, readonly, uncreatable

__all__ = ["DEMO_PIN", "DemoControlModel", "DemoDevices", "demo_config"]

log = logging.getLogger(__name__)

# The demo's control view-model joins the other view-models' QML module (ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

#: The clerk PIN of the demo terminal (shown in the demo's control window).
DEMO_PIN = "1234"
#: People the demo offers first: an X check digit, a rare character, a household with 低保.
FEATURED = ("43122619560322079X",)


def demo_config(root: Path, *, printer_uri: str = "") -> Config:
    """The demo terminal's config, with every file under ``root``."""
    base = Config()
    return replace(
        base,
        terminal=TerminalConfig(code="DEMO01", village=VILLAGE, township=TOWNSHIP,
                                county=COUNTY),
        store=StoreConfig(path=root / "kiosk.db"),
        enrollment=EnrollmentConfig(file=root / "enrollment.json"),
        printer=replace(PrinterConfig(), uri=printer_uri, status_timeout_ms=1500,
                        job_timeout_s=20),
        ui=replace(UiConfig(), clerk_pin=DEMO_PIN, fullscreen=False),
        # The demo's own update tree: its clerk screen reads no real terminal's records.
        update=replace(UpdateConfig(), root=root / "opt", spool=root / "updates",
                       usb_dir=root / "usb"),
        source=str(root / "kiosk.toml"),
    )


@dataclass
class DemoDevices:
    """The emulated reader and printer of a demo, with the village they serve."""

    village: DemoVillage
    cards: list[IdCard]
    sam: SamEmulator
    pty: PtyEmulator
    printer: EmulatedPrinter

    @classmethod
    def start(cls, root: Path, *, baud: int | None = None) -> tuple[DemoDevices, Config]:
        """Seed ``root`` (if new), start the reader emulator and the printer; return both.

        ``baud`` makes the emulator take the wire time of that speed (the
        tour uses it to catch the "reading" screen).
        """
        root.mkdir(parents=True, exist_ok=True)
        printer = EmulatedPrinter().start()
        config = demo_config(root, printer_uri=printer.uri)
        village, _counts = seed_demo(config)
        write_card_profiles(village, root / "cards")
        order = sorted(village.people, key=lambda p: (p.id_number not in FEATURED,
                                                      p.household_id))
        cards = [demo_card(card_profile(p)) for p in order]
        sam = SamEmulator(cards)
        pty = PtyEmulator(sam, baud=baud).open()
        log.info("demo: reader emulator on %s, printer on %s", pty.path, printer.uri)
        return cls(village, cards, sam, pty, printer), config

    def link(self) -> CardLink:
        """The real serial driver's link to the emulator's pty."""
        return link_for(f"serial:{self.pty.path}?baud=115200", timeout=2.0)

    def save_printed(self, path: Path) -> bool:
        """Decode what the printer received into a PNG; False if nothing was printed."""
        data = self.printer.received
        if not data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        decode_raster(data).save(path)
        self.printer.clear()
        return True

    def stop(self) -> None:
        """Stop the emulators."""
        self.pty.close()
        self.printer.stop()


@QmlElement
@uncreatable
class DemoControlModel(ViewModel):
    """The demo's second window: pick a person, lay or lift their card."""

    changed = Signal()
    people = readonly("QVariantList", "people", changed)
    index = readonly(int, "index", changed)
    onReader = readonly(bool, "onReader", changed)
    pin = readonly(str, "pin", changed)

    def __init__(self, devices: DemoDevices, parent: QObject | None = None) -> None:
        people: list[dict[str, Any]] = [
            {"label": f"{c.name}  {mask_id(c.id_number)}"} for c in devices.cards[:200]
        ]
        super().__init__(parent, people=people, index=0, onReader=False, pin=DEMO_PIN)
        self._devices = devices

    @Slot(int)
    def choose(self, index: int) -> None:
        """Pick the person whose card is laid next."""
        if 0 <= index < len(self._state["people"]):
            self._update(index=index)

    @Slot()
    def layCard(self) -> None:
        """Lay the chosen person's card on the emulated reader."""
        self._devices.sam.place(self._state["index"])
        self._update(onReader=True)

    @Slot()
    def removeCard(self) -> None:
        """Lift the card off the reader."""
        self._devices.sam.remove()
        self._update(onReader=False)
