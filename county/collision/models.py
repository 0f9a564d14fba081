"""Tables of 数据碰撞: people (encrypted), reference lists, standards, leads and their history.

Created by migration 0301_collision. ``reference_row`` holds the lists other
departments send (deaths, officials, households, employees, vehicles,
announcements), each row known by ``id_hash`` like a payment. A ``lead``
is stored once per ``key`` (SHA-256 of the rule and the rows involved);
``evidence`` is a JSON object of the payment ids and reference row ids.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base, Payment
from kiosk.sqltypes import UTCDateTime, utcnow

__all__ = ["LEAD_STATES", "REFERENCE_KINDS", "BenefitStandard", "Lead", "LeadEvent", "Person",
           "ReferenceRow"]

#: Kinds of reference list (`county import --kind`); payments are not one of them.
REFERENCE_KINDS = ("deaths", "officials", "households", "employees", "vehicles",
                   "announcements")
#: A lead's states; ``closed``: its evidence disappeared before anyone handled it.
LEAD_STATES = ("new", "assigned", "confirmed", "dismissed", "recovered", "closed")
_ID = BigInteger().with_variant(Integer, "sqlite")

# The rules read payments through two covering indexes (migration 0503), so that a rule that
# must look at every payment of an item reads a narrow index in order, never the table:
# by person, item and period (duplicate_in_period groups on it; the person joins use it) and
# by item and payment date (over_standard ranges over an item's year; the item filters).
# ``deleted`` and ``status`` are key columns so that SQLite covers the live-payment test too;
# PostgreSQL carries the rest as INCLUDE columns (index-only scans).
Index("ix_payment_collide_live", Payment.id_hash, Payment.item_code, Payment.period,
      Payment.deleted, Payment.status, Payment.amount_fen, Payment.paid_on,
      postgresql_include=["id"])
Index("ix_payment_item_paid_on_live", Payment.item_code, Payment.paid_on,
      Payment.household_size, Payment.amount_fen, Payment.deleted, Payment.status,
      postgresql_include=["id", "id_hash"])


class Person(Base):
    """A payee: name and ID number sealed with the county ID key (county/payees.py)."""

    __tablename__ = "person"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    id_enc: Mapped[str] = mapped_column(Text)
    name_enc: Mapped[str] = mapped_column(Text, default="")
    masked_id: Mapped[str] = mapped_column(String(24))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReferenceRow(Base):
    """One row of a department's reference list."""

    __tablename__ = "reference_row"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    id_hash: Mapped[str] = mapped_column(String(64))
    event_on: Mapped[date | None] = mapped_column(Date, nullable=True,
                                                  doc="死亡日期 (deaths)")
    household_id: Mapped[str] = mapped_column(String(40), default="")
    relation: Mapped[str] = mapped_column(String(20), default="", doc="与户主关系")
    role: Mapped[str] = mapped_column(String(60), default="", doc="职务 / 单位 / 车牌")
    township: Mapped[str] = mapped_column(String(60), default="")
    village: Mapped[str] = mapped_column(String(60), default="")
    item_code: Mapped[str] = mapped_column(String(32), default="", doc="announcements")
    period: Mapped[str] = mapped_column(String(40), default="", doc="announcements")
    amount_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="{}", doc="the list's own columns")
    content_key: Mapped[str] = mapped_column(String(64), unique=True)
    import_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        # (kind, id_hash) first: the person joins; item and period: announced_not_paid
        # asks "is this person on this item's 公示 of this period" (migration 0503).
        Index("ix_reference_kind_hash_item", "kind", "id_hash", "item_code", "period"),
        Index("ix_reference_kind_household", "kind", "household_id"),
        # announced_not_paid: was this item's 公示 of this period imported for the township?
        Index("ix_reference_announced", "kind", "item_code", "period", "township"),
        CheckConstraint("kind IN ('deaths', 'officials', 'households', 'employees', "
                        "'vehicles', 'announcements')", name="kind_valid"),
    )


class BenefitStandard(Base):
    """The most an item pays one person (or household of a size) in one payment, per year."""

    __tablename__ = "benefit_standard"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_code: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    household_size: Mapped[int] = mapped_column(Integer, default=0,
                                                doc="0: any size (the fallback)")
    max_fen: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (UniqueConstraint("item_code", "year", "household_size",
                                       name="uq_standard"),)


class Lead(Base):
    """A 问题线索: what a rule found, stored once, and its handling."""

    __tablename__ = "lead"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    rule: Mapped[str] = mapped_column(String(40))
    id_hash: Mapped[str] = mapped_column(String(64))
    township: Mapped[str] = mapped_column(String(60), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    before_payment: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="new")
    evidence: Mapped[str] = mapped_column(Text, default="{}")
    detail: Mapped[str] = mapped_column(Text, default="")
    found_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    assigned_to: Mapped[str] = mapped_column(String(60), default="")
    confirmed_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    dismiss_reason: Mapped[str] = mapped_column(Text, default="")
    recovered_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    recovered_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        Index("ix_lead_rule_status", "rule", "status"),
        Index("ix_lead_township", "township"),
        CheckConstraint("status IN ('new', 'assigned', 'confirmed', 'dismissed', "
                        "'recovered', 'closed')", name="status_valid"),
    )


class LeadEvent(Base):
    """One step of a lead's handling (who, when, what)."""

    __tablename__ = "lead_event"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    lead_id: Mapped[int] = mapped_column(Integer, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(60), default="")
    action: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text, default="")
    amount_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
