"""Notices for the screen: 政策 / 村务公开 / 村级财务 / 公示 in force today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, or_, select

from kiosk.catalogue import NOTICE_KINDS
from kiosk.store.models import Notice

__all__ = ["KINDS", "NoticeView", "current_notices"]

#: The notice kinds in the order the screen shows their tabs.
KINDS = NOTICE_KINDS


@dataclass(frozen=True)
class NoticeView:
    """One notice as the screen shows it."""

    id: int
    kind: str
    title: str
    body: str
    published_on: date
    expires_on: date | None


def current_notices(engine: Engine, *, today: date, kind: str | None = None) -> list[NoticeView]:
    """Notices published on or before ``today`` and not expired, newest first.

    ``kind`` limits to one of :data:`KINDS`. Raises SQLAlchemy errors if the
    database cannot be read.
    """
    query = (select(Notice.id, Notice.kind, Notice.title, Notice.body, Notice.published_on,
                    Notice.expires_on)
             .where(Notice.published_on <= today)
             .where(or_(Notice.expires_on.is_(None), Notice.expires_on >= today))
             .order_by(Notice.published_on.desc(), Notice.id.desc()))
    if kind is not None:
        query = query.where(Notice.kind == kind)
    with engine.connect() as conn:
        return [NoticeView(*row) for row in conn.execute(query)]
