"""The county's benefit catalogue: shipped items (kiosk.catalogue) plus the county's own.

Stored in ``benefit_item`` (synced to terminals); ``aliases`` lets the
importer recognise the names departments really write.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Engine, insert, select, update

from county.listing_rows import ItemRow
from county.models import BenefitItem
from county.seq import take_seqs
from county.tx import writing
from kiosk.catalogue import CATALOGUE, BenefitItemSpec, match_item_name

__all__ = ["ItemMatcher", "ItemRow", "ensure_catalogue", "list_items", "upsert_item"]




def _values(spec: BenefitItemSpec) -> dict[str, object]:
    return {"code": spec.code, "name": spec.name, "category": spec.category,
            "department": spec.department, "scope": spec.scope, "standard": spec.standard,
            "policy": spec.policy, "aliases": "|".join(spec.aliases)}


def ensure_catalogue(conn: Connection, *, now: datetime) -> int:
    """Add the shipped items missing from the catalogue; return how many were added."""
    have = set(conn.execute(select(BenefitItem.code)).scalars())
    missing = [spec for spec in CATALOGUE if spec.code not in have]
    if not missing:
        return 0
    first = take_seqs(conn, len(missing))
    conn.execute(insert(BenefitItem), [
        {**_values(spec), "seq": first + i, "deleted": False, "updated_at": now}
        for i, spec in enumerate(missing)])
    return len(missing)


def upsert_item(engine: Engine, spec: BenefitItemSpec, *, now: datetime) -> bool:
    """Add or replace a catalogue item; True if it was new.

    Raises ``ValueError`` for a code that is not 2–32 of A–Z, 0–9, ``_``.
    """
    code = spec.code
    if not (2 <= len(code) <= 32 and all(c.isascii() and (c.isupper() or c.isdigit()
                                                          or c == "_") for c in code)):
        raise ValueError("item code must be 2–32 characters of A–Z, 0–9 and _")
    with writing(engine) as conn:
        exists = conn.execute(select(BenefitItem.code).where(BenefitItem.code == code)).first()
        values = {**_values(spec), "seq": take_seqs(conn), "deleted": False, "updated_at": now}
        if exists:
            conn.execute(update(BenefitItem).where(BenefitItem.code == code).values(**values))
        else:
            conn.execute(insert(BenefitItem).values(**values))
    return exists is None


def list_items(engine: Engine) -> list[ItemRow]:
    """Live catalogue items by code."""
    with engine.connect() as conn:
        rows = conn.execute(select(BenefitItem).where(BenefitItem.deleted.is_(False))
                            .order_by(BenefitItem.code)).all()
    return [ItemRow(r.code, r.name, r.category, r.department, r.scope,
                    tuple(a for a in r.aliases.split("|") if a)) for r in rows]


class ItemMatcher:
    """Matches a department's item name to a live catalogue item of this county.

    The shipped names and aliases go through kiosk.catalogue.match_item_name
    (one set of folding rules for both ends); names and aliases the county
    added itself are matched after the same clean-up (spaces dropped).
    """

    def __init__(self, items: list[ItemRow]) -> None:
        self._codes = {item.code: item for item in items}
        self._names: dict[str, ItemRow] = {}
        for item in items:
            for name in (item.code, item.name, *item.aliases):
                self._names[name.replace(" ", "")] = item

    def match(self, name: str) -> ItemRow | None:
        """The item called ``name`` (code, name or alias), or None."""
        spec = match_item_name(name)
        if spec is not None and spec.code in self._codes:
            return self._codes[spec.code]
        return self._names.get(name.strip().replace(" ", ""))
