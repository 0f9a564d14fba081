"""The demo village's public disclosure: which items' rolls are public and the rolls as
they stand on the village's day, and the micro-power list (demo/powers.json).

Pure data like demo/village.py: the county's `county seed-demo` and the
terminal's `kiosk db seed-demo` both take the rolls from here, so a demo
terminal shows the same roll whether it was seeded or synced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources

from demo.village import DemoPerson, DemoVillage
from kiosk.catalogue import item_by_code
from kiosk.clock import add_months

__all__ = ["DISCLOSED", "DemoRollEntry", "group_of", "household_sizes", "powers_json",
           "roll_entries"]

#: Items whose roll the demo county publishes: (days, months) after each payment.
#: 低保 and 特困供养 are paid monthly: each month's list stays a month and 20 days (so
#: the latest month is always there); 危房改造's two instalments stay two years.
DISCLOSED: dict[str, tuple[int, int]] = {"DIBAO": (20, 1), "TEKUN": (20, 1),
                                         "WEIFANG": (0, 24)}
_GROUP = re.compile(r"(\d+)组")


@dataclass(frozen=True)
class DemoRollEntry:
    """A payment on the demo village's public roll (fields as the terminal stores them)."""

    id: int
    item_code: str
    name: str
    amount_fen: int
    period: str
    village_group: str
    household_size: int | None
    paid_on: date
    public_until: date


def group_of(person: DemoPerson) -> str:
    """The 组 of a villager's address (``"3组"``), or ``""``."""
    found = _GROUP.search(person.address)
    return f"{found.group(1)}组" if found else ""


def household_sizes(village: DemoVillage) -> dict[str, int]:
    """People per household."""
    sizes: dict[str, int] = {}
    for p in village.people:
        sizes[p.household_id] = sizes.get(p.household_id, 0) + 1
    return sizes


def roll_entries(village: DemoVillage) -> list[DemoRollEntry]:
    """The public rolls on ``village.today``: paid payments of :data:`DISCLOSED` items
    within their period."""
    people = {p.id_number: p for p in village.people}
    sizes = household_sizes(village)
    out: list[DemoRollEntry] = []
    for pay in village.payments:
        span = DISCLOSED.get(pay.item_code)
        if span is None or pay.status != "paid" or pay.paid_on > village.today:
            continue
        until = add_months(pay.paid_on, span[1]) + timedelta(days=span[0])
        who = people.get(pay.id_number)
        if until < village.today or who is None:
            continue
        household = item_by_code(pay.item_code).scope == "household"
        out.append(DemoRollEntry(pay.id, pay.item_code, who.name, pay.amount_fen, pay.period,
                                 group_of(who),
                                 sizes.get(pay.household_id) if household else None,
                                 pay.paid_on, until))
    return out


def powers_json() -> bytes:
    """The demo county's micro-power list, as `county powers import` reads it."""
    return resources.files("demo").joinpath("powers.json").read_bytes()
