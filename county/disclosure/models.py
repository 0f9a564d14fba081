"""Tables of public disclosure (migration 0501).

``item_disclosure``: per benefit item, whether its roll is public and for how
long after each payment (``period_days`` or ``period_months``).

``roll_entry``: one row per payment currently on a public roll, built from
the payment and the payee's name by county/disclosure/rolls.py. Synced to the
terminals of the payment's village only. The name is held here in clear
only while the entry is published (it is on the village's kiosk for anyone
to read); when the disclosure ends the row becomes a tombstone and its name
is blanked, so the county's names otherwise stay encrypted (county/payees.py).
No ID number, no ``id_hash``.

``power``: one village-level power of the micro-power list, published by
the county to every terminal; ``body`` is the JSON of its steps and details.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base
from kiosk.sqltypes import UTCDateTime, utcnow

__all__ = ["ItemDisclosure", "Power", "RollEntry"]


class ItemDisclosure(Base):
    """Whether an item's roll is public, and for how long after each payment."""

    __tablename__ = "item_disclosure"

    item_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    period_days: Mapped[int] = mapped_column(Integer, default=0)
    period_months: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("period_days >= 0 AND period_months >= 0", name="period_valid"),
    )


class RollEntry(Base):
    """One payment on its village's public roll; key: the payment id."""

    __tablename__ = "roll_entry"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True, autoincrement=False)
    township: Mapped[str] = mapped_column(String(60))
    village: Mapped[str] = mapped_column(String(60))
    item_code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(60), default="")
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    period: Mapped[str] = mapped_column(String(40), default="")
    village_group: Mapped[str] = mapped_column(String(60), default="")
    household_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    paid_on: Mapped[date] = mapped_column(Date)
    public_until: Mapped[date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        Index("ix_roll_entry_village_seq", "township", "village", "seq"),
        Index("ix_roll_entry_seq", "seq"),
    )


class Power(Base):
    """A village-level power (小微权力) of the county's list; ``code`` is its key."""

    __tablename__ = "power"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    body: Mapped[str] = mapped_column(Text, default="{}", doc="JSON: steps, decides, …")
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
