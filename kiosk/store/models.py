"""SQLAlchemy models of the terminal cache (DESIGN.md §3).

Synced tables (payment, household_member, benefit_item, notice, setting,
sync_state) are written only by the sync daemon; the UI writes only the
outbox (complaint) and usage events. No plaintext ID number and no payee name
is ever stored: people are known by ``id_hash`` only. The complaint outbox
keeps the name a villager chose to give for a real-name complaint.

Money is integer fen, dates are ``date``, timestamps are UTC ``datetime``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.sqltypes import UTCDateTime, utcnow

__all__ = [
    "Base",
    "BenefitItem",
    "Complaint",
    "ComplaintFeedback",
    "ComplaintVoice",
    "DeviceStatus",
    "Event",
    "HouseholdMember",
    "Notice",
    "Payment",
    "Setting",
    "SyncState",
    "UTCDateTime",
    "utcnow",
]


class Base(DeclarativeBase):
    """Declarative base of every terminal table."""


class BenefitItem(Base):
    """A benefit item from the county catalogue (names, policy, standard)."""

    __tablename__ = "benefit_item"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(40), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    scope: Mapped[str] = mapped_column(String(10), default="person")
    standard: Mapped[str] = mapped_column(Text, default="")
    policy: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (CheckConstraint("scope IN ('person', 'household')", name="scope_valid"),)


class Payment(Base):
    """One benefit payment to one recipient (server id as primary key)."""

    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    id_hash: Mapped[str] = mapped_column(String(64))
    household_id: Mapped[str] = mapped_column(String(40), default="")
    item_code: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(40), default="")
    amount_fen: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="paid")
    department: Mapped[str] = mapped_column(String(100), default="")
    fund_source: Mapped[str] = mapped_column(String(100), default="")
    batch: Mapped[str] = mapped_column(String(60), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        Index("ix_payment_id_hash", "id_hash"),
        Index("ix_payment_household", "household_id", "item_code"),
        CheckConstraint("status IN ('paid', 'pending', 'returned')", name="status_valid"),
        CheckConstraint("amount_fen >= 0", name="amount_non_negative"),
    )


class HouseholdMember(Base):
    """Which household a person (by id_hash) belongs to."""

    __tablename__ = "household_member"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    household_id: Mapped[str] = mapped_column(String(40), index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notice(Base):
    """A notice pushed by the county: 政策 / 村务公开 / 村级财务 / 公示."""

    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    scope: Mapped[str] = mapped_column(String(10), default="village")
    published_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Complaint(Base):
    """A complaint filed on this terminal: the outbox towards the county.

    ``ticket_no`` (terminal code + sequence) is printable while offline;
    ``idempotency_key`` makes a re-sent complaint count once on the server.
    """

    __tablename__ = "complaint"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_no: Mapped[str] = mapped_column(String(32), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    category: Mapped[str] = mapped_column(String(40))
    item_code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    payment_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    anonymous: Mapped[bool] = mapped_column(default=True)
    id_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    name: Mapped[str | None] = mapped_column(String(60), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivery: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    server_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    reply_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Progress from the county (sync.protocol ComplaintProgress; None until it comes).
    status: Mapped[str | None] = mapped_column(String(12), nullable=True)
    level: Mapped[str | None] = mapped_column(String(10), nullable=True)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    replied_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, doc="the reply of the current round (None once reopened)")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    can_feedback: Mapped[bool] = mapped_column(default=False, server_default="0")
    query_code: Mapped[str | None] = mapped_column(
        String(6), nullable=True, doc="printed beside the ticket; follows it at any terminal")

    __table_args__ = (
        CheckConstraint("delivery IN ('pending', 'sent', 'rejected')", name="delivery_valid"),
        CheckConstraint("anonymous OR id_hash IS NOT NULL", name="real_name_has_holder"),
        Index("ix_complaint_delivery", "delivery", "id"),
    )


class ComplaintFeedback(Base):
    """The villager's 满意 / 不满意 on a reply: an outbox row towards the county, pushed
    after the complaints (sync/outbox.py) to ``POST /complaints/{server_id}/feedback``."""

    __tablename__ = "complaint_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    satisfied: Mapped[bool] = mapped_column()
    reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivery: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        CheckConstraint("delivery IN ('pending', 'sent', 'rejected')",
                        name="feedback_delivery_valid"),
    )


class ComplaintVoice(Base):
    """A spoken complaint's recording (kiosk.voiceclip): the file in the data dir's
    ``voice/`` (0600), filed in the same transaction as its complaint; the sync daemon
    uploads it in pieces after the complaint (sync/voice_upload.py), ``sent_bytes``
    being how far the county has acknowledged."""

    __tablename__ = "complaint_voice"

    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    duration_ms: Mapped[int] = mapped_column(Integer)
    sent_bytes: Mapped[int] = mapped_column(Integer, default=0)
    delivery: Mapped[str] = mapped_column(String(12), default="pending")
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        CheckConstraint("delivery IN ('pending', 'sent', 'rejected')",
                        name="voice_delivery_valid"),
    )


class SyncState(Base):
    """One row: where the terminal's copy of the county data stands."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(100), nullable=True)
    data_as_of: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_error_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    """Stable code of ``last_error`` (e.g. ``sync.revoked``) for the clerk screen."""
    last_heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    settings_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """The newest setting version the server reported in its last heartbeat answer."""
    release_available: Mapped[str | None] = mapped_column(String(40), nullable=True)
    """A release version the county offered (installing it is `kiosk update`'s job)."""

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)


class Setting(Base):
    """A key/value setting pushed by the county, with its version."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DeviceStatus(Base):
    """The kiosk UI's latest view of a device (reader, printer), for the heartbeat.

    Written by the UI process when a state changes; read by the sync daemon.
    """

    __tablename__ = "device_status"

    device: Mapped[str] = mapped_column(String(20), primary_key=True)
    state: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Event(Base):
    """Usage counts per day and kind (no personal data)."""

    __tablename__ = "event"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
