"""Tables of the village finance ledger (county side)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Index,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base
from kiosk.sqltypes import UTCDateTime, utcnow

__all__ = ["LedgerEntry", "LedgerImage"]

_ID = BigInteger().with_variant(Integer(), "sqlite")


class LedgerEntry(Base):
    """One entry of a village's books; a re-imported month retires (``deleted``) the old ones."""

    __tablename__ = "ledger_entry"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    township: Mapped[str] = mapped_column(String(60))
    village: Mapped[str] = mapped_column(String(60))
    month: Mapped[str] = mapped_column(String(7), doc="YYYY-MM")
    entry_date: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8), doc="income | expense")
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    counterparty: Mapped[str] = mapped_column(String(100), default="")
    voucher_no: Mapped[str] = mapped_column(String(40), default="")
    image_sha256: Mapped[str] = mapped_column(String(64), default="")
    image_size: Mapped[int] = mapped_column(Integer, default=0)
    batch: Mapped[str] = mapped_column(String(40), default="")
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("kind IN ('income', 'expense')", name="kind_valid"),
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        Index("ix_ledger_entry_village_month", "township", "village", "month"),
    )


class LedgerImage(Base):
    """A re-encoded voucher image (JPEG), by the SHA-256 of its bytes."""

    __tablename__ = "ledger_image"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
