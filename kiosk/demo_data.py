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
from datetime import date, datetime, timedelta, timezone
from typing import Literal

from kiosk.catalogue import CATALOGUE, BenefitItemSpec, item_by_code
from kiosk.identity import check_digit

__all__ = [
    "DEMO_AS_OF",
    "DEMO_LOOKUP_KEY",
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
#: When the demo data was "last synced" from the county.
DEMO_AS_OF = datetime(2026, 11, 20, 8, 0, tzinfo=SHANGHAI)
_TODAY = DEMO_AS_OF.date()
_YEARS = range(2022, 2027)

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
class DemoNotice:
    """A notice pushed by the county (政策 / 村务公开 / 村级财务 / 公示)."""

    id: int
    kind: str
    title: str
    body: str
    scope: Literal["village", "township", "county"]
    published_on: date
    expires_on: date | None


@dataclass(frozen=True)
class DemoVillage:
    """The whole demo data set."""

    people: tuple[DemoPerson, ...]
    payments: tuple[DemoPayment, ...]
    notices: tuple[DemoNotice, ...]
    as_of: datetime = DEMO_AS_OF
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


def _card_validity(rng: random.Random, birth: date) -> tuple[date, date | None]:
    """Issue date and expiry following the ID-card law's age bands."""
    age_now = (_TODAY - birth).days // 365
    years_ago = rng.randrange(0, 9)
    issue_age = max(16, age_now - years_ago)
    issued = date(birth.year + issue_age, rng.randrange(1, 13), rng.randrange(1, 28))
    if issued > _TODAY:
        issued = _TODAY - timedelta(days=rng.randrange(30, 300))
    if issue_age >= 46:
        return issued, None
    years = 10 if issue_age < 26 else 20
    return issued, issued.replace(year=issued.year + years)


class _Builder:
    """Holds the RNG and counters while the village is generated."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
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
        birth = date(_TODAY.year - age, rng.randrange(1, 13), rng.randrange(1, 29))
        if birth > _TODAY:
            birth = birth.replace(year=birth.year - 1)
        number = _make_id(rng, birth, sex, self.used_ids)
        valid_from, valid_to = _card_validity(rng, birth)
        person = DemoPerson(number, self.name(surname, sex), sex, nation, birth, household,
                            relation, address, valid_from, valid_to)
        self.people.append(person)
        return person

    def pay(self, who: DemoPerson, item: BenefitItemSpec, *, period: str, fen: int,
            paid_on: date, fund: str, status: Status | None = None) -> None:
        if paid_on > _TODAY:
            return
        if status is None:
            roll = self.rng.random()
            status = "returned" if roll < 0.006 else "paid"
            if (_TODAY - paid_on).days < 20 and roll > 0.6:
                status = "pending"
        self.payments.append(DemoPayment(
            self.next_payment_id, who.id_number, who.household_id, item.code, period, fen,
            paid_on, status, item.department, fund, f"{paid_on:%Y%m}-{item.code}"))
        self.next_payment_id += 1


def _monthly(b: _Builder, who: DemoPerson, code: str, fen_for_year: dict[int, int], *,
             fund: str, day: int, start: date | None = None) -> None:
    item = item_by_code(code)
    for year in _YEARS:
        for month in range(1, 13):
            first = date(year, month, 1)
            if start is not None and first < start.replace(day=1):
                continue
            b.pay(who, item, period=f"{year}年{month}月", fen=fen_for_year[year],
                  paid_on=date(year, month, day), fund=fund)


def _household_payments(b: _Builder, rng: random.Random, members: list[DemoPerson],
                        *, dibao: bool, poor: bool) -> None:
    head = members[0]
    if dibao:
        per_person = rng.choice((28000, 33000, 38000, 42000))
        fen = per_person * len(members) // 100 * 100
        since = date(rng.choice((2022, 2022, 2023, 2024)), rng.randrange(1, 13), 1)
        _monthly(b, head, "DIBAO", dict.fromkeys(_YEARS, fen),
                 fund="中央和省级财政困难群众救助补助资金", day=12, start=since)
    mu = rng.choice((2.1, 3.4, 4.0, 4.8, 5.5, 6.2, 7.9))
    for year in _YEARS:
        b.pay(head, item_by_code("GENGDI"), period=f"{year}年度",
              fen=round(mu * (10300 + (year - 2022) * 100)),
              paid_on=date(year, 6, rng.randrange(5, 25)), fund="中央财政耕地地力保护补贴资金")
    if rng.random() < 0.3:
        forest = rng.choice((12, 18.5, 26, 40, 65))
        for year in _YEARS:
            b.pay(head, item_by_code("GONGYILIN"), period=f"{year}年度", fen=round(forest * 1600),
                  paid_on=date(year, 9, rng.randrange(1, 28)), fund="中央财政森林生态效益补偿基金")
    if poor and rng.random() < 0.25:
        year = rng.choice((2022, 2023, 2024, 2025))
        total = rng.choice((1500000, 2200000, 2800000, 3500000))
        item = item_by_code("WEIFANG")
        b.pay(head, item, period=f"{year}年（首期）", fen=total * 6 // 10,
              paid_on=date(year, 5, 18), fund="中央财政农村危房改造补助资金")
        b.pay(head, item, period=f"{year}年（竣工验收后）", fen=total - total * 6 // 10,
              paid_on=date(year, 11, 8), fund="中央财政农村危房改造补助资金")


def _person_payments(b: _Builder, rng: random.Random, who: DemoPerson, *, dibao: bool,
                     poor: bool, alone: bool) -> None:
    age = (_TODAY - who.birth).days // 365
    pension = {2022: 12800, 2023: 14800, 2024: 16800, 2025: 18800, 2026: 20800}
    if age >= 60:
        turned_60 = who.birth.replace(year=who.birth.year + 60)
        _monthly(b, who, "YANGLAO", pension, fund="中央和地方财政城乡居民基础养老金",
                 day=15, start=turned_60 + timedelta(days=31))
        if rng.random() < 0.12:
            for year in _YEARS:
                if year - who.birth.year >= 60:
                    b.pay(who, item_by_code("JIANGLI"), period=f"{year}年度", fen=96000,
                          paid_on=date(year, 4, 20), fund="中央和省级计划生育奖励扶助资金")
    if age >= 80:
        item = item_by_code("GAOLING")
        for year in _YEARS:
            age_then = year - who.birth.year
            if age_then < 80:
                continue
            monthly = 30000 if age_then >= 100 else 10000 if age_then >= 90 else 5000
            for quarter in range(1, 5):
                b.pay(who, item, period=f"{year}年第{quarter}季度", fen=monthly * 3,
                      paid_on=date(year, quarter * 3, 25), fund="县级财政高龄津贴资金")
    if alone and age >= 60 and poor:
        _monthly(b, who, "TEKUN", {y: 56000 + (y - 2022) * 2000 for y in _YEARS},
                 fund="中央和省级财政困难群众救助补助资金", day=12)
    if rng.random() < 0.04:
        code = "CJ_HULI" if rng.random() < 0.5 else "CJ_SHENGHUO"
        _monthly(b, who, code, dict.fromkeys(_YEARS, 8000), fund="省级财政残疾人两项补贴资金",
                 day=18)
    if (dibao or poor) and 6 <= age <= 19:
        fen = 50000 if age <= 12 else 62500 if age <= 15 else 100000
        for year in _YEARS:
            for term, month in (("春季", 4), ("秋季", 10)):
                b.pay(who, item_by_code("JIAOYU"), period=f"{year}年{term}学期", fen=fen,
                      paid_on=date(year, month, 28), fund="中央和地方学生资助资金")
    if (dibao or age >= 70) and rng.random() < 0.1:
        year = rng.choice(tuple(_YEARS))
        b.pay(who, item_by_code("YILIAO_JZ"), period=f"{year}年住院救助",
              fen=rng.randrange(80000, 1200000, 100), paid_on=date(year, rng.randrange(1, 11), 9),
              fund="城乡医疗救助基金")


def _notices() -> tuple[DemoNotice, ...]:
    n: list[tuple[str, str, str, Literal["village", "township", "county"], date, date | None]] = [
        ("政策", "2026年农村低保标准提高的通知",
         "经县人民政府批准，自2026年1月起，全县农村低保标准提高到每人每年6000元。"
         "低保对象的补差金额按新标准重新核定，按月发放到社会保障卡。如有疑问，请向村委会或镇民政办咨询。",
         "county", date(2026, 1, 5), None),
        ("政策", "耕地地力保护补贴发放说明",
         "2026年耕地地力保护补贴按确权承包耕地面积发放，每亩105元。已经撂荒、改为建设用地或"
         "林地的面积不再发放。补贴在6月底前打入“一卡通”。",
         "county", date(2026, 5, 10), None),
        ("政策", "城乡居民基础养老金提标",
         "2026年起，城乡居民基础养老金每人每月提高到208元。年满60周岁的参保人员按月领取。",
         "county", date(2026, 1, 15), None),
        ("村务公开", "青山村2026年村民代表大会决议",
         "2026年10月12日召开村民代表大会，应到42人，实到39人。会议表决通过：1. 修建3组至5组"
         "通组公路，长1.2公里；2. 村集体茶园收益按人口分红。",
         "village", date(2026, 10, 15), date(2027, 1, 31)),
        ("村级财务", "青山村2026年第三季度财务收支公开",
         "本季度收入：上级转移支付48,000.00元，茶园承包费12,500.00元。支出：村干部报酬"
         "21,600.00元，道路维护6,320.50元，办公费1,180.00元。季末结余31,399.50元。",
         "village", date(2026, 10, 8), date(2027, 1, 8)),
        ("公示", "2026年第四季度低保动态调整公示",
         "经入户核查和评议，本村拟新增低保2户、退出1户。公示期7天，对公示内容有异议的，"
         "可向镇纪委或拨打12388反映。",
         "village", date(2026, 11, 16), date(2026, 11, 23)),
        ("公示", "高村镇2026年危房改造竣工验收结果公示",
         "全镇2026年危房改造17户已全部竣工验收合格，补助资金将于11月底前拨付到户。",
         "township", date(2026, 11, 2), date(2026, 12, 2)),
        ("村务公开", "村便民服务站服务时间",
         "周一至周五 8:30–12:00，14:30–17:30；查询机24小时可用。代办电话请见公示栏。",
         "village", date(2025, 3, 1), None),
    ]
    return tuple(DemoNotice(i + 1, kind, title, body, scope, published, expires)
                 for i, (kind, title, body, scope, published, expires) in enumerate(n))


def generate_village(*, seed: int = 2026, households: int = 320) -> DemoVillage:
    """Generate the demo village: ≥ 300 households and ≥ 900 people by default.

    Deterministic for a given ``seed``. The first household contains the
    people the demo and tests name (a holder whose ID ends in X, a name with
    the rare character 䶮).
    """
    b = _Builder(seed)
    rng = b.rng
    nations = [name for name, weight in _NATIONS for _ in range(weight)]
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
        dibao = poor and rng.random() < 0.5
        _household_payments(b, rng, members, dibao=dibao, poor=poor)
        for member in members:
            _person_payments(b, rng, member, dibao=dibao, poor=poor, alone=len(members) == 1)
    _special_people(b)
    return DemoVillage(tuple(b.people), tuple(b.payments), _notices())


def _special_people(b: _Builder) -> None:
    """People the docs and tests refer to, appended as their own household."""
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
    _household_payments(b, b.rng, [head, wife], dibao=True, poor=True)
    for member in (head, wife):
        _person_payments(b, b.rng, member, dibao=True, poor=True, alone=False)


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

