"""Benefit standards (发放标准): the most one payment of an item may be, per year and,
where the standard depends on it, per household size (``over_standard`` checks them)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, insert, select, update

from county.collision.models import BenefitStandard
from county.models import BenefitItem
from county.tx import writing

__all__ = ["Standard", "list_standards", "set_standard"]


@dataclass(frozen=True)
class Standard:
    """One standard: item, year, household size (0: any size), most fen in one payment."""

    item_code: str
    year: int
    household_size: int
    max_fen: int


def set_standard(engine: Engine, item_code: str, year: int, max_fen: int, *,
                 household_size: int = 0) -> None:
    """Add or replace a standard; raises ``ValueError`` for an unknown item or a bad value."""
    if not 2000 <= year <= 2100:
        raise ValueError(f"year {year} is not between 2000 and 2100")
    if max_fen <= 0 or not 0 <= household_size < 100:
        raise ValueError("the amount must be more than zero and the household size 0–99")
    with writing(engine) as conn:
        if conn.execute(select(BenefitItem.code).where(BenefitItem.code == item_code)
                        ).first() is None:
            raise ValueError(f"no item {item_code} in the catalogue (county item list)")
        where = (BenefitStandard.item_code == item_code, BenefitStandard.year == year,
                 BenefitStandard.household_size == household_size)
        if conn.execute(update(BenefitStandard).where(*where)
                        .values(max_fen=max_fen)).rowcount == 0:
            conn.execute(insert(BenefitStandard).values(
                item_code=item_code, year=year, household_size=household_size,
                max_fen=max_fen))


def list_standards(engine: Engine) -> list[Standard]:
    """Every standard, by item, year and household size."""
    with engine.connect() as conn:
        return [Standard(*r) for r in conn.execute(
            select(BenefitStandard.item_code, BenefitStandard.year,
                   BenefitStandard.household_size, BenefitStandard.max_fen)
            .order_by(BenefitStandard.item_code, BenefitStandard.year,
                      BenefitStandard.household_size))]
