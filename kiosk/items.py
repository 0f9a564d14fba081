"""Benefit items as the county described them (names, policy text, standards)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from kiosk.store.models import BenefitItem

__all__ = ["ItemInfo", "item_info"]


@dataclass(frozen=True)
class ItemInfo:
    """One item of the county catalogue as held in the cache."""

    code: str
    name: str
    category: str
    department: str
    scope: str
    standard: str
    policy: str


def item_info(engine: Engine, code: str) -> ItemInfo | None:
    """The cached catalogue entry for ``code``, or None if the county never sent it."""
    query = select(BenefitItem.code, BenefitItem.name, BenefitItem.category,
                   BenefitItem.department, BenefitItem.scope, BenefitItem.standard,
                   BenefitItem.policy).where(BenefitItem.code == code)
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return ItemInfo(*row) if row else None
