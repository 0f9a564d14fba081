"""The demo village: deterministic, big enough, realistic, internally consistent."""

from __future__ import annotations

from collections import Counter
from datetime import date

from reference import REFERENCE_DAY

from demo.village import DemoVillage, card_profile, generate_village
from kiosk.catalogue import CATALOGUE, item_by_code, match_item_name
from kiosk.identity import validate_id


def test_deterministic(demo_village: DemoVillage) -> None:
    assert generate_village(today=REFERENCE_DAY) == demo_village
    assert generate_village() == demo_village, "the clock's today is the default"
    assert generate_village(seed=1) != demo_village


def test_size_and_variety(demo_village: DemoVillage) -> None:
    households = {p.household_id for p in demo_village.people}
    assert len(households) >= 300 and len(demo_village.people) >= 900
    items = Counter(p.item_code for p in demo_village.payments)
    assert {i.code for i in CATALOGUE} <= set(items), "every catalogue item is paid somewhere"
    statuses = Counter(p.status for p in demo_village.payments)
    assert statuses["pending"] > 0 and statuses["returned"] > 0
    years = {p.paid_on.year for p in demo_village.payments}
    assert years == set(range(REFERENCE_DAY.year - 4, REFERENCE_DAY.year + 1))
    assert {n.kind for n in demo_village.notices} == {"政策", "村务公开", "村级财务", "公示"}


def test_people_are_valid_and_unique(demo_village: DemoVillage) -> None:
    numbers = [p.id_number for p in demo_village.people]
    assert len(numbers) == len(set(numbers))
    for person in demo_village.people:
        assert validate_id(person.id_number, today=REFERENCE_DAY) == person.id_number
        assert person.birth == date(int(person.id_number[6:10]), int(person.id_number[10:12]),
                                    int(person.id_number[12:14]))
        assert (int(person.id_number[16]) % 2 == 1) == (person.sex == "男")
    assert any(p.id_number.endswith("X") for p in demo_village.people)
    assert any("䶮" in p.name for p in demo_village.people)


def test_payments_are_consistent(demo_village: DemoVillage) -> None:
    people = {p.id_number: p for p in demo_village.people}
    ids = [p.id for p in demo_village.payments]
    assert len(ids) == len(set(ids))
    for pay in demo_village.payments:
        assert pay.id_number in people
        assert people[pay.id_number].household_id == pay.household_id
        assert pay.amount_fen > 0 and isinstance(pay.amount_fen, int)
        assert pay.paid_on.replace(day=1) <= REFERENCE_DAY.replace(day=1)
        assert pay.department == item_by_code(pay.item_code).department
        age = (pay.paid_on - people[pay.id_number].birth).days / 365.25
        if pay.item_code == "YANGLAO":
            assert age >= 60
        if pay.item_code == "GAOLING":
            assert age >= 79


def test_card_profiles_follow_the_contract(demo_village: DemoVillage) -> None:
    for person in demo_village.people:
        profile = card_profile(person)
        assert profile["card_type"] == "resident"
        assert len(profile["birth"]) == 8 and profile["birth"].isdigit()
        assert profile["valid_to"] == "长期" or profile["valid_to"] > profile["valid_from"]


def test_catalogue_aliases() -> None:
    for name in ("农村低保", "低保", "农村最低生活保障金", "DIBAO", " 低保 ", "农村低保资金"):
        spec = match_item_name(name)
        assert spec is not None and spec.code == "DIBAO", name
    assert match_item_name("不存在的补贴") is None
    names = [n for item in CATALOGUE for n in (item.name, *item.aliases)]
    assert len(names) == len(set(names)), "an alias may name only one item"
