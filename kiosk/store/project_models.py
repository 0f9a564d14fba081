"""Village projects (村级工程, issue 17) on the terminal: synced, written by the daemon only.

``body`` is the project's stages as JSON (sync.protocol.projects.ProjectBody),
read defensively by kiosk/projects.py. A stage's document image lives with the
ledger's vouchers (``vouchers/<sha256>.jpg``), fetched once by the daemon.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.sqltypes import UTCDateTime, utcnow
from kiosk.store.models import Base

__all__ = ["VillageProject"]


class VillageProject(Base):
    """One project of the village (server id as key)."""

    __tablename__ = "village_project"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    body: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
