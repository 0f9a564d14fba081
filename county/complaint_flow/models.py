"""Tables of complaint handling: the history of every step, time limits, villagers' feedback.

They share :class:`county.models.Base` (one Alembic history, migration
0201_complaint_workflow). The handling columns of a complaint itself
(status, level, due_at, …) are on :class:`county.models.Complaint`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base
from kiosk.sqltypes import UTCDateTime, utcnow

__all__ = ["ComplaintFeedback", "ComplaintHistory", "ComplaintLookup", "ComplaintTimeLimit"]

_ID = BigInteger().with_variant(Integer, "sqlite")


class ComplaintHistory(Base):
    """One step of a complaint's life: who did what when, from which state to which."""

    __tablename__ = "complaint_history"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    level: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")


class ComplaintTimeLimit(Base):
    """Per category: days to reply (response) and to close (resolution), set by IT staff,
    and whether a reply needs a second officer's approval."""

    __tablename__ = "complaint_time_limit"

    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    response_days: Mapped[int] = mapped_column(Integer)
    resolve_days: Mapped[int] = mapped_column(Integer)
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(80), default="")


class ComplaintFeedback(Base):
    """A villager's 满意 / 不满意 from a terminal, stored once per idempotency key."""

    __tablename__ = "complaint_feedback"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    satisfied: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(40), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("complaint_id", "idempotency_key",
                                       name="uq_complaint_feedback_key"),)


class ComplaintLookup(Base):
    """One ``POST /complaints/lookup`` (ticket + query code) from a terminal: counted for its
    limits (county/complaint_flow/lookup.py); ``ok`` whether the code matched."""

    __tablename__ = "complaint_lookup"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(String(20))
    ticket_no: Mapped[str] = mapped_column(String(32))
    ok: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_complaint_lookup_ticket_at", "ticket_no", "at"),
                      Index("ix_complaint_lookup_terminal_at", "terminal_id", "at"))
