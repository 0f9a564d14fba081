"""Building and tearing down the real kiosk window for a test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from drivers.speech import Speaker
from kiosk.config import Config
from ui.app import KioskUi
from ui.driver import UiDriver
from ui.services import KioskServices


@contextmanager
def open_kiosk(config: Config, *, clock: Callable[[], float] | None = None,
               size: tuple[int, int] = (1280, 800),
               speaker: Speaker | None = None) -> Iterator[tuple[KioskUi, UiDriver]]:
    """The kiosk window on ``config`` (no reader: tests inject card events; ``speaker``:
    the real espeak-ng unless given)."""
    KioskUi.application()
    ui = KioskUi(KioskServices.open(config), link_factory=None, size=size, clock=clock,
                 speaker=speaker)
    ui.start()
    driver = UiDriver(ui.window)
    driver.pump(0.1)
    try:
        yield ui, driver
    finally:
        ui.stop()
        driver.pump(0.05)


def unlock_clerk(ui: KioskUi, d: UiDriver, pin: str) -> None:
    """Open the clerk screen with the hidden gesture and type ``pin`` on its keypad."""
    d.press_and_hold("clerkCorner", 3.3)
    d.find("clerkScreen")
    for key in pin:
        d.click(f"key_{key}")
    d.click("key_ok")
    d.wait_until(lambda: ui.app_model.clerk_model.unlocked, what="unlocked")
