"""County mode of the demo generator: a whole county with planted collision leads.

The village generator (demo/village.py) makes one village for a terminal;
this makes a county for the inspection office: ~20 townships, 200 villages,
400 000 people (at full scale) with pensions, 低保, 高龄 and 耕地 payments,
the reference lists departments send (deaths, officials, households,
employees, vehicles, 公示 announcements) and benefit standards. Into it it
plants anomalies of every collision rule in known numbers, and a control set
of look-alikes that are innocent (a death after the last payment, 低保 then
特困 in different months, an official's neighbour on 低保, an amount exactly
at the standard, an employee paid 耕地补贴 …): a correct rule finds every
planted lead and none on the control.

Deterministic for a seed. Payments are produced lazily (:func:`iter_payments`)
so that 5 000 000 of them never sit in memory. The files it writes are as
messy as real ones: names with spaces, lower-case x, dates in three formats.
"""

from __future__ import annotations

import csv
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from county.collision.names import RULE_NAMES
from county.demo_ids import IdNumbers
from demo.village import DEMO_LOOKUP_KEY

__all__ = ["DEMO_LOOKUP_KEY", "STANDARDS", "CountyData", "CountyPayment", "CountyPerson",
           "CountyScale", "generate_county", "iter_payments", "write_files"]

_SURNAMES = "滕舒田向杨刘黄龙吴姚陈张李王谭麻彭石"
_GIVEN = "国建明军华平志勇文斌德福永海春成林生祥贵富荣伟强金忠顺发秀英兰桂芳花珍玉梅凤翠琴香菊云霞"
_REGION = "431226"
#: Monthly amounts (fen) of the generated items; 低保 is per member of the household.
YANGLAO_FEN, GAOLING_FEN, DIBAO_PER_HEAD_FEN = 20800, 5000, 42000
TEKUN_FEN, GENGDI_FEN = 56000, 52500
#: Benefit standards the generator loads: (item, year, household size (0: any), max fen).
#: Standards for every year a generated county's payments may fall in (up to 34 months back
#: from October 2026): a payment in a year without a standard is checked against none.
STANDARDS = tuple(standard for year in (2024, 2025, 2026) for standard in (
    ("YANGLAO", year, 0, YANGLAO_FEN), ("GAOLING", year, 0, 30000), ("TEKUN", year, 0, TEKUN_FEN),
    *(("DIBAO", year, n, n * DIBAO_PER_HEAD_FEN) for n in range(1, 9))))
_DEPARTMENT = {"YANGLAO": "县人力资源和社会保障局", "GENGDI": "县农业农村局"}


@dataclass(frozen=True)
class CountyScale:
    """How big a county to make, and how many anomalies (and look-alikes) per rule."""

    townships: int = 20
    villages: int = 200
    people: int = 400_000
    planted: int = 40
    """Leads planted per rule."""
    control: int = 40
    """Innocent look-alikes per rule."""
    year: int = 2026
    months: int = 10
    """Months of payments, ending in October of ``year`` (the county's reference day is in
    November); 10 starts in January, 22 in January of the year before."""
    seed: int = 16


@dataclass(frozen=True)
class CountyPerson:
    """A resident as the departments know them (plaintext: hashed before storing)."""

    id_number: str
    name: str
    birth: date
    household_id: str
    relation: str
    township: str
    village: str
    household_size: int


@dataclass(frozen=True)
class CountyPayment:
    """One payment row as a department file carries it."""

    id_number: str
    name: str
    item_code: str
    period: str
    amount_fen: int
    paid_on: date
    status: str
    township: str
    village: str
    household_id: str
    household_size: int | None


@dataclass
class CountyData:
    """The generated county: people, extra (planted) payments, lists, and what was planted."""

    scale: CountyScale
    people: list[CountyPerson]
    dibao_heads: set[int]
    """Indexes of household heads paid 低保 every month."""
    extra: list[CountyPayment] = field(default_factory=list)
    skip: set[tuple[int, str, int]] = field(default_factory=set)
    """(person index, item, month) of base payments not made (a death, a move to 特困)."""
    lists: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    planted: dict[str, set[str]] = field(default_factory=dict)
    """Rule → ID numbers of the people its planted leads are about."""
    control: set[str] = field(default_factory=set)


