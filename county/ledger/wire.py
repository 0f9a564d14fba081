"""The ledger as terminals receive it: the scope filter and the wire record."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, and_, bindparam

from county.ledger.models import LedgerEntry
from sync.protocol.ledger import LedgerEntryRecord

__all__ = ["OWN_VILLAGE", "ledger_record"]

#: Entries of the terminal's own village (bound from TerminalScope.params()).
OWN_VILLAGE: ColumnElement[bool] = and_(
    LedgerEntry.township == bindparam("scope_township", type_=String()),
    LedgerEntry.village == bindparam("scope_village", type_=String()))


def ledger_record(row: Any) -> LedgerEntryRecord:
    """A ledger_entry row as its wire record."""
    return LedgerEntryRecord(id=row.id, month=row.month, entry_date=row.entry_date,
                             summary=row.summary, kind=row.kind, amount_fen=row.amount_fen,
                             counterparty=row.counterparty, voucher_no=row.voucher_no,
                             image_sha256=row.image_sha256, image_size=row.image_size,
                             updated_at=row.updated_at)
