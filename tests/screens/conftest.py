"""The real kiosk window, offscreen, on a seeded store with an emulated printer."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from reference import TODAY_ARGS

from ui.app import prepare_environment

prepare_environment(offscreen=True)

from demo.village import DEMO_LOOKUP_KEY, DemoVillage, card_profile  # noqa: E402
from drivers.idcard.cardtext import IdCard, card_from_profile  # noqa: E402
from drivers.printer.emulator import EmulatedPrinter  # noqa: E402
from kiosk.config import (  # noqa: E402
    Config,
    EnrollmentConfig,
    PrinterConfig,
    StoreConfig,
    TerminalConfig,
    UiConfig,
)
from kiosk.enrollment import Enrollment, save_enrollment  # noqa: E402

LONG = "43122619560322079X"
PIN = "2468"


class FakeClock:
    """A monotonic clock the idle-timeout tests can move forward."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def printer() -> Iterator[EmulatedPrinter]:
    """An emulated ESC/POS printer on 127.0.0.1."""
    with EmulatedPrinter() as emulated:
        yield emulated


@pytest.fixture
def kiosk_config(tmp_path: Path, seeded_db: Path, printer: EmulatedPrinter) -> Config:
    """A terminal config on the seeded demo store, enrolled with the demo key."""
    enrollment = tmp_path / "enrollment.json"
    save_enrollment(enrollment, Enrollment("T00042", "token", DEMO_LOOKUP_KEY,
                                           "https://county.example", "", datetime.now(UTC)))
    base = Config()
    return replace(
        base,
        terminal=TerminalConfig(code="QS01", village="青山村", township="高村镇",
                                county="麻阳苗族自治县"),
        store=StoreConfig(path=seeded_db),
        enrollment=EnrollmentConfig(file=enrollment),
        printer=replace(PrinterConfig(), uri=printer.uri, status_timeout_ms=1000,
                        job_timeout_s=10),
        ui=replace(UiConfig(), clerk_pin=PIN, idle_timeout_s=60, countdown_s=10),
    )


@pytest.fixture
def card(demo_village: DemoVillage) -> IdCard:
    """龙德贵's card (ID ends in X; a 低保 household)."""
    return card_from_profile(card_profile(demo_village.person(LONG)))


@dataclass(frozen=True)
class TourRun:
    """One finished ``kiosk tour`` at 1280x800: its exit code, stderr and screenshots."""

    returncode: int
    stderr: str
    folder: Path


TOUR_LOOKS = {
    # Chinese as shipped, with a terminal config: 58 mm paper and a short countdown.
    "zh": ("--config", "{config}"),
    # The hardest look to fit: English words in large type, high contrast.
    "en-contrast": ("--lang", "en", "--theme", "high-contrast", "--large-text"),
    # Right to left: Uyghur on the villager and clerk screens alike.
    "ug": ("--lang", "ug"),
}


@pytest.fixture(scope="session")
def tours(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TourRun]:
    """The tours the suite checks, run side by side: a tour mostly waits on the emulated
    reader and printer, so several together take about as long as one."""
    base = tmp_path_factory.mktemp("tours")
    config = base / "terminal.toml"
    config.write_text("[printer]\npaper_mm = 58\n\n[ui]\ncountdown_s = 5\n", encoding="utf-8")
    running = {}
    for name, look in TOUR_LOOKS.items():
        args = [a.format(config=config) for a in look]
        running[name] = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli.main", "tour", "--out", str(base / name),
             "--size", "1280x800", *TODAY_ARGS, *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    done = {}
    for name, proc in running.items():
        _, stderr = proc.communicate(timeout=900)
        done[name] = TourRun(proc.returncode, stderr, base / name / "1280x800")
    return done
