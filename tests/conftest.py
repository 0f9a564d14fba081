"""Fixtures shared by the whole suite: isolated config, a fixed clock, real SQLite files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from reference import REFERENCE_DAY, REFERENCE_NOW
from sqlalchemy import Engine

from demo.store import seed_village
from demo.village import DEMO_LOOKUP_KEY, DemoVillage, generate_village
from kiosk import clock
from kiosk.store import open_store

# No per-example deadline (hypothesis's default is 200 ms): on a loaded CI machine a
# microsecond-long example can be descheduled for longer, and hypothesis then fails
# the test as flaky. Timing belongs in tests/bench/.
settings.register_profile("village-kiosk", deadline=None)
settings.load_profile("village-kiosk")

# Console passwords hashed at argon2id's cheapest cost, here and in every server and
# CLI process the tests start (county/console/accounts.py; the real cost is checked
# by tests/county_server/test_password_cost.py).
os.environ["VILLAGE_COUNTY_CHEAP_HASHING_FOR_TESTS"] = "1"


#: Files that take minutes, scheduled first: `make test` hands whole files to its workers
#: in collection order (pytest-xdist ``--dist loadfile --no-loadscope-reorder``), and a
#: long file left to the end keeps one worker busy after the others are done (measured:
#: six minutes of tail).
LONG_FILES = (
    "tests/syncd/test_kill9.py", "tests/screens/test_tour.py",
    "tests/county_server/test_county_install.py", "tests/syncd/test_offline.py",
    "tests/screens/test_screens.py", "tests/voice/test_recording_ui.py",
    "tests/updater/test_kill9.py", "tests/updater/test_real_release.py",
    "tests/county_server/test_console_browser.py", "tests/screens/test_reference_dates.py",
    "tests/screens/test_complaint_query_end_to_end.py",
    "tests/screens/test_complaint_end_to_end.py", "tests/screens/test_demo_county.py",
    "tests/county_server/test_console_accounts.py", "tests/test_startup_imports.py",
    "tests/county_server/test_leads.py", "tests/syncd/test_syncd.py",
    "tests/updater/test_install.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long files first (see LONG_FILES); the rest keep their order (the sort is stable)."""
    rank = {name: i for i, name in enumerate(LONG_FILES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture(autouse=True)
def _reference_clock() -> Iterator[None]:
    """Every test starts on the clock at REFERENCE_NOW (tests/reference.py); it ticks on."""
    clock.travel_to(REFERENCE_NOW)
    yield
    clock.reset()


@pytest.fixture(autouse=True)
def _isolated_config(monkeypatch: pytest.MonkeyPatch,
                     tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test may pick up a developer's or the machine's kiosk config, nor write the
    county's ID key file (county/payees.py) into the working directory."""
    monkeypatch.delenv("VILLAGE_KIOSK_CONFIG", raising=False)
    monkeypatch.setenv("VILLAGE_COUNTY_ID_KEY",
                       str(tmp_path_factory.getbasetemp() / "county-id.key"))


@pytest.fixture(scope="session")
def demo_village() -> DemoVillage:
    """The deterministic demo village on REFERENCE_DAY (generated once per run)."""
    return generate_village(today=REFERENCE_DAY)


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory, demo_village: DemoVillage) -> Path:
    path = tmp_path_factory.mktemp("template") / "kiosk.db"
    engine = open_store(path)
    seed_village(engine, demo_village, DEMO_LOOKUP_KEY)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def seeded_db(tmp_path: Path, _seeded_template: Path) -> Path:
    """A private copy of a cache seeded with the demo village."""
    path = tmp_path / "kiosk.db"
    shutil.copyfile(_seeded_template, path)
    # The demo ledger's voucher images live beside the cache (issue 17).
    shutil.copytree(_seeded_template.parent / "vouchers", tmp_path / "vouchers")
    return path


@pytest.fixture
def seeded_engine(seeded_db: Path) -> Iterator[Engine]:
    """An open engine on :func:`seeded_db`."""
    engine = open_store(seeded_db)
    yield engine
    engine.dispose()


@pytest.fixture
def empty_engine(tmp_path: Path) -> Iterator[Engine]:
    """An open engine on a freshly migrated, empty cache."""
    engine = open_store(tmp_path / "empty.db")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt's application is the kiosk's own kind, a QGuiApplication (no widgets).

    Whichever test first needs Qt — through pytest-qt or through
    ``KioskUi.application()`` — then creates the same class, so test order
    cannot matter.
    """
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication
