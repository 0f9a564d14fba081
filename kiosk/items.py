"""Benefit items as the county described them (names, policy text, standards)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from kiosk.powers import PowerView, power_for_item
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
    apply_power: PowerView | None = None
    """The micro-power (小微权力) that tells how to apply for the item, if any."""


def item_info(engine: Engine, code: str) -> ItemInfo | None:
    """The cached catalogue entry for ``code`` with the power that tells how to apply for
    it (kiosk.powers.power_for_item), or None if the county never sent the item."""
    query = select(BenefitItem.code, BenefitItem.name, BenefitItem.category,
                   BenefitItem.department, BenefitItem.scope, BenefitItem.standard,
                   BenefitItem.policy).where(BenefitItem.code == code)
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    return ItemInfo(*row, apply_power=power_for_item(engine, code))
