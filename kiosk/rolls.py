"""Public rolls (公示花名册) for the screen and `kiosk roll`: this village's roll of an item.

The county sends each terminal only its own village's roll entries of the
items it has made public (sync/pages.py); an entry stays until the county
tombstones it, and is hidden here from the day after ``public_until`` even
if that tombstone has not arrived yet (a terminal offline for weeks must not
keep showing an expired roll). No ID number is on a roll.

Rows are sorted by 组 (numbers in numeric order), then by the surname's
pinyin initial, then by name; each carries that initial (拼音首字母 of the
surname, with the surname readings of polyphonic characters: 单 shan, 曾 zeng,
解 xie …) so the screen can filter by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import Engine, func, select

from kiosk.store.models import BenefitItem, RollEntry

__all__ = ["Roll", "RollItem", "RollRow", "public_items", "read_roll", "surname_initial"]

#: Surnames read differently from the character's everyday reading (first letter).
_SURNAME_LETTER = {
    "单": "S", "曾": "Z", "解": "X", "仇": "Q", "朴": "P", "区": "O", "查": "Z", "盖": "G",
    "乐": "Y", "尉": "Y", "覃": "Q", "缪": "M", "种": "C", "翟": "Z", "万": "W", "折": "S",
    "长": "C", "秘": "B", "繁": "P", "员": "Y", "句": "G", "召": "S", "澹": "T", "令": "L",
    "沈": "S", "重": "C", "薄": "B", "柏": "B", "隗": "W", "纪": "J", "宿": "S", "祭": "Z",
}
#: Compound surnames whose first character reads differently again.
_COMPOUND = {"万俟": "M", "长孙": "Z", "单于": "C"}


@lru_cache(maxsize=4096)
def surname_initial(name: str) -> str:
    """The upper-case pinyin initial of ``name``'s surname (``"#"`` if none: a name in
    Latin letters gives its own first letter)."""
    text = name.strip()
    if not text:
        return "#"
    first = text[0]
    if text[:2] in _COMPOUND:
        return _COMPOUND[text[:2]]
    if first in _SURNAME_LETTER:
        return _SURNAME_LETTER[first]
    if first.isascii():
        return first.upper() if first.isalpha() else "#"
    from pypinyin import Style, lazy_pinyin  # its dictionaries take ~0.1 s to load

    letters = lazy_pinyin(first, style=Style.FIRST_LETTER, errors="ignore")
    letter = letters[0][:1].upper() if letters and letters[0] else ""
    return letter if letter.isascii() and letter.isalpha() else "#"


@dataclass(frozen=True)
class RollRow:
    """One line of a roll."""

    id: int
    name: str
    amount_fen: int
    period: str
    group: str
    household_size: int | None
    paid_on: date
    initial: str


@dataclass(frozen=True)
class Roll:
    """An item's roll for this village as of a day."""

    item_code: str
    item_name: str
    household: bool
    rows: tuple[RollRow, ...]

    @property
    def total_fen(self) -> int:
        """The village total of the roll (fen)."""
        return sum(r.amount_fen for r in self.rows)

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups (组) on the roll, in roll order."""
        return tuple(dict.fromkeys(r.group for r in self.rows if r.group))

    @property
    def initials(self) -> tuple[str, ...]:
        """The surname initials on the roll, A–Z."""
        return tuple(sorted({r.initial for r in self.rows}))

    def to_json(self) -> dict[str, object]:
        """The documented JSON shape of `kiosk roll ITEM --json`."""
        return {"item": self.item_code, "item_name": self.item_name,
                "household": self.household, "total_fen": self.total_fen,
                "rows": [{"name": r.name, "amount_fen": r.amount_fen, "period": r.period,
                          "group": r.group, "household_size": r.household_size}
                         for r in self.rows]}


@dataclass(frozen=True)
class RollItem:
    """An item with a public roll here: what the 公示花名册 list offers."""

    code: str
    name: str
    rows: int
    total_fen: int


def _group_key(group: str) -> tuple[int, int, str]:
    digits = re.search(r"\d+", group)
    if not group:
        return (2, 0, "")
    return (0, int(digits.group()), group) if digits else (1, 0, group)


def read_roll(engine: Engine, item_code: str, *, today: date) -> Roll:
    """The roll of ``item_code`` in force on ``today`` (empty if none). Raises SQLAlchemy
    errors if the store cannot be read."""
    with engine.connect() as conn:
        item = conn.execute(select(BenefitItem.name, BenefitItem.scope)
                            .where(BenefitItem.code == item_code)).first()
        rows = conn.execute(select(RollEntry).where(
            RollEntry.item_code == item_code, RollEntry.public_until >= today,
            RollEntry.paid_on <= today)).all()
    out = [RollRow(r.id, r.name, r.amount_fen, r.period, r.village_group, r.household_size,
                   r.paid_on, surname_initial(r.name)) for r in rows]
    out.sort(key=lambda r: (_group_key(r.group), r.initial, r.name, r.period, r.id))
    return Roll(item_code, item.name if item else item_code,
                bool(item and item.scope == "household"), tuple(out))


def public_items(engine: Engine, *, today: date) -> list[RollItem]:
    """Items with a roll in force on ``today``, by name."""
    query = (select(RollEntry.item_code, func.coalesce(BenefitItem.name, RollEntry.item_code),
                    func.count(), func.sum(RollEntry.amount_fen))
             .join(BenefitItem, BenefitItem.code == RollEntry.item_code, isouter=True)
             .where(RollEntry.public_until >= today, RollEntry.paid_on <= today)
             .group_by(RollEntry.item_code, BenefitItem.name)
             .order_by(RollEntry.item_code))
    with engine.connect() as conn:
        return [RollItem(code, name, int(n), int(total or 0))
                for code, name, n, total in conn.execute(query)]
