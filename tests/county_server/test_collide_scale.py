"""The generated county at a size the importers would take minutes for (20 000 people,
planted leads of every rule 200 times): ID numbers unique and valid by construction,
every planted lead found and none on the control set, on SQLite and PostgreSQL.

Loaded in bulk (collide_bulk.py); the messy files through the real importers are
test_collide.py's, at a small size."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, select

from county.collision.models import Lead
from county.collision.names import RULE_NAMES
from county.collision.run import collide
from county.db import open_county_db
from county.demo_county import CountyData, CountyScale, generate_county
from county.demo_ids import IdNumbers
from county.tx import writing
from county_server.collide_bulk import NOW, bulk_load
from demo.village import DEMO_LOOKUP_KEY
from kiosk.identity import id_hash, validate_id

#: Many more planted leads than people per birth date would allow by chance: the
#: generator before IdNumbers gave a planted official's spouse a taken number here.
MID = CountyScale(townships=20, villages=200, people=20_000, planted=200, control=200,
                  months=6, seed=16)
#: The generated county's reference day: nobody in it is born later.
REFERENCE_DAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def county() -> CountyData:
    return generate_county(MID)


def test_id_numbers_unique_and_valid(county: CountyData) -> None:
    numbers = [p.id_number for p in county.people]
    assert len(numbers) == MID.people + MID.planted  # and one spouse per planted official
    assert [n for n, k in Counter(numbers).items() if k > 1] == []
    for p in county.people:
        assert validate_id(p.id_number, today=REFERENCE_DAY) == p.id_number  # GB 11643
        assert p.id_number[6:14] == f"{p.birth:%Y%m%d}" and not p.id_number.endswith("000")


def test_one_birth_day_never_runs_out_of_numbers() -> None:
    numbers = IdNumbers("431226")
    day = date(1960, 2, 29)
    issued = [numbers.issue(day) for _ in range(2_500)]
    assert len({n for n, _ in issued}) == 2_500
    assert all(validate_id(n, today=REFERENCE_DAY) == n and not n.endswith("000")
               for n, _ in issued)
    assert all(n[6:14] == f"{born:%Y%m%d}" for n, born in issued)
    days = Counter(born for _, born in issued)  # each day's codes used up before the next
    assert sorted(days) == [day, date(1960, 3, 1), date(1960, 3, 2)]
    assert days[day] == days[date(1960, 3, 1)] > 980
    again = IdNumbers("431226")  # deterministic
    assert [again.issue(day) for _ in range(5)] == issued[:5]


@pytest.fixture
def engine(county_url: str, county: CountyData) -> Iterator[Engine]:
    eng = open_county_db(county_url)
    bulk_load(eng, county)
    yield eng
    eng.dispose()


def test_every_planted_lead_found_none_on_control(engine: Engine, county: CountyData) -> None:
    with writing(engine) as conn:
        run = collide(conn, now=NOW)
    with engine.connect() as conn:
        leads = [(r.rule, r.id_hash) for r in conn.execute(select(Lead.rule, Lead.id_hash))]
    assert len(run.new_ids) == len(leads)

    def hashed(numbers: set[str]) -> set[str]:
        return {id_hash(DEMO_LOOKUP_KEY, n) for n in numbers}

    control = hashed(county.control)
    assert len(control) == len(county.control) > 0
    for rule in RULE_NAMES:
        found = [who for name, who in leads if name == rule]
        assert len(found) == MID.planted * (2 if rule == "announced_not_paid" else 1), rule
        assert set(found) == hashed(county.planted[rule]), rule
        assert not set(found) & control, rule
    with writing(engine) as conn:
        again = collide(conn, now=NOW)
    assert (again.new_ids, again.closed, again.reopened) == ([], 0, 0)
