"""The table of village projects (county side)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base
from kiosk.sqltypes import UTCDateTime, utcnow

__all__ = ["VillageProject"]

_ID = BigInteger().with_variant(Integer(), "sqlite")


class VillageProject(Base):
    """One project of a village; ``body`` is its stages as JSON (sync.protocol.projects).

    A re-import of the village's file updates a changed project in place (a
    fresh seq) and retires (``deleted``) one no longer in the file.
    """

    __tablename__ = "village_project"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    township: Mapped[str] = mapped_column(String(60))
    village: Mapped[str] = mapped_column(String(60))
    code: Mapped[str] = mapped_column(String(40), doc="项目编号 (or the name when none)")
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    body: Mapped[str] = mapped_column(Text, default="{}")
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        Index("ix_village_project_village", "township", "village", "code"),
    )
