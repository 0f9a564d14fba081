"""A generated county (county/demo_county.py) loaded through the real importers, messy files
and all: the fixture data of the collision tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from county.collision.imports import import_list
from county.collision.standards import set_standard
from county.demo_county import STANDARDS, CountyData, CountyScale, write_files
from county.importer import ImportOptions, import_payments
from county.importer.references import ReferenceOptions
from county.state import lookup_key
from kiosk.identity import id_hash

__all__ = ["LONG", "NOW", "REFERENCE_BAD_ROWS", "SMALL", "hashes", "load_county"]

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
#: The suite's county: every rule planted four times, four look-alikes each.
SMALL = CountyScale(townships=3, villages=12, people=1500, planted=4, control=4, seed=16)
#: Lists in the order a county receives them (announcements last: they refer to items).
LIST_ORDER = ("households", "officials", "employees", "vehicles", "deaths", "announcements")
#: 龙德贵's ID number, as the reference lists of the tests carry it.
LONG = "43122619560322079X"
#: Rows only a reference list can get wrong: (kind, header, row, code). Imported in
#: test_leads.py, and counted by test_import.py's check that every bad-row code is tested.
REFERENCE_BAD_ROWS = [
    ("households", ["户号", "身份证号", "与户主关系"], ["", LONG, "户主"], "household.missing"),
]


def load_county(engine: Engine, data: CountyData, directory: Path) -> None:
    """Standards, the payment file and every list, imported as an operator would."""
    files = write_files(data, directory)
    for code, year, size, fen in STANDARDS:
        set_standard(engine, code, year, fen, household_size=size)
    result = import_payments(engine, files["payments"], ImportOptions(), now=NOW)
    assert result.imported and not result.bad, (result.bad[:3], result.warnings[:3])
    for kind in LIST_ORDER:
        listed, _ = import_list(engine, files[kind], ReferenceOptions(kind), now=NOW)
        assert listed.imported and not listed.bad, (kind, listed.bad[:3])


def hashes(engine: Engine, numbers: set[str]) -> set[str]:
    """The id_hash of each ID number."""
    with engine.connect() as conn:
        key = lookup_key(conn)
    return {id_hash(key, n) for n in numbers}
