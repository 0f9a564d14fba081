"""The dashboard's 问题线索 headline (the Mayang figures): leads found, handled, still open,
money recovered — in all and by township, rule and department.

Only the roles that see leads (inspector, township) get it; a township account its own
township's. Aggregates only: no person is named.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from county.collision.life import Figures, figures
from county.collision.rules import rule_named

__all__ = ["LEAD_ROLES", "LeadHeadline", "lead_headline"]

#: The roles that see leads (county/console/leads_page.py).
LEAD_ROLES = ("inspector", "township")


@dataclass(frozen=True)
class LeadHeadline:
    """The total and the three breakdowns (their total rows left out)."""

    total: Figures
    by_township: list[Figures]
    by_rule: list[Figures]
    by_department: list[Figures]
    rule_words: dict[str, str]


def lead_headline(engine: Engine, township: str = "") -> LeadHeadline:
    """The headline for the county, or for ``township``."""
    with engine.connect() as conn:
        towns, rules, departments = (figures(conn, by, township=township)
                                     for by in ("township", "rule", "department"))
    return LeadHeadline(towns[-1], towns[:-1], rules[:-1], departments[:-1],
                        {r.key: rule_named(r.key).zh.split("：")[0] for r in rules[:-1]})
