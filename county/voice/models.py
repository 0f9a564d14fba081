"""The ``complaint_voice`` table (migration 0601)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base
from kiosk.sqltypes import UTCDateTime, utcnow

__all__ = ["ComplaintVoice"]


class ComplaintVoice(Base):
    """A complaint's recording: bytes as they arrive, checked once all are there."""

    __tablename__ = "complaint_voice"

    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), primary_key=True,
                                              autoincrement=False)
    total_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    received_bytes: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
