"""Notices the county publishes to terminals (政策 / 村务公开 / 村级财务 / 公示)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update

from county.listing_rows import NoticeRow
from county.models import Notice
from county.seq import take_seqs
from county.tx import writing
from kiosk.catalogue import NOTICE_KINDS
from kiosk.textsafe import plain_text

__all__ = ["KINDS", "NoticeRow", "add_notice", "list_notices", "notice_row", "retire_notice"]

KINDS = NOTICE_KINDS
SCOPES = ("village", "township", "county")




def notice_row(r: Any) -> NoticeRow:
    """The `NoticeRow` of a selected `Notice` row."""
    return NoticeRow(r.id, r.kind, r.title, r.scope, r.township, r.village,
                     r.published_on, r.expires_on, r.deleted)


def add_notice(engine: Engine, *, kind: str, title: str, body: str, scope: str,
               township: str = "", village: str = "", published_on: date,
               expires_on: date | None = None, now: datetime) -> int:
    """Publish a notice; return its id. Raises ``ValueError`` for bad fields.

    A township notice needs ``township``; a village notice both names. Title
    and body are stored as plain text (kiosk.textsafe.plain_text: no control
    or bidi characters); terminals show them literally, markup included.
    """
    title, body = plain_text(title), plain_text(body)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
    if not title.strip():
        raise ValueError("title is empty")
    if scope in ("township", "village") and not township.strip():
        raise ValueError(f"a {scope} notice needs --township")
    if scope == "village" and not village.strip():
        raise ValueError("a village notice needs --village")
    if expires_on is not None and expires_on < published_on:
        raise ValueError("expiry before publication date")
    with writing(engine) as conn:
        result = conn.execute(insert(Notice).values(
            kind=kind, title=title, body=body, scope=scope,
            township=township.strip() if scope != "county" else "",
            village=village.strip() if scope == "village" else "",
            published_on=published_on, expires_on=expires_on, seq=take_seqs(conn),
            deleted=False, updated_at=now).returning(Notice.id))
        return int(result.scalar_one())


def list_notices(engine: Engine, *, include_retired: bool = False) -> list[NoticeRow]:
    """Notices, newest first."""
    query = select(Notice).order_by(Notice.published_on.desc(), Notice.id.desc())
    if not include_retired:
        query = query.where(Notice.deleted.is_(False))
    with engine.connect() as conn:
        return [notice_row(r) for r in conn.execute(query)]


def retire_notice(engine: Engine, notice_id: int, *, now: datetime) -> bool:
    """Withdraw a notice from every terminal; False if no live notice has that id."""
    with writing(engine) as conn:
        live = conn.execute(select(Notice.id).where(Notice.id == notice_id,
                                                    Notice.deleted.is_(False))).first()
        if live is None:
            return False
        conn.execute(update(Notice).where(Notice.id == notice_id)
                     .values(deleted=True, seq=take_seqs(conn), updated_at=now))
    return True
