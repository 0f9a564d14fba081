"""A deterministic demo village: people, households, five years of payments.

Pure data with no I/O and no database: the terminal's ``kiosk db seed-demo``
and the county's ``county seed-demo`` both load this same village (each end
hashes the ID numbers with the lookup key before storing anything), and the
ID-card emulator serves the card profiles it exports. Same seed, same village,
on every machine.

The people are invented. ID numbers are well-formed (valid GB 11643 check
digits) in the region code of a real county so that every validation path is
exercised; they belong to nobody.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Literal

from demo.notices import DemoComplaint, DemoNotice, demo_complaints, demo_notices
from kiosk import clock
from kiosk.catalogue import CATALOGUE, BenefitItemSpec, item_by_code
from kiosk.identity import check_digit

__all__ = [
    "DEMO_LOOKUP_KEY",
    "PAYMENT_YEARS",
    "DemoComplaint",
    "DemoNotice",
    "DemoPayment",
    "DemoPerson",
    "DemoVillage",
    "card_profile",
    "generate_village",
]

#: The demo county's lookup key. Demo only: a real county generates its own.
DEMO_LOOKUP_KEY = b"village-kiosk demo lookup key - not for production use"
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
#: The day the villagers' ages are counted from: the same people (same ID
#: numbers) on whatever day the demo runs; their payments, notices and
#: complaints follow the reference date instead.
_BIRTHS_AS_OF = date(2026, 11, 20)
#: How many calendar years of payments the demo holds, ending with the current one.
PAYMENT_YEARS = 5

REGION_CODE = "431226"
PROVINCE, COUNTY, TOWNSHIP, VILLAGE = "湖南省", "麻阳苗族自治县", "高村镇", "青山村"
ISSUER = f"{COUNTY}公安局"

Status = Literal["paid", "pending", "returned"]

_SURNAMES = "滕舒田向杨刘黄龙吴姚陈张李王谭麻彭石"
_GIVEN_M = "国建明军华平志勇文斌德福永海春成林生祥贵富荣伟强金忠顺发"
_GIVEN_F = "秀英兰桂芳花珍玉梅凤翠琴香菊云霞丽娟红莲艳萍燕"
# Nations seen in this county: 汉, 苗, 侗, 土家 (GA 467 nation names).
_NATIONS = (("汉", 55), ("苗", 35), ("侗", 6), ("土家", 4))
_RELATIONS_CHILD = ("子", "女")


@dataclass(frozen=True)
class DemoPerson:
    """A villager as the departments know them (plaintext: hash before storing)."""

    id_number: str
    name: str
    sex: Literal["男", "女"]
    nation: str
    birth: date
    household_id: str
    relation: str
    address: str
    valid_from: date
    valid_to: date | None
    """``None`` means 长期 (long-term card, holders aged 46+ at issue)."""


@dataclass(frozen=True)
class DemoPayment:
    """One benefit payment row as a department file would carry it."""

    id: int
    id_number: str
    household_id: str
    item_code: str
    period: str
    amount_fen: int
    paid_on: date
    status: Status
    department: str
    fund_source: str
    batch: str


@dataclass(frozen=True)
class DemoVillage:
    """The whole demo data set, as it stands on ``today``."""

    people: tuple[DemoPerson, ...]
    payments: tuple[DemoPayment, ...]
    notices: tuple[DemoNotice, ...]
    complaints: tuple[DemoComplaint, ...]
    today: date
    as_of: datetime
    """When the data was "last synced" from the county: the evening before ``today``."""
    county: str = COUNTY
    township: str = TOWNSHIP
    village: str = VILLAGE
    catalogue: tuple[BenefitItemSpec, ...] = field(default=CATALOGUE)

    def person(self, id_number: str) -> DemoPerson:
        """The person with this ID number; raises ``KeyError``."""
        for person in self.people:
            if person.id_number == id_number:
                return person
        raise KeyError("no demo person with that ID number")


def _make_id(rng: random.Random, birth: date, sex: str, used: set[str]) -> str:
    while True:
        seq = rng.randrange(0, 500) * 2 + (1 if sex == "男" else 0)
        first17 = f"{REGION_CODE}{birth:%Y%m%d}{seq:03d}"
        number = first17 + check_digit(first17)
        if number not in used:
            used.add(number)
            return number


def _card_validity(rng: random.Random, birth: date, today: date) -> tuple[date, date | None]:
    """Issue date and expiry following the ID-card law's age bands, valid on ``today``.

    Draws the same number of random values whatever ``today`` is, so the
    people generated after this one do not depend on the reference date.
    """
    years_ago, month, day = rng.randrange(0, 9), rng.randrange(1, 13), rng.randrange(1, 28)
    fallback_days = rng.randrange(30, 300)
    age_now = (today - birth).days // 365
    issue_age = max(16, age_now - years_ago)
    issued = date(birth.year + issue_age, month, day)
    if issued > today:
        issued = today - timedelta(days=fallback_days)
    if issue_age >= 46:
        return issued, None
    years = 10 if issue_age < 26 else 20
    return issued, issued.replace(year=issued.year + years)


def _current_month(day: date) -> tuple[int, int]:
    return day.year, day.month


class _Builder:
    """Holds the RNGs and counters while the village is generated.

    Two generators: ``rng`` draws the people and households (never anything
    that depends on the date, so the same seed gives the same people on any
    day), ``money`` draws everything about payments.
    """

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.money = random.Random(seed * 7919 + 1)
        self.today = today
        self.years = range(today.year - PAYMENT_YEARS + 1, today.year + 1)
        self.used_ids: set[str] = set()
        self.people: list[DemoPerson] = []
        self.payments: list[DemoPayment] = []
        self.next_payment_id = 1

    def name(self, surname: str, sex: str) -> str:
        pool = _GIVEN_M if sex == "男" else _GIVEN_F
        length = self.rng.choice((1, 2, 2, 2))
        return surname + "".join(self.rng.choice(pool) for _ in range(length))

    def person(self, *, surname: str, sex: Literal["男", "女"], age: int, household: str,
               relation: str, address: str, nation: str) -> DemoPerson:
        rng = self.rng
        birth = date(_BIRTHS_AS_OF.year - age, rng.randrange(1, 13), rng.randrange(1, 29))
        if birth > _BIRTHS_AS_OF:
            birth = birth.replace(year=birth.year - 1)
        number = _make_id(rng, birth, sex, self.used_ids)
        valid_from, valid_to = _card_validity(rng, birth, self.today)
        person = DemoPerson(number, self.name(surname, sex), sex, nation, birth, household,
                            relation, address, valid_from, valid_to)
        self.people.append(person)
        return person

    def age(self, who: DemoPerson) -> int:
        """Age in whole years on the reference date."""
        return (self.today - who.birth).days // 365

    def pay(self, who: DemoPerson, item: BenefitItemSpec, *, period: str, fen: int,
            paid_on: date, fund: str) -> None:
        """Record a payment: paid (rarely returned) before this month, pending this month.

        Payments scheduled after this month do not exist yet. Everything
        dated in the current month is 待发放: the month's batch is still
        being paid out, so the demo shows a pending payment on any day.
        """
        if _current_month(paid_on) > _current_month(self.today):
            return
        roll = self.money.random()
        status: Status = "returned" if roll < 0.006 else "paid"
        if _current_month(paid_on) == _current_month(self.today):
            status = "pending"
        self.payments.append(DemoPayment(
            self.next_payment_id, who.id_number, who.household_id, item.code, period, fen,
            paid_on, status, item.department, fund, f"{paid_on:%Y%m}-{item.code}"))
        self.next_payment_id += 1


def pension_fen(year: int, today: date) -> int:
    """The monthly basic pension in ``year``: 208 元 this year, 20 元 less each year back."""
    return 20800 - (today.year - year) * 2000


def gengdi_fen_per_mu(year: int, today: date) -> int:
    """The farmland subsidy per 亩 in ``year``: 107 元 this year, 1 元 less each year back."""
    return 10700 - (today.year - year) * 100


def _monthly(b: _Builder, who: DemoPerson, code: str, fen_for_year: dict[int, int], *,
             fund: str, day: int, start: date | None = None) -> None:
    item = item_by_code(code)
    for year in b.years:
        for month in range(1, 13):
            first = date(year, month, 1)
            if start is not None and first < start.replace(day=1):
                continue
            b.pay(who, item, period=f"{year}年{month}月", fen=fen_for_year[year],
                  paid_on=date(year, month, day), fund=fund)


def _household_payments(b: _Builder, members: list[DemoPerson], *, dibao: bool,
                        poor: bool) -> None:
    rng = b.money
    head = members[0]
    first_year = b.years[0]
    if dibao:
        per_person = rng.choice((28000, 33000, 38000, 42000))
        fen = per_person * len(members) // 100 * 100
        since = date(first_year + rng.choice((0, 0, 1, 2)), rng.randrange(1, 13), 1)
        _monthly(b, head, "DIBAO", dict.fromkeys(b.years, fen),
                 fund="中央和省级财政困难群众救助补助资金", day=12, start=since)
    mu = rng.choice((2.1, 3.4, 4.0, 4.8, 5.5, 6.2, 7.9))
    for year in b.years:
        b.pay(head, item_by_code("GENGDI"), period=f"{year}年度",
              fen=round(mu * gengdi_fen_per_mu(year, b.today)),
              paid_on=date(year, 6, rng.randrange(5, 25)), fund="中央财政耕地地力保护补贴资金")
    if rng.random() < 0.3:
        forest = rng.choice((12, 18.5, 26, 40, 65))
        for year in b.years:
            b.pay(head, item_by_code("GONGYILIN"), period=f"{year}年度", fen=round(forest * 1600),
                  paid_on=date(year, 9, rng.randrange(1, 28)), fund="中央财政森林生态效益补偿基金")
    if poor and rng.random() < 0.25:
        year = first_year + rng.randrange(0, PAYMENT_YEARS - 1)
        total = rng.choice((1500000, 2200000, 2800000, 3500000))
        item = item_by_code("WEIFANG")
        b.pay(head, item, period=f"{year}年（首期）", fen=total * 6 // 10,
              paid_on=date(year, 5, 18), fund="中央财政农村危房改造补助资金")
        b.pay(head, item, period=f"{year}年（竣工验收后）", fen=total - total * 6 // 10,
              paid_on=date(year, 11, 8), fund="中央财政农村危房改造补助资金")


def _person_payments(b: _Builder, who: DemoPerson, *, dibao: bool, poor: bool,
                     alone: bool) -> None:
    rng = b.money
    age = b.age(who)
    if age >= 60:
        turned_60 = who.birth.replace(year=who.birth.year + 60)
        _monthly(b, who, "YANGLAO", {y: pension_fen(y, b.today) for y in b.years},
                 fund="中央和地方财政城乡居民基础养老金", day=15,
                 start=turned_60 + timedelta(days=31))
        if rng.random() < 0.12:
            for year in b.years:
                if year - who.birth.year >= 60:
                    b.pay(who, item_by_code("JIANGLI"), period=f"{year}年度", fen=96000,
                          paid_on=date(year, 4, 20), fund="中央和省级计划生育奖励扶助资金")
    if age >= 80:
        item = item_by_code("GAOLING")
        for year in b.years:
            age_then = year - who.birth.year
            if age_then < 80:
                continue
            monthly = 30000 if age_then >= 100 else 10000 if age_then >= 90 else 5000
            for quarter in range(1, 5):
                b.pay(who, item, period=f"{year}年第{quarter}季度", fen=monthly * 3,
                      paid_on=date(year, quarter * 3, 25), fund="县级财政高龄津贴资金")
    if alone and age >= 60 and poor:
        _monthly(b, who, "TEKUN", {y: 64000 - (b.today.year - y) * 2000 for y in b.years},
                 fund="中央和省级财政困难群众救助补助资金", day=12)
    if rng.random() < 0.04:
        code = "CJ_HULI" if rng.random() < 0.5 else "CJ_SHENGHUO"
        _monthly(b, who, code, dict.fromkeys(b.years, 8000), fund="省级财政残疾人两项补贴资金",
                 day=18)
    if (dibao or poor) and 6 <= age <= 19:
        fen = 50000 if age <= 12 else 62500 if age <= 15 else 100000
        for year in b.years:
            for term, month in (("春季", 4), ("秋季", 10)):
                b.pay(who, item_by_code("JIAOYU"), period=f"{year}年{term}学期", fen=fen,
                      paid_on=date(year, month, 28), fund="中央和地方学生资助资金")
    if (dibao or age >= 70) and rng.random() < 0.1:
        year = rng.choice(tuple(b.years))
        b.pay(who, item_by_code("YILIAO_JZ"), period=f"{year}年住院救助",
              fen=rng.randrange(80000, 1200000, 100), paid_on=date(year, rng.randrange(1, 11), 9),
              fund="城乡医疗救助基金")


def generate_village(*, seed: int = 2026, households: int = 320,
                     today: date | None = None) -> DemoVillage:
    """Generate the demo village as it stands on ``today`` (default: the clock's today).

    At least 300 households and 900 people by default. The people are the
    same for a given ``seed`` on any day; five calendar years of payments end
    with the current month (pending), notices are in their 公示 periods and
    a complaint has its reply, all relative to ``today``. Deterministic for a
    given ``seed`` and ``today``. The first household contains the people the
    demo and tests name (a holder whose ID ends in X, a name with the rare
    character 䶮). People born after ``today`` are left out.
    """
    today = today or clock.today()
    b = _Builder(seed, today)
    rng = b.rng
    nations = [name for name, weight in _NATIONS for _ in range(weight)]
    households_drawn: list[tuple[list[DemoPerson], bool, bool]] = []
    for index in range(1, households + 1):
        household = f"{REGION_CODE}-{index:04d}"
        group = 1 + (index - 1) % 9
        address = f"{PROVINCE}{COUNTY}{TOWNSHIP}{VILLAGE}{group}组{index}号"
        surname = rng.choice(_SURNAMES)
        nation = rng.choice(nations)
        kind = rng.random()
        members: list[DemoPerson] = []
        head_sex: Literal["男", "女"] = "男" if rng.random() < 0.85 else "女"
        if kind < 0.08:  # an old person living alone
            members.append(b.person(surname=surname, sex=head_sex, age=rng.randrange(66, 97),
                                    household=household, relation="户主", address=address,
                                    nation=nation))
        else:
            head_age = rng.randrange(34, 88)
            members.append(b.person(surname=surname, sex=head_sex, age=head_age,
                                    household=household, relation="户主", address=address,
                                    nation=nation))
            spouse_sex: Literal["男", "女"] = "女" if head_sex == "男" else "男"
            members.append(b.person(surname=rng.choice(_SURNAMES), sex=spouse_sex,
                                    age=max(20, head_age + rng.randrange(-5, 4)),
                                    household=household, relation="配偶", address=address,
                                    nation=rng.choice(nations)))
            for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3))):
                child_sex: Literal["男", "女"] = rng.choice(("男", "女"))
                child_age = max(1, head_age - rng.randrange(22, 34))
                relation = "子" if child_sex == "男" else "女"
                members.append(b.person(surname=surname, sex=child_sex, age=child_age,
                                        household=household, relation=relation,
                                        address=address, nation=nation))
            if head_age < 60 and rng.random() < 0.35:
                members.append(b.person(surname=surname, sex=rng.choice(("男", "女")),
                                        age=head_age + rng.randrange(24, 32),
                                        household=household,
                                        relation=rng.choice(("父", "母")), address=address,
                                        nation=nation))
        poor = rng.random() < 0.18
        households_drawn.append((members, poor, poor and rng.random() < 0.5))
    special = _special_people(b)
    households_drawn.append((special, True, True))
    for members, poor, dibao in households_drawn:
        born = [m for m in members if m.birth <= today]
        if not born:
            continue
        _household_payments(b, born, dibao=dibao, poor=poor)
        for member in born:
            _person_payments(b, member, dibao=dibao, poor=poor, alone=len(members) == 1)
    people = tuple(p for p in b.people if p.birth <= today)
    head = special[0]
    as_of = datetime.combine(today - timedelta(days=1), time(20, 0), SHANGHAI)
    return DemoVillage(people, tuple(b.payments), demo_notices(today),
                       demo_complaints(today, holder=head.id_number, holder_name=head.name),
                       today, as_of)


def _special_people(b: _Builder) -> list[DemoPerson]:
    """People the docs and tests refer to, appended as their own household (head first)."""
    household = f"{REGION_CODE}-9001"
    address = f"{PROVINCE}{COUNTY}{TOWNSHIP}{VILLAGE}2组88号"
    # A holder whose number ends in X: search births until the check digit is X.
    rng = random.Random(7)
    while True:
        birth = date(1956, 3, rng.randrange(1, 29))
        first17 = f"{REGION_CODE}{birth:%Y%m%d}{rng.randrange(0, 500) * 2 + 1:03d}"
        if check_digit(first17) == "X" and first17 + "X" not in b.used_ids:
            break
    b.used_ids.add(first17 + "X")
    head = DemoPerson(first17 + "X", "龙德贵", "男", "苗", birth, household, "户主", address,
                      date(2016, 8, 2), None)
    wife = b.person(surname="刘", sex="女", age=67, household=household, relation="配偶",
                    address=address, nation="苗")
    wife = DemoPerson(wife.id_number, "刘䶮", wife.sex, wife.nation, wife.birth, household,
                      "配偶", address, wife.valid_from, wife.valid_to)
    b.people[-1] = wife
    b.people.append(head)
    return [head, wife]


def card_profile(person: DemoPerson) -> dict[str, str]:
    """The ID-card JSON contract (DESIGN.md §4) for a demo person's card."""
    return {
        "card_type": "resident",
        "name": person.name,
        "sex": person.sex,
        "nation": person.nation,
        "birth": f"{person.birth:%Y%m%d}",
        "address": person.address,
        "id_number": person.id_number,
        "issuer": ISSUER,
        "valid_from": f"{person.valid_from:%Y%m%d}",
        "valid_to": "长期" if person.valid_to is None else f"{person.valid_to:%Y%m%d}",
    }


def iter_profiles(village: DemoVillage) -> Iterator[tuple[str, dict[str, str]]]:
    """``(file stem, card profile)`` for every demo person, in a stable order."""
    for index, person in enumerate(village.people, start=1):
        yield f"{index:04d}-{person.household_id}", card_profile(person)
