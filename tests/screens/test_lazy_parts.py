"""The keyboard and the receipt fonts exist only while needed (kiosk memory, issue 21).

The virtual keyboard is created when a screen that takes typed text is shown and
destroyed when it is left; a print job's fonts (~30 MB of character maps) are
loaded for the job and released after it, as are the start-up warm-up's. The
memory figure itself is printed by tests/bench/bench_ui.py.
"""

from __future__ import annotations

import gc

from PySide6.QtQuick import QQuickItem, QQuickWindow
from pytestqt.qtbot import QtBot

from drivers.idcard.cardtext import IdCard
from drivers.printer.emulator import EmulatedPrinter
from drivers.printer.fonts import FontSet
from kiosk.config import Config
from screens.kiosk_window import open_kiosk


def _keyboards(window: QQuickWindow) -> int:
    """Keyboard items that exist, shown or hidden (UiDriver.items sees only shown ones)."""
    count, stack = 0, [window.contentItem()]
    while stack:
        item: QQuickItem = stack.pop()
        count += item.objectName() == "keyboard"
        stack.extend(item.childItems())
    return count


def _font_sets() -> int:
    gc.collect()
    return sum(isinstance(o, FontSet) for o in gc.get_objects())


def test_keyboard_only_on_the_complaint_screen(qtbot: QtBot, kiosk_config: Config,
                                               card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        d.find("welcomeScreen")
        assert _keyboards(ui.window) == 0
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        assert _keyboards(ui.window) == 0
        d.click("complainButton")
        d.find("complaintScreen")
        d.wait_until(lambda: _keyboards(ui.window) > 0, what="keyboard created")
        d.click("homeButton")
        d.find("welcomeScreen")
        d.wait_until(lambda: _keyboards(ui.window) == 0, what="keyboard released")


def test_print_fonts_are_released_after_the_job(qtbot: QtBot, kiosk_config: Config,
                                                card: IdCard, printer: EmulatedPrinter) -> None:
    before = _font_sets()  # any another test of this process still holds
    with open_kiosk(kiosk_config) as (ui, d):
        # The start-up warm-up renders on the print worker, maybe still running on a
        # loaded machine: once it is over, it has kept no font set.
        d.wait_until(lambda: _font_sets() == before, what="warm-up fonts released")
        ui.bridge.cardRead.emit(card)
        d.click("printButton")
        d.wait_until(lambda: ui.app_model.print_model.state == "printed", timeout=20,
                     what="printed")
        assert len(printer.received) > 10_000
        d.wait_until(lambda: _font_sets() == before, what="print fonts released")
