"""A village ledger month for the tests of what the 村级财务 screens say aloud."""

from __future__ import annotations

from datetime import date

from kiosk.ledger import EntryView, Ledger, Totals

__all__ = ["YEAR", "ledger"]

#: The year's totals the ledger months below belong to.
YEAR = Totals("2026", 12_000_000, 9_350_050)


def ledger(entries: int) -> Ledger:
    """October 2026 with ``entries`` entries: one income, then road repairs."""
    rows = [EntryView(i, date(2026, 10, 3 + i), f"第{i + 1}组道路维修", "expense", 120_000, "",
                      f"记-{i + 1}", "") for i in range(entries)]
    rows[0] = EntryView(0, date(2026, 10, 3), "上级转移支付", "income", 2_000_000, "", "记-1", "")
    return Ledger("2026-10", rows, Totals("2026-10", 2_000_000, 120_000 * (entries - 1)),
                  YEAR, [Totals("2026-10", 0, 0)])
