"""Complaint handling: every step checked against the state table, written with its history.

Each function runs in one write transaction: it reads the complaint, asks
:func:`county.complaint_flow.states.step` whether the action follows
(raising :class:`TransitionRefused` before anything is written), updates the
row and appends the history row. A reply (or anything the terminal shows,
see docs/sync-protocol.md) bumps the row's ``seq`` so that a kiosk
complaint's progress travels back to its terminal with ``changes``.

Who may act is the caller's business (the console checks roles and
townships; the CLI is for county staff on the server).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from county.complaint_flow.filing import filing_values, history_row, record_filing
from county.complaint_flow.limits import due_at, time_limit
from county.complaint_flow.models import ComplaintFeedback, ComplaintHistory
from county.complaint_flow.states import (
    OPEN,
    Action,
    ComplaintFlowError,
    Level,
    Status,
    TransitionRefused,
    step,
)
from county.complaints import ComplaintView, NoSuchComplaintError, get_complaint, parse_server_id
from county.listing_rows import HistoryEntry
from county.models import Complaint
from county.models import server_id as server_id_of
from county.seq import take_seqs
from county.tx import writing
from kiosk.identity import mask_id_numbers
from kiosk.textsafe import plain_text

__all__ = ["CHANNELS", "FEEDBACK_REASONS", "FeedbackResult", "HistoryEntry", "InputRefused",
           "TransitionRefused", "act", "escalate_overdue", "feedback", "histories", "history",
           "register"]

#: How a complaint arrived (DESIGN.md §9): the kiosk, the 12388 hotline, a letter, a visit.
CHANNELS = {"kiosk": "终端", "hotline": "12388电话", "letter": "来信", "visit": "来访"}
#: Why a villager is not satisfied: the short pick-list of the kiosk.
FEEDBACK_REASONS = {"no_answer": "没有解决问题", "wrong_facts": "答复与事实不符",
                    "too_slow": "办理太慢", "attitude": "态度不好", "other": "其他"}


class InputRefused(ComplaintFlowError):
    """Something asked of a step is missing or wrong (an empty reply, an unknown channel)."""

    code = "complaint.bad_input"


def _locked(conn: Connection, server_id: str) -> Any:
    row = conn.execute(select(Complaint).where(Complaint.id == parse_server_id(server_id))
                       .with_for_update()).first()
    if row is None:
        raise NoSuchComplaintError(f"no complaint {server_id}")
    return row


def _text(text: str, what: str) -> str:
    clean = plain_text(text)
    if not clean:
        raise InputRefused(f"{what} is empty")
    return mask_id_numbers(clean)


def _apply(conn: Connection, row: Any, action: Action, *, actor: str, now: datetime,
           note: str = "", assignee: str = "", text: str = "") -> None:
    limit = time_limit(conn, row.category)
    before = Status(row.status)
    nxt = step(before, Level(row.level), action, needs_approval=limit.needs_approval,
               draft_by=row.draft_by, actor=actor)
    values: dict[str, Any] = {"status": nxt.status.value, "level": nxt.level.value}
    if action is Action.ASSIGN:
        values["assignee"] = _text(assignee, "the assignee")[:100]
        values["handled_at"] = row.handled_at or now
        note = note or values["assignee"]
    elif action is Action.DRAFT:
        values.update(draft_reply=_text(text, "the reply"), draft_by=actor[:60])
        note = note or values["draft_reply"]
    elif action in (Action.REPLY, Action.APPROVE):
        reply = row.draft_reply if action is Action.APPROVE else _text(text, "the reply")
        values.update(reply_text=reply, reply_at=now, draft_reply=None, draft_by=None,
                      level_since=now)
        note = note or reply
    elif action in (Action.ESCALATE, Action.NOT_SATISFIED):
        values.update(assignee="", draft_reply=None, draft_by=None, level_since=now,
                      handled_at=None, closed_at=None)
    if nxt.status is Status.CLOSED and before is not Status.CLOSED:
        values["closed_at"] = now
    if action in (Action.SATISFIED, Action.NOT_SATISFIED):
        values["satisfied"] = action is Action.SATISFIED
    # The terminal shows the status: a change of it (or a reply) travels with `changes`.
    shown = before != nxt.status or action in (Action.APPROVE, Action.REPLY)
    since = values.get("level_since", row.level_since) or row.received_at
    values["due_at"] = due_at(nxt.status, since, limit)
    if shown and row.terminal_id is not None:
        values["seq"] = take_seqs(conn)
    conn.execute(update(Complaint).where(Complaint.id == row.id).values(**values))
    history_row(conn, row.id, actor=actor, action=action, before=before, after=nxt.status,
                level=nxt.level, now=now, note=plain_text(note))


def act(engine: Engine, server_id: str, action: Action, *, actor: str, now: datetime,
        note: str = "", assignee: str = "", text: str = "") -> ComplaintView:
    """Take ``action`` on the complaint ``server_id`` as ``actor`` at ``now``.

    ``assignee`` (ASSIGN: a township supervision group or a department) and
    ``text`` (REPLY, DRAFT) are required for those actions. Raises
    :class:`TransitionRefused` when the action does not follow from the
    current state, :class:`InputRefused` for a missing text,
    :class:`NoSuchComplaintError`.
    """
    if action in (Action.FILE, Action.SATISFIED, Action.NOT_SATISFIED):
        raise InputRefused(f"{action.value} is not an officer's action")
    with writing(engine) as conn:
        row = _locked(conn, server_id)
        _apply(conn, row, action, actor=actor, now=now, note=note, assignee=assignee,
               text=text)
    return get_complaint(engine, server_id)


def escalate_overdue(engine: Engine, *, now: datetime, actor: str = "system") -> list[str]:
    """Move every open township complaint past its ``due_at`` (at ``now``) to the county.

    Returns their server ids. Safe to run from several processes at once: each
    complaint is escalated in its own transaction after checking it again.
    """
    with engine.connect() as conn:
        ids = conn.execute(select(Complaint.id).where(
            Complaint.status.in_([s.value for s in OPEN]),
            Complaint.level == Level.TOWNSHIP.value,
            Complaint.due_at <= now).order_by(Complaint.due_at, Complaint.id)).scalars().all()
    done = []
    for complaint_id in ids:
        with writing(engine) as conn:
            row = conn.execute(select(Complaint).where(Complaint.id == complaint_id)
                               .with_for_update()).one()
            if (row.status not in OPEN or row.level != Level.TOWNSHIP.value
                    or row.due_at is None or row.due_at > now):
                continue  # someone acted on it meanwhile
            _apply(conn, row, Action.ESCALATE, actor=actor, now=now,
                   note=f"overdue: due {row.due_at.isoformat()}")
            done.append(server_id_of(row.id))
    return done


def register(engine: Engine, *, channel: str, category: str, text: str, township: str,
             village: str = "", name: str | None = None, phone: str | None = None,
             item_code: str | None = None, payment_id: int | None = None,
             about_official: bool = False, actor: str, now: datetime) -> ComplaintView:
    """Register a complaint that came by the hotline, a letter or a visit (staff type it in).

    It follows the same life as a kiosk complaint; ``name`` None is anonymous.
    Raises :class:`InputRefused` for the kiosk channel (terminals file those),
    an unknown channel, an empty text or no township.
    """
    if channel not in CHANNELS or channel == "kiosk":
        raise InputRefused("channel must be hotline, letter or visit")
    body = _text(text, "the complaint text")
    township = plain_text(township)
    if not township:
        raise InputRefused("the township is required")
    name = plain_text(name or "") or None
    values: dict[str, Any] = {
        "terminal_id": None, "idempotency_key": f"staff-{uuid.uuid4().hex}",
        "body_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        "ticket_no": "-", "category": category, "item_code": item_code or None,
        "payment_id": payment_id, "text": body, "phone": plain_text(phone or "") or None,
        "anonymous": name is None, "name": name, "created_at": now, "received_at": now,
        "channel": channel}
    with writing(engine) as conn:
        values.update(filing_values(conn, None, category, now=now, township=township,
                                    village=plain_text(village),
                                    about_official=about_official))
        new_id = conn.execute(insert(Complaint).values(**values)
                              .returning(Complaint.id)).scalar_one()
        conn.execute(update(Complaint).where(Complaint.id == new_id).values(
            ticket_no=f"{channel.upper()}-{new_id:07d}"))
        record_filing(conn, new_id, actor=actor, now=now, level=Level(values["level"]),
                      note=CHANNELS[channel])
    return get_complaint(engine, server_id_of(new_id))


@dataclass(frozen=True)
class FeedbackResult:
    """What a villager's feedback did: the complaint after it, and whether it was new."""

    complaint: ComplaintView
    duplicate: bool