def _people(scale: CountyScale, rng: random.Random, numbers: IdNumbers) -> list[CountyPerson]:
    towns = [f"{n}镇" for n in _place_names(rng, scale.townships)]
    villages = [(towns[i % len(towns)], f"{n}村")
                for i, n in enumerate(_place_names(rng, scale.villages))]
    out: list[CountyPerson] = []
    household = 0
    while len(out) < scale.people:
        town, village = villages[household % len(villages)]
        size = min(rng.choice((1, 2, 3, 3, 4, 4, 5, 6)), scale.people - len(out))
        household += 1
        hid = f"H{household:07d}"
        for member in range(size):
            age = rng.choice((rng.randint(62, 95), rng.randint(20, 59), rng.randint(0, 19)))
            birth = date(scale.year - age, rng.randint(1, 12), rng.randint(1, 28))
            if birth > date(scale.year, 10, 31):  # born after the last payment month
                birth = birth.replace(year=birth.year - 1)
            number, birth = numbers.issue(birth)
            name = rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.choice((1, 2))))
            out.append(CountyPerson(number, name, birth, hid,
                                    "户主" if member == 0 else rng.choice(("配偶", "子", "女")),
                                    town, village, size))
    return out


def _place_names(rng: random.Random, count: int) -> list[str]:
    chars = "高兰锦郭岩江舒尧谭板吕隆石桥青山溪塘坪冲湾岭坡田"
    names: list[str] = []
    while len(names) < count:
        name = "".join(rng.sample(chars, 2))
        if name not in names:
            names.append(name)
    return names


def _ym(scale: CountyScale, m: int) -> tuple[int, int]:
    """Year and month of payment month ``m`` (1 … ``scale.months``, the last is October)."""
    index = scale.year * 12 + 9 - (scale.months - m)
    return index // 12, index % 12 + 1


def _period(scale: CountyScale, m: int) -> str:
    return "{}年{}月".format(*_ym(scale, m))


def _day(scale: CountyScale, m: int, day: int = 15) -> date:
    year, month = _ym(scale, m)
    return date(year, month, day)


def _base_items(p: CountyPerson, index: int, data: CountyData) -> Iterator[tuple[str, int]]:
    age = data.scale.year - p.birth.year
    if age >= 60:
        yield "YANGLAO", YANGLAO_FEN
    if age >= 80:
        yield "GAOLING", GAOLING_FEN
    if index in data.dibao_heads:
        yield "DIBAO", p.household_size * DIBAO_PER_HEAD_FEN


def iter_payments(data: CountyData) -> Iterator[CountyPayment]:
    """Every payment of the county in a stable order (base monthly payments, the yearly
    耕地 subsidy of each household head, then the planted ones)."""
    year = data.scale.year
    for index, p in enumerate(data.people):
        for code, fen in _base_items(p, index, data):
            size = p.household_size if code == "DIBAO" else None
            for month in range(1, data.scale.months + 1):
                if (index, code, month) in data.skip:
                    continue
                yield CountyPayment(p.id_number, p.name, code, _period(data.scale, month), fen,
                                    _day(data.scale, month), "paid", p.township, p.village,
                                    p.household_id, size)
        if p.relation == "户主" and (index, "GENGDI", 3) not in data.skip:
            yield CountyPayment(p.id_number, p.name, "GENGDI", f"{year}年度", GENGDI_FEN,
                                date(year, 3, 20), "paid", p.township, p.village,
                                p.household_id, None)
    yield from data.extra


def _row(p: CountyPerson, **more: str) -> dict[str, str]:
    return {"姓名": p.name, "身份证号": p.id_number, "乡镇": p.township, "村": p.village, **more}


