"""Tables of published software releases (``county release publish``).

Kept out of county/models.py only to keep that module about the synced data;
both share :class:`county.models.Base`, so one Alembic history covers them.
A pin belongs to a published scope (``release_scope.pinned_at``), so a
terminal enrolled in a pinned township later is pinned too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base
from kiosk.sqltypes import UTCDateTime, utcnow

__all__ = ["Release", "ReleaseScope"]


class Release(Base):
    """A verified bundle stored by the county, as its manifest describes it."""

    __tablename__ = "release"

    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    path: Mapped[str] = mapped_column(String(1000), doc="absolute path of the stored bundle")
    size: Mapped[int] = mapped_column(BigInteger, doc="bytes of the bundle file")
    sha256: Mapped[str] = mapped_column(String(64), doc="of the whole bundle file")
    key_id: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, doc="manifest created_at")
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, doc="manifest expires_at")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ReleaseScope(Base):
    """Who is offered a release: the whole county, a township or one terminal."""

    __tablename__ = "release_scope"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(ForeignKey("release.version"))
    kind: Mapped[str] = mapped_column(String(10))
    target: Mapped[str] = mapped_column(String(60), default="",
                                        doc="township name or terminal id; '' for county")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    pinned_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True,
        doc="set: every terminal in this scope is pinned to this version (the latest pin "
            "covering a terminal wins)")
    pin_statement: Mapped[str | None] = mapped_column(
        Text, nullable=True,
        doc="the pin file signed with the release key (sync.protocol.release.pin); terminals "
            "roll back only with it")

    __table_args__ = (
        UniqueConstraint("version", "kind", "target", name="uq_release_scope"),
        CheckConstraint("kind IN ('county', 'township', 'terminal')", name="kind_valid"),
    )