def feedback(engine: Engine, server_id: str, *, terminal_id: str, idempotency_key: str,
             satisfied: bool, reason: str = "", now: datetime) -> FeedbackResult:
    """A villager's 满意 / 不满意 from the terminal that filed the complaint.

    The same key twice is stored once (the second answers ``duplicate``).
    不满意 reopens the complaint one level up. Raises
    :class:`NoSuchComplaintError` (also for another terminal's complaint),
    :class:`TransitionRefused` when there is no reply to judge,
    :class:`InputRefused` for an unknown reason.
    """
    if reason and reason not in FEEDBACK_REASONS:
        raise InputRefused(f"unknown reason {reason!r}")
    reason = "" if satisfied else reason  # a reason says why *not* satisfied
    with writing(engine) as conn:
        row = _locked(conn, server_id)
        if row.terminal_id != terminal_id:
            raise NoSuchComplaintError(f"no complaint {server_id} of terminal {terminal_id}")
        seen = conn.execute(select(ComplaintFeedback.id).where(
            ComplaintFeedback.complaint_id == row.id,
            ComplaintFeedback.idempotency_key == idempotency_key)).first()
        if seen is None:
            action = Action.SATISFIED if satisfied else Action.NOT_SATISFIED
            _apply(conn, row, action, actor=f"villager via {terminal_id}", now=now,
                   note=FEEDBACK_REASONS.get(reason, ""))
            conn.execute(insert(ComplaintFeedback).values(
                complaint_id=row.id, idempotency_key=idempotency_key, satisfied=satisfied,
                reason=reason, received_at=now))
    return FeedbackResult(get_complaint(engine, server_id), duplicate=seen is not None)


def history(engine: Engine, server_id: str) -> list[HistoryEntry]:
    """The complaint's steps, oldest first."""
    return histories(engine, [parse_server_id(server_id)]).get(parse_server_id(server_id), [])


def histories(engine: Engine, ids: list[int]) -> dict[int, list[HistoryEntry]]:
    """The steps of several complaints (by row id), each oldest first."""
    out: dict[int, list[HistoryEntry]] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 500):
            for r in conn.execute(select(ComplaintHistory).where(
                    ComplaintHistory.complaint_id.in_(ids[start:start + 500]))
                    .order_by(ComplaintHistory.id)):
                out.setdefault(r.complaint_id, []).append(HistoryEntry(
                    r.at, r.actor, r.action, r.from_status, r.to_status, r.level, r.note))
    return out