class _Planter:
    """Takes people for planting from a shuffled pool, each person used once."""

    def __init__(self, data: CountyData, rng: random.Random, numbers: IdNumbers) -> None:
        self.data, self.rng, self.numbers = data, rng, numbers
        heads = [i for i, p in enumerate(data.people) if p.relation == "户主"]
        self.pool = [i for i in range(len(data.people)) if i not in data.dibao_heads]
        rng.shuffle(self.pool)
        self.heads = [i for i in heads if i not in data.dibao_heads]
        rng.shuffle(self.heads)
        self.taken: set[int] = set()
        self.taken_households: set[str] = set()

    def person(self, *, old: bool | None = None, head: bool = False,
               township: set[str] | None = None) -> int:
        """A person of a household nobody was taken from yet (``old``: 60+ or 18–59;
        ``head``: a household head; ``township``: living in one of these)."""
        source = self.heads if head else self.pool
        while source:
            index = source.pop()
            p = self.data.people[index]
            age = self.data.scale.year - p.birth.year
            if index in self.taken or (old is not None and (age >= 60) != old) \
                    or age < 18 or (old is False and age >= 60):
                continue
            if p.household_id in self.taken_households or index in self.data.dibao_heads \
                    or (township is not None and p.township not in township):
                continue
            self.taken.add(index)
            self.taken_households.add(p.household_id)
            return index
        raise ValueError("the county is too small for this many planted leads")

    def pay(self, index: int, code: str, month: int, fen: int, *, day: int = 15,
            status: str = "paid", size: int | None = None) -> None:
        p = self.data.people[index]
        scale = self.data.scale
        self.data.extra.append(CountyPayment(p.id_number, p.name, code, _period(scale, month),
                                             fen, _day(scale, month, day), status, p.township,
                                             p.village, p.household_id, size))


