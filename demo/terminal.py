"""Setting a terminal up with the demo village: enrollment, database, card profiles.

One function for ``kiosk db seed-demo``, ``kiosk demo`` and ``kiosk tour``.
Refuses to touch a terminal enrolled with a real county key.
"""

from __future__ import annotations

import json
from pathlib import Path

from demo.store import seed_complaints, seed_village
from demo.village import DEMO_LOOKUP_KEY, DemoVillage, generate_village, iter_profiles
from kiosk import clock
from kiosk.config import Config
from kiosk.enrollment import (
    Enrollment,
    EnrollmentError,
    EnrollmentMissingError,
    load_enrollment,
    save_enrollment,
)
from kiosk.errors import KioskError
from kiosk.store import open_store

__all__ = ["DemoSetupError", "ensure_demo_enrollment", "seed_demo", "write_card_profiles"]


class DemoSetupError(KioskError):
    """The terminal cannot be given demo data (really enrolled, unwritable files)."""

    code = "demo.refused"


def ensure_demo_enrollment(path: Path) -> None:
    """Write the demo enrollment at ``path`` unless the terminal is really enrolled.

    Raises :class:`DemoSetupError` if ``path`` holds a real (non-demo) key or
    cannot be read or written.
    """
    try:
        current = load_enrollment(path)
    except EnrollmentMissingError:
        current = None
    except EnrollmentError as exc:
        raise DemoSetupError(str(exc)) from None
    if current is not None:
        if current.lookup_key != DEMO_LOOKUP_KEY:
            raise DemoSetupError(f"refusing to seed demo data: this terminal is enrolled "
                                 f"({path}) with a real lookup key")
        return
    try:
        save_enrollment(path, Enrollment("DEMO-0001", "demo-token", DEMO_LOOKUP_KEY,
                                         "http://127.0.0.1:8470", "", clock.now()))
    except OSError as exc:
        raise DemoSetupError(f"cannot write {path}: {exc.strerror}") from None


def seed_demo(config: Config, village: DemoVillage | None = None) -> tuple[DemoVillage,
                                                                          dict[str, int]]:
    """Enroll with the demo key and load the demo village; return it and the row counts.

    Raises :class:`DemoSetupError` and the store's errors.
    """
    ensure_demo_enrollment(config.enrollment.file)
    village = village or generate_village()
    engine = open_store(config.store.path, busy_timeout_ms=config.store.busy_timeout_ms)
    try:
        counts = seed_village(engine, village, DEMO_LOOKUP_KEY)
        counts["complaint"] = seed_complaints(engine, village, DEMO_LOOKUP_KEY,
                                              terminal_code=config.terminal.code)
    finally:
        engine.dispose()
    return village, counts


def write_card_profiles(village: DemoVillage, directory: Path) -> int:
    """One ID-card profile JSON per demo person into ``directory``; returns the count."""
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for stem, profile in iter_profiles(village):
        data = json.dumps(profile, ensure_ascii=False, indent=2).encode("utf-8")
        (directory / f"{stem}.json").write_bytes(data)
        count += 1
    return count
