"""Filing complaints into the outbox: validated, numbered, durable before "filed".

The UI calls :func:`file_complaint` and only says "filed" after it returned:
by then the row is committed with ``synchronous=FULL`` (on disk, surviving a
power cut) and carries a ticket number the villager can read, photograph or
print even while the terminal is offline. The sync daemon pushes the outbox.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import Engine, func, insert, select

from kiosk.errors import KioskError
from kiosk.identity import mask_id_numbers
from kiosk.store.engine import write_connection
from kiosk.store.models import Complaint, ComplaintFeedback, utcnow
from kiosk.textsafe import plain_text
from kiosk.voice_store import StoredClip, discard_clip_file, save_clip_file, voice_row

__all__ = [
    "FEEDBACK_REASONS",
    "MAX_TEXT_CHARS",
    "ComplaintDraft",
    "ComplaintError",
    "ComplaintStatus",
    "FiledComplaint",
    "Reason",
    "complaints_for_holder",
    "file_complaint",
    "give_feedback",
]

#: Longest complaint text accepted (characters, after clean-up).
MAX_TEXT_CHARS = 2000
_PHONE = re.compile(r"1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8}")


class Reason(Enum):
    """What a complaint is about; values are the stable codes sent to the county."""

    NOT_RECEIVED = "not_received"  # 未收到
    WRONG_AMOUNT = "wrong_amount"  # 金额不对
    IMPERSONATED = "impersonated"  # 被冒领
    NOT_MINE = "not_mine"  # 不该有我的名字
    CONDUCT = "conduct"  # 办事作风
    OTHER = "other"  # 其他


class ComplaintError(KioskError, ValueError):
    """A complaint that cannot be filed as given; each instance names its reason in
    ``code`` (``complaint.phone``, ``complaint.text_too_long``, ``complaint.empty``,
    ``complaint.real_name_without_card``)."""

    code = "complaint.invalid"


@dataclass(frozen=True)
class ComplaintDraft:
    """What the villager entered on the complaint screens."""

    reason: Reason
    text: str = ""
    item_code: str | None = None
    payment_id: int | None = None
    phone: str | None = None
    anonymous: bool = True
    id_hash: str | None = None
    """The holder's keyed hash (never the plaintext number): required for real-name."""
    name: str | None = None
    """The holder's name as read from the card: only kept for real-name complaints."""
    voice: bytes | None = None
    """The spoken complaint (Ogg/Opus, kiosk.voiceclip), kept beside the text."""


@dataclass(frozen=True)
class FiledComplaint:
    """A complaint committed to the outbox."""

    id: int
    ticket_no: str
    idempotency_key: str
    created_at: datetime
    query_code: str = ""
    """Six digits printed beside the ticket: with both, anyone follows the complaint at
    any terminal of the county (anonymous ones too)."""


def clean_text(text: str) -> str:
    """Normalise complaint text: NFC, no control or bidi-override characters, trimmed
    (kiosk.textsafe.plain_text).

    Emoji and every other printable character are kept; line breaks are
    kept as ``\\n``.
    """
    return plain_text(text)


def normalise_phone(phone: str | None) -> str | None:
    """A Chinese mobile (11 digits from 1[3-9]) or landline with area code, or None.

    Raises :class:`ComplaintError` (code ``complaint.phone``) otherwise.
    """
    if phone is None:
        return None
    digits = re.sub(r"[\s()（）]", "", phone.translate(
        {0xFF10 + i: str(i) for i in range(10)}))
    if not digits:
        return None
    if not _PHONE.fullmatch(digits):
        raise ComplaintError("phone number is not a valid Chinese number",
                             code="complaint.phone")
    return digits


def _validate(draft: ComplaintDraft) -> tuple[str, str | None]:
    # No plaintext ID number on a terminal: one typed into the text is kept masked.
    text = mask_id_numbers(clean_text(draft.text))
    if len(text) > MAX_TEXT_CHARS:
        raise ComplaintError(f"text has {len(text)} characters; at most {MAX_TEXT_CHARS}",
                             code="complaint.text_too_long")
    if draft.reason is Reason.OTHER and not text and draft.item_code is None \
            and draft.payment_id is None and not draft.voice:
        raise ComplaintError("an 'other' complaint needs a text or an item",
                             code="complaint.empty")
    if not draft.anonymous and not draft.id_hash:
        raise ComplaintError("a real-name complaint needs the card holder's id_hash",
                             code="complaint.real_name_without_card")
    return text, normalise_phone(draft.phone)


def file_complaint(engine: Engine, draft: ComplaintDraft, *, terminal_code: str) -> FiledComplaint:
    """Validate ``draft`` and commit it to the outbox durably; return its ticket.

    The ticket number is ``{terminal_code}-{sequence:06d}``; the sequence is
    allocated inside the same ``BEGIN IMMEDIATE`` transaction as the insert,
    so two writers never share a number. Anonymous complaints keep neither
    the holder's hash nor name. A recording (``draft.voice``) is checked and
    stored with it (kiosk.voice_store). Raises :class:`ComplaintError` for invalid
    input, :class:`kiosk.voiceclip.ClipError` for a recording that is not one,
    ``sqlalchemy.exc.OperationalError`` if the database is locked past
    the busy timeout or not writable.
    """
    text, phone = _validate(draft)
    # The recording's file first (ClipError if it is not one), its row with the complaint.
    clip = None if not draft.voice else save_clip_file(engine, draft.voice)
    try:
        filed = _insert(engine, draft, text, phone, terminal_code, clip)
    except BaseException:
        if clip is not None:
            discard_clip_file(engine, clip)
        raise
    return filed