def generate_county(scale: CountyScale | None = None) -> CountyData:
    """The county for ``scale`` (default: full size), with its planted leads and control."""
    scale = scale or CountyScale()
    rng = random.Random(scale.seed)
    numbers = IdNumbers(_REGION)  # every number unique by construction (county/demo_ids.py)
    people = _people(scale, rng, numbers)
    heads = [i for i, p in enumerate(people) if p.relation == "户主"]
    dibao = set(rng.sample(heads, max(1, len(heads) // 25)))
    data = CountyData(scale, people, dibao, lists={k: [] for k in (
        "deaths", "officials", "households", "employees", "vehicles", "announcements")},
        planted={r: set() for r in RULE_NAMES})
    plant = _Planter(data, rng, numbers)
    for _ in range(scale.planted):
        _plant_one(data, plant, rng)
    for _ in range(scale.control):
        _control_one(data, plant, rng)
    _announce_dibao(data)
    return data


def _plant_one(data: CountyData, plant: _Planter, rng: random.Random) -> None:
    people, months = data.people, data.scale.months
    # paid_after_death: a pensioner who died in month 3; the pension went on.
    i = plant.person(old=True)
    died = _day(data.scale, 3, rng.randint(1, 10))
    data.lists["deaths"].append(_row(people[i], 死亡日期=str(died)))
    data.planted["paid_after_death"].add(people[i].id_number)
    # duplicate_in_period: one month's pension paid twice (another day).
    i = plant.person(old=True)
    plant.pay(i, "YANGLAO", rng.randint(1, months), YANGLAO_FEN, day=25)
    data.planted["duplicate_in_period"].add(people[i].id_number)
    # over_standard: a pension above the standard (typed 280 for 208).
    i = plant.person(old=True)
    month = rng.randint(1, months)
    data.skip.add((i, "YANGLAO", month))
    plant.pay(i, "YANGLAO", month, 28000)
    data.planted["over_standard"].add(people[i].id_number)
    # exclusive_items: 特困 and 低保 for the same month.
    i = plant.person(old=False)
    month = rng.randint(1, months)
    plant.pay(i, "TEKUN", month, TEKUN_FEN)
    plant.pay(i, "DIBAO", month, DIBAO_PER_HEAD_FEN, size=1)
    _announce_extra(data, i, "DIBAO", month, DIBAO_PER_HEAD_FEN)
    _announce_extra(data, i, "TEKUN", month, TEKUN_FEN)
    data.planted["exclusive_items"].add(people[i].id_number)
    # officials_kin: a village official's spouse on 特困 (one month, announced).
    official = plant.person(old=False, head=True)
    spouse = _new_member(plant, official, "配偶")
    data.lists["officials"].append(_row(people[official], 职务="村主任"))
    for who in (official, spouse):
        data.lists["households"].append(_row(people[who], 户号=people[official].household_id,
                                             与户主关系=people[who].relation))
    month = rng.randint(1, months)
    plant.pay(spouse, "TEKUN", month, TEKUN_FEN)
    _announce_extra(data, spouse, "TEKUN", month, TEKUN_FEN)
    data.planted["officials_kin"].add(people[spouse].id_number)
    # listed_while_paid: a public employee on 特困 (announced).
    i = plant.person(old=False)
    data.lists["employees"].append(_row(people[i], 工作单位="县水利局"))
    month = rng.randint(1, months)
    plant.pay(i, "TEKUN", month, TEKUN_FEN)
    _announce_extra(data, i, "TEKUN", month, TEKUN_FEN)
    data.planted["listed_while_paid"].add(people[i].id_number)
    # announced_not_paid: announced and never paid; and paid but not announced.
    i = plant.person(old=False)
    _announce_extra(data, i, "TEKUN", rng.randint(1, months), TEKUN_FEN)
    data.planted["announced_not_paid"].add(people[i].id_number)
    # (低保 is announced monthly in every township that has 低保 households.)
    i = plant.person(old=False, township={people[h].township for h in data.dibao_heads})
    plant.pay(i, "DIBAO", rng.randint(1, months), DIBAO_PER_HEAD_FEN, size=1)
    data.planted["announced_not_paid"].add(people[i].id_number)


def _new_member(plant: _Planter, head: int, relation: str) -> int:
    """Add a person to ``head``'s household (so the spouse is nobody else's anomaly)."""
    data = plant.data
    h = data.people[head]
    number, birth = plant.numbers.issue(h.birth)  # born the same day: a fresh number still
    data.people.append(CountyPerson(number, "吴" + h.name[1:], birth, h.household_id,
                                    relation, h.township, h.village, h.household_size))
    return len(data.people) - 1


def _control_one(data: CountyData, plant: _Planter, rng: random.Random) -> None:
    people, months = data.people, data.scale.months
    # Died in month 4 after that month's payment: payments stop.
    i = plant.person(old=True)
    data.lists["deaths"].append(_row(people[i], 死亡日期=str(_day(data.scale, 4, 20))))
    for month in range(5, months + 1):
        data.skip.update({(i, "YANGLAO", month), (i, "GAOLING", month)})
    if _ym(data.scale, 4) < (data.scale.year, 3):
        data.skip.add((i, "GENGDI", 3))  # the yearly subsidy falls after the death
    data.control.add(people[i].id_number)
    # A pension exactly at the standard and a 高龄 in the same month: nothing to see.
    i = plant.person(old=True)
    data.control.add(people[i].id_number)
    # 低保 until month 5, 特困 from month 6: a move between programmes, not both at once.
    i = plant.person(old=False)
    for month in range(1, months + 1):
        code, fen = ("DIBAO", DIBAO_PER_HEAD_FEN) if month <= 5 else ("TEKUN", TEKUN_FEN)
        plant.pay(i, code, month, fen, size=1 if code == "DIBAO" else None)
        _announce_extra(data, i, code, month, fen)
    data.control.add(people[i].id_number)
    # An official's neighbour (another household) on 特困; the official's own pension.
    official = plant.person(old=True, head=True)
    data.lists["officials"].append(_row(people[official], 职务="村支书"))
    data.lists["households"].append(_row(people[official], 户号=people[official].household_id,
                                         与户主关系="户主"))
    neighbour = plant.person(old=False)
    month = rng.randint(1, months)
    plant.pay(neighbour, "TEKUN", month, TEKUN_FEN)
    _announce_extra(data, neighbour, "TEKUN", month, TEKUN_FEN)
    data.control.update({people[official].id_number, people[neighbour].id_number})
    # A public employee paid 耕地补贴 (allowed); a car owner on a pension (allowed).
    i = plant.person(old=False, head=True)
    data.lists["employees"].append(_row(people[i], 工作单位="镇中心学校"))
    j = plant.person(old=True)
    data.lists["vehicles"].append(_row(people[j], 车牌号="湘N·" + f"{rng.randrange(99999):05d}"))
    data.control.update({people[i].id_number, people[j].id_number})


def _announce_extra(data: CountyData, index: int, code: str, month: int, fen: int) -> None:
    p = data.people[index]
    data.lists["announcements"].append(_row(p, 项目=code, 金额=f"{fen / 100:.2f}",
                                            期间=_period(data.scale, month)))


def _announce_dibao(data: CountyData) -> None:
    """The monthly 低保 公示 of every 低保 household."""
    for index in sorted(data.dibao_heads):
        p = data.people[index]
        for month in range(1, data.scale.months + 1):
            if (index, "DIBAO", month) not in data.skip:
                _announce_extra(data, index, "DIBAO", month,
                                p.household_size * DIBAO_PER_HEAD_FEN)


# --- files as departments send them -----------------------------------------------------------

def _messy_name(name: str, n: int) -> str:
    return name if n % 3 else " ".join(name)  # 龙 德 贵: typed with spaces


def _messy_id(number: str, n: int) -> str:
    return number.lower() if n % 2 else number


def _messy_date(day: date, n: int) -> str:
    return (f"{day:%Y-%m-%d}", f"{day.year}/{day.month}/{day.day}",
            f"{day.year}年{day.month}月{day.day}日")[n % 3]


_LIST_FILES = {"deaths": "死亡人员名单.csv", "officials": "村干部名单.csv",
               "households": "户籍信息.csv", "employees": "财政供养人员.csv",
               "vehicles": "车辆登记.csv", "announcements": "公示名单.csv"}


def write_files(data: CountyData, directory: Path, *, payments: bool = True) -> dict[str, Path]:
    """Write the lists (and, if asked, the payments) as messy CSV files; returns
    kind → path (``payments`` included). Files are 0600: they hold ID numbers."""
    directory.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for kind, rows in data.lists.items():
        if not rows:
            continue
        path = directory / _LIST_FILES[kind]
        header = ["序号", *rows[0].keys()]
        with _private(path) as stream:
            writer = csv.writer(stream)
            writer.writerow([f"{data.scale.year}年{_LIST_FILES[kind][:-4]}"])  # a title row
            writer.writerow(header)
            for n, row in enumerate(rows, start=1):
                cells = dict(row)
                cells["姓名"] = _messy_name(row["姓名"], n)
                cells["身份证号"] = _messy_id(row["身份证号"], n)
                if "死亡日期" in cells:
                    cells["死亡日期"] = _messy_date(date.fromisoformat(row["死亡日期"]), n)
                writer.writerow([n, *cells.values()])
            writer.writerow(["合计", f"{len(rows)} 人"])
        out[kind] = path
    if payments:
        path = directory / "发放明细.csv"
        with _private(path) as stream:
            writer = csv.writer(stream)
            writer.writerow(["姓名", "身份证号", "项目", "月份", "金额(元)", "发放日期", "乡镇",
                             "村", "户号", "保障人数", "发放状态"])
            for n, p in enumerate(iter_payments(data)):
                writer.writerow([_messy_name(p.name, n), _messy_id(p.id_number, n), p.item_code,
                                 p.period, f"{p.amount_fen / 100:.2f}", _messy_date(p.paid_on, n),
                                 p.township, p.village, p.household_id,
                                 p.household_size or "", "已发放" if p.status == "paid"
                                 else "待发放"])
        out["payments"] = path
    return out


def _private(path: Path) -> TextIO:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return open(fd, "w", encoding="utf-8", newline="")
