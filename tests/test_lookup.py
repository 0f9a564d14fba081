"""Benefit lookup against a real seeded SQLite file, checked against the source data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC

import pytest
from reference import REFERENCE_AS_OF
from sqlalchemy import Engine

from demo.village import DEMO_LOOKUP_KEY, DemoPerson, DemoVillage
from kiosk.catalogue import item_by_code
from kiosk.identity import IdNumberError, check_digit, mask_id
from kiosk.lookup import BenefitLookup

LONG = "43122619560322079X"  # 龙德贵, household 431226-9001 (低保 household)


def _expected_ids(village: DemoVillage, person: DemoPerson) -> set[int]:
    """Independently: own rows + household-scope rows of the same household."""
    return {
        p.id for p in village.payments
        if p.id_number == person.id_number
        or (p.household_id == person.household_id and item_by_code(p.item_code).scope ==
            "household")
    }


@pytest.fixture
def lookup(seeded_engine: Engine) -> Iterator[BenefitLookup]:
    service = BenefitLookup(seeded_engine, DEMO_LOOKUP_KEY)
    yield service
    service.close()


def test_holder_sees_own_and_household_payments(lookup: BenefitLookup,
                                                demo_village: DemoVillage) -> None:
    result = lookup.lookup(LONG.lower())
    person = demo_village.person(LONG)
    got = {p.payment_id for y in result.years for p in y.payments}
    assert got == _expected_ids(demo_village, person)
    assert result.masked_id == mask_id(LONG)
    assert result.household_id == "431226-9001"
    assert result.as_of == demo_village.as_of.astimezone(UTC)
    household_codes = {p.item_code for y in result.years for p in y.payments if p.household}
    assert "DIBAO" in household_codes
    assert all(item_by_code(c).scope == "household" for c in household_codes)


def test_every_household_member_sees_household_items(lookup: BenefitLookup,
                                                     demo_village: DemoVillage) -> None:
    members = [p for p in demo_village.people if p.household_id == "431226-9001"]
    assert len(members) == 2
    seen = []
    for member in members:
        result = lookup.lookup(member.id_number)
        seen.append({p.payment_id for y in result.years for p in y.payments if p.household})
        assert {p.payment_id for y in result.years for p in y.payments} == _expected_ids(
            demo_village, member)
    assert seen[0] == seen[1] and seen[0]


def test_years_totals_and_order(lookup: BenefitLookup, demo_village: DemoVillage) -> None:
    result = lookup.lookup(LONG)
    years = [y.year for y in result.years]
    assert years == sorted(years, reverse=True)
    ids = _expected_ids(demo_village, demo_village.person(LONG))
    rows = [p for p in demo_village.payments if p.id in ids]
    for year in result.years:
        in_year = [p for p in rows if p.paid_on.year == year.year]
        by_status: Counter[str] = Counter()
        for p in in_year:
            by_status[p.status] += p.amount_fen
        assert (year.total_fen, year.pending_fen, year.returned_fen) == (
            by_status["paid"], by_status["pending"], by_status["returned"])
        assert sum(i.total_fen for i in year.items) == year.total_fen
        keys = [(p.item_code, p.paid_on) for p in year.payments]
        assert keys == sorted(keys)


def test_statuses_and_fields_come_through(lookup: BenefitLookup,
                                          demo_village: DemoVillage) -> None:
    pending = next(p for p in demo_village.payments if p.status == "pending")
    result = lookup.lookup(pending.id_number)
    line = next(p for y in result.years for p in y.payments if p.payment_id == pending.id)
    assert (line.status, line.amount_fen, line.paid_on, line.period, line.department,
            line.fund_source) == (pending.status, pending.amount_fen, pending.paid_on,
                                  pending.period, pending.department, pending.fund_source)
    assert line.item_name == item_by_code(pending.item_code).name


def test_json_shape(lookup: BenefitLookup) -> None:
    data = lookup.lookup(LONG).to_json()
    assert set(data) == {"holder", "as_of", "years"}
    assert set(data["holder"]) == {"masked_id", "household_id"}
    assert data["as_of"] == REFERENCE_AS_OF.isoformat()
    year = data["years"][0]
    assert {"year", "total_fen", "payments"} <= set(year)
    payment = year["payments"][0]
    assert {"item_code", "item_name", "period", "amount_fen", "paid_on", "status",
            "department", "fund_source", "household"} <= set(payment)
    assert isinstance(payment["amount_fen"], int)


def test_unknown_person_gets_empty_result(lookup: BenefitLookup) -> None:
    first17 = "11010519491231002"
    result = lookup.lookup(first17 + check_digit(first17))
    assert not result.found and result.years == () and result.household_id is None
    assert result.as_of is not None


def test_invalid_number_refused(lookup: BenefitLookup) -> None:
    with pytest.raises(IdNumberError):
        lookup.lookup("431226195603220791")


def test_empty_database(empty_engine: Engine) -> None:
    service = BenefitLookup(empty_engine, DEMO_LOOKUP_KEY)
    try:
        result = service.lookup(LONG)
    finally:
        service.close()
    assert not result.found and result.as_of is None


def test_lookup_from_another_thread(lookup: BenefitLookup) -> None:
    import threading

    out = []
    thread = threading.Thread(target=lambda: out.append(lookup.lookup(LONG)))
    thread.start()
    thread.join(10)
    assert out and out[0] == lookup.lookup(LONG)


def test_summarise_orders_any_input_like_the_sql(lookup: BenefitLookup) -> None:
    import random

    from kiosk.lookup import summarise

    result = lookup.lookup(LONG)
    lines = [p for y in result.years for p in y.payments]
    random.Random(5).shuffle(lines)
    assert summarise(lines) == result.years
