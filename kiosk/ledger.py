"""The village finance ledger (村级财务) as the screens and `kiosk ledger` show it.

Read-only over the synced ``ledger_entry`` table: the months there are,
each month's and each year's income, expense and balance (income − expense,
in fen), and a month's entries in date order. A voucher image is shown only
once the sync daemon has fetched and checked it (:func:`voucher_path`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, case, func, select

from kiosk.store.ledger_models import LedgerEntry

__all__ = ["KIND_LABELS_ZH", "EntryView", "Ledger", "Totals", "read_ledger", "voucher_dir",
           "voucher_path"]

KIND_LABELS_ZH = {"income": "收入", "expense": "支出"}


def voucher_dir(db_path: Path) -> Path:
    """Where the voucher images of the cache at ``db_path`` live."""
    return db_path.parent / "vouchers"


def voucher_path(db_path: Path, sha256: str) -> Path | None:
    """The checked voucher image with hash ``sha256``, or None (none, or not fetched yet)."""
    if not sha256:
        return None
    path = voucher_dir(db_path) / f"{sha256}.jpg"
    return path if path.is_file() else None


@dataclass(frozen=True)
class Totals:
    """Income and expense of a month or a year, in fen."""

    label: str
    income_fen: int
    expense_fen: int

    @property
    def balance_fen(self) -> int:
        """Income minus expense (negative: more spent than came in)."""
        return self.income_fen - self.expense_fen

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "income_fen": self.income_fen,
                "expense_fen": self.expense_fen, "balance_fen": self.balance_fen}


@dataclass(frozen=True)
class EntryView:
    """One entry as shown."""

    id: int
    entry_date: date
    summary: str
    kind: str
    amount_fen: int
    counterparty: str
    voucher: str
    image_sha256: str

    def to_json(self) -> dict[str, Any]:
        """The documented ``entries`` item of `kiosk ledger --json`."""
        return {"date": self.entry_date.isoformat(), "summary": self.summary,
                "kind": self.kind, "amount_fen": self.amount_fen,
                "counterparty": self.counterparty, "voucher": self.voucher}


@dataclass(frozen=True)
class Ledger:
    """The ledger for one month: its entries, that month's and that year's totals, and
    every month there is (newest first) with its totals."""

    month: str
    entries: Sequence[EntryView]
    month_totals: Totals
    year_totals: Totals
    months: Sequence[Totals]

    def to_json(self) -> dict[str, Any]:
        return {"month": self.month, "totals": self.month_totals.to_json(),
                "year": self.year_totals.to_json(),
                "months": [m.to_json() for m in self.months],
                "entries": [e.to_json() for e in self.entries]}


_INCOME = func.coalesce(func.sum(case((LedgerEntry.kind == "income", LedgerEntry.amount_fen),
                                      else_=0)), 0)
_EXPENSE = func.coalesce(func.sum(case((LedgerEntry.kind == "expense", LedgerEntry.amount_fen),
                                       else_=0)), 0)


def read_ledger(engine: Engine, *, month: str | None = None) -> Ledger:
    """The ledger of ``month`` (``YYYY-MM``; default the newest month there is).

    Raises SQLAlchemy errors if the cache cannot be read.
    """
    with engine.connect() as conn:
        months = [Totals(m, int(i), int(e)) for m, i, e in conn.execute(
            select(LedgerEntry.month, _INCOME, _EXPENSE).group_by(LedgerEntry.month)
            .order_by(LedgerEntry.month.desc()))]
        chosen = month or (months[0].label if months else "")
        rows = conn.execute(
            select(LedgerEntry.id, LedgerEntry.entry_date, LedgerEntry.summary,
                   LedgerEntry.kind, LedgerEntry.amount_fen, LedgerEntry.counterparty,
                   LedgerEntry.voucher_no, LedgerEntry.image_sha256)
            .where(LedgerEntry.month == chosen)
            .order_by(LedgerEntry.entry_date, LedgerEntry.id)).all()
    entries = [EntryView(*row) for row in rows]
    this = next((m for m in months if m.label == chosen), Totals(chosen, 0, 0))
    year = chosen[:4]
    in_year = [m for m in months if m.label.startswith(year)]
    return Ledger(month=chosen, entries=entries, month_totals=this,
                  year_totals=Totals(year, sum(m.income_fen for m in in_year),
                                     sum(m.expense_fen for m in in_year)),
                  months=months)