def _insert(engine: Engine, draft: ComplaintDraft, text: str, phone: str | None,
            terminal_code: str, clip: StoredClip | None) -> FiledComplaint:
    key = uuid.uuid4().hex
    code = f"{secrets.randbelow(10**6):06d}"
    created = utcnow()
    with write_connection(engine, durable=True) as conn:
        sequence = int(conn.execute(select(func.coalesce(func.max(Complaint.id), 0))).scalar_one())
        sequence += 1
        ticket = f"{terminal_code}-{sequence:06d}"
        conn.execute(insert(Complaint).values(
            id=sequence, ticket_no=ticket, idempotency_key=key, category=draft.reason.value,
            item_code=draft.item_code, payment_id=draft.payment_id, text=text, phone=phone,
            anonymous=draft.anonymous,
            id_hash=None if draft.anonymous else draft.id_hash,
            name=None if draft.anonymous else (draft.name or None),
            created_at=created, delivery="pending", attempts=0, query_code=code,
        ))
        if clip is not None:
            voice_row(conn, sequence, clip)
    return FiledComplaint(sequence, ticket, key, created, code)


@dataclass(frozen=True)
class ComplaintStatus:
    """A filed complaint as the villager sees it later ("my complaints")."""

    ticket_no: str
    category: str
    item_code: str | None
    text: str
    created_at: datetime
    delivery: str
    """``pending`` (not yet at the county), ``sent`` or ``rejected``."""
    reply_text: str | None
    reply_at: datetime | None
    # Progress from the county (None until its first word; sync.protocol ComplaintProgress).
    status: str | None = None
    level: str | None = None
    accepted_at: datetime | None = None
    handled_at: datetime | None = None
    replied_at: datetime | None = None
    closed_at: datetime | None = None
    can_feedback: bool = False
    """The villager may say 满意 / 不满意 on the current reply now."""
    feedback: bool | None = None
    """What the villager said on the current reply (None: nothing yet)."""


def complaints_for_holder(engine: Engine, holder_hash: str, *,
                          limit: int = 20) -> list[ComplaintStatus]:
    """Real-name complaints filed with this card, newest first (anonymous ones cannot be).

    Raises SQLAlchemy errors if the database cannot be read.
    """
    query = (select(Complaint.ticket_no, Complaint.category, Complaint.item_code, Complaint.text,
                    Complaint.created_at, Complaint.delivery, Complaint.reply_text,
                    Complaint.reply_at, Complaint.status, Complaint.level,
                    Complaint.accepted_at, Complaint.handled_at, Complaint.replied_at,
                    Complaint.closed_at, Complaint.can_feedback, Complaint.id)
             .where(Complaint.id_hash == holder_hash, Complaint.anonymous.is_(False))
             .order_by(Complaint.id.desc()).limit(limit))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        said = {r.complaint_id: r.satisfied for r in conn.execute(
            select(ComplaintFeedback.complaint_id, ComplaintFeedback.satisfied,
                   ComplaintFeedback.created_at, Complaint.replied_at)
            .join(Complaint, Complaint.id == ComplaintFeedback.complaint_id)
            .where(ComplaintFeedback.complaint_id.in_([r.id for r in rows]))
            .order_by(ComplaintFeedback.id))
            if r.replied_at is not None and r.created_at >= r.replied_at}
    return [ComplaintStatus(
        r.ticket_no, r.category, r.item_code, r.text, r.created_at, r.delivery, r.reply_text,
        r.reply_at, status=r.status, level=r.level, accepted_at=r.accepted_at,
        handled_at=r.handled_at, replied_at=r.replied_at, closed_at=r.closed_at,
        can_feedback=r.can_feedback and r.id not in said, feedback=said.get(r.id))
        for r in rows]


#: Why a villager is not satisfied: the kiosk's pick-list (sync.protocol FEEDBACK_REASONS).
FEEDBACK_REASONS = ("no_answer", "wrong_facts", "too_slow", "attitude", "other")


def give_feedback(engine: Engine, ticket_no: str, *, holder_hash: str, satisfied: bool,
                  reason: str | None = None) -> None:
    """Put the villager's 满意 / 不满意 on the reply of their complaint into the outbox
    (durable before it returns); the sync daemon sends it.

    Raises :class:`ComplaintError`: ``complaint.not_yours`` (no such real-name
    complaint of this card), ``complaint.no_reply`` (nothing to judge now),
    ``complaint.reason`` (a reason not in :data:`FEEDBACK_REASONS`).
    """
    if reason is not None and (satisfied or reason not in FEEDBACK_REASONS):
        raise ComplaintError(f"not a reason: {reason!r}", code="complaint.reason")
    mine = [c for c in complaints_for_holder(engine, holder_hash, limit=1000)
            if c.ticket_no == ticket_no]
    if not mine:
        raise ComplaintError(f"no real-name complaint of this card has ticket {ticket_no}",
                             code="complaint.not_yours")
    if not mine[0].can_feedback:
        raise ComplaintError("this complaint has no reply to judge now", code="complaint.no_reply")
    with write_connection(engine, durable=True) as conn:
        complaint_id = conn.execute(select(Complaint.id).where(
            Complaint.ticket_no == ticket_no)).scalar_one()
        conn.execute(insert(ComplaintFeedback).values(
            complaint_id=complaint_id, idempotency_key=uuid.uuid4().hex, satisfied=satisfied,
            reason=reason, created_at=utcnow(), delivery="pending", attempts=0))
