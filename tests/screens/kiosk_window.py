"""Building and tearing down the real kiosk window for a test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kiosk.config import Config
from ui.app import KioskUi
from ui.driver import UiDriver
from ui.services import KioskServices


@contextmanager
def open_kiosk(config: Config, *, clock: Callable[[], float] | None = None,
               size: tuple[int, int] = (1280, 800)) -> Iterator[tuple[KioskUi, UiDriver]]:
    """The kiosk window on ``config`` (no reader: tests inject card events)."""
    KioskUi.application()
    ui = KioskUi(KioskServices.open(config), link_factory=None, size=size, clock=clock)
    ui.start()
    driver = UiDriver(ui.window)
    driver.pump(0.1)
    try:
        yield ui, driver
    finally:
        ui.stop()
        driver.pump(0.05)
