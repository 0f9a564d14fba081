"""The rules' names, a public contract, apart so that `county --help` loads no database layer."""

from __future__ import annotations

__all__ = ["RULE_NAMES"]

RULE_NAMES = ("paid_after_death", "duplicate_in_period", "over_standard", "exclusive_items",
              "officials_kin", "listed_while_paid", "announced_not_paid")
