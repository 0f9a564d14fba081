"""The village finance ledger on the terminal (issue 17): synced, written by the daemon only.

A voucher image lives beside the cache as ``vouchers/<sha256>.jpg``
(kiosk/ledger.py :func:`~kiosk.ledger.voucher_path`), fetched once by the
daemon and checked against ``image_sha256`` and ``image_size``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.sqltypes import UTCDateTime, utcnow
from kiosk.store.models import Base

__all__ = ["LedgerEntry"]


class LedgerEntry(Base):
    """One entry of the village's books (server id as key)."""

    __tablename__ = "ledger_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    month: Mapped[str] = mapped_column(String(7), doc="YYYY-MM")
    entry_date: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8), doc="income | expense")
    amount_fen: Mapped[int] = mapped_column(Integer)
    counterparty: Mapped[str] = mapped_column(String(100), default="")
    voucher_no: Mapped[str] = mapped_column(String(40), default="")
    image_sha256: Mapped[str] = mapped_column(String(64), default="")
    image_size: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("kind IN ('income', 'expense')", name="ledger_kind_valid"),
        Index("ix_ledger_entry_month", "month"),
    )
