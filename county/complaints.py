"""Complaints: received idempotently from terminals, listed, replied to, exported.

A terminal retries a complaint until it has the server's answer, so the same
complaint may arrive many times, even concurrently. The row is keyed by
(terminal, idempotency key) with a unique constraint and inserted with
``ON CONFLICT DO NOTHING``: whichever request wins, every request answers
the one stored row's server id. Handling (assign, reply, close, escalate,
feedback) is county/complaint_flow/; a reply bumps the row's ``seq`` so it
travels back to the terminal in its next ``changes`` page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.dialects import postgresql, sqlite

from county.complaint_flow.filing import filing_values, record_filing
from county.complaint_flow.lookup import code_hash
from county.errors import CountyError
from county.listing_rows import ComplaintView
from county.models import Complaint, Terminal
from county.models import server_id as make_server_id
from county.tx import writing
from kiosk.identity import mask_id_numbers
from sync.protocol.errors import ErrorCode

if TYPE_CHECKING:  # pydantic loads only when a terminal's complaint is received
    from sync.protocol import ComplaintAnswer, ComplaintSubmission

__all__ = [
    "DEFAULT_LIMITS",
    "ComplaintConflictError",
    "ComplaintLimits",
    "ComplaintRateError",
    "ComplaintView",
    "NoSuchComplaintError",
    "TicketNotYoursError",
    "get_complaint",
    "list_complaints",
    "parse_server_id",
    "receive_complaint",
    "view_of",
]


class ComplaintConflictError(CountyError):
    """The idempotency key was used before for a different complaint."""

    code = ErrorCode.KEY_REUSED


@dataclass(frozen=True)
class ComplaintLimits:
    """New complaints one terminal may file: per rolling hour and per rolling day.

    A village terminal files a few a day; the caps stop one stolen or broken
    terminal from flooding the county (1 500 × 6 KB in seconds), while a
    retried complaint (same idempotency key) is always answered. They count
    arrivals, and are wide enough that a terminal back after a week offline
    delivers its backlog (hundreds) at once: filing times come from the
    terminal and cannot be trusted to spread a flood out.
    """

    per_hour: int = 1000
    per_day: int = 5000


#: The limits of `county serve` (docs/it-staff-guide.md, "Complaints").
DEFAULT_LIMITS = ComplaintLimits()


class ComplaintRateError(CountyError):
    """This terminal filed more new complaints than :class:`ComplaintLimits` allows.

    ``retry_after_s``: when the oldest counted one leaves the window. The
    terminal keeps the complaint and sends it again then.
    """

    code = ErrorCode.COMPLAINT_RATE

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class TicketNotYoursError(CountyError):
    """The ticket number carries another terminal's code."""

    code = ErrorCode.TICKET_TAKEN


_TERMINAL_ID = re.compile(r"^T[0-9]{5,}$")


def _check_ticket(conn: Connection, terminal_id: str, ticket_no: str) -> None:
    """Raise :class:`TicketNotYoursError` unless the code of ``ticket_no`` (what comes
    before its last ``-``) is this terminal's. A villager quotes the ticket number: it
    must lead to the one terminal that filed it.

    This terminal's codes are its id and the ``[terminal] code`` bound to it at
    enrollment (``Terminal.code``): nothing else, once it has one. A terminal enrolled
    before codes were bound (none) may use a code that is neither another terminal's
    id or bound code, nor carried by other terminals' complaints already."""
    code = ticket_no.rpartition("-")[0]
    if code == terminal_id:
        return
    if _TERMINAL_ID.match(code):
        raise TicketNotYoursError(f"ticket {ticket_no} carries terminal {code}'s code, "
                                  f"not {terminal_id}'s")
    bound = conn.execute(select(Terminal.code).where(Terminal.id == terminal_id)).scalar()
    if bound:
        if code != bound:
            raise TicketNotYoursError(f"ticket {ticket_no} carries code {code}; terminal "
                                      f"{terminal_id}'s code is {bound}")
        return
    holder = conn.execute(select(Terminal.id).where(Terminal.code == code)).scalar()
    if holder is not None:
        raise TicketNotYoursError(f"ticket code {code} is terminal {holder}'s, not "
                                  f"{terminal_id}'s")
    # Tickets of the code: from "CODE-" up to (not including) "CODE." ('.' follows '-').
    other = conn.execute(select(Complaint.terminal_id).where(
        Complaint.ticket_no >= f"{code}-", Complaint.ticket_no < f"{code}.",
        Complaint.terminal_id != terminal_id).limit(1)).scalar()
    if other is not None:
        raise TicketNotYoursError(f"ticket code {code} is terminal {other}'s, not "
                                  f"{terminal_id}'s")


class NoSuchComplaintError(CountyError, LookupError):
    """No complaint with that server id."""

    code = "complaint.not_found"


def _body_hash(sub: ComplaintSubmission) -> str:
    """SHA-256 of what the complaint means: the same instant written in another UTC
    offset (a terminal whose clock zone changed between tries) is the same complaint."""
    same = sub.model_copy(update={"created_at": sub.created_at.astimezone(UTC)})
    return hashlib.sha256(same.model_dump_json(exclude=_unset(sub)).encode("utf-8")).hexdigest()


def _unset(sub: ComplaintSubmission) -> set[str] | None:
    # Without a query code the body means what it meant before query codes existed: the
    # same digest, so a complaint retried across the county's upgrade is not "reused".
    unset = {k for k in ("query_code", "concerns") if getattr(sub, k) is None}
    return unset or None


def _legacy_body_hash(sub: ComplaintSubmission) -> str:
    # Rows stored before _body_hash normalised the offset hold this digest.
    return hashlib.sha256(sub.model_dump_json(exclude=_unset(sub)).encode("utf-8")).hexdigest()


def _insert_ignoring_conflict(engine: Engine) -> Any:
    dialect = sqlite if engine.dialect.name == "sqlite" else postgresql
    return dialect.insert(Complaint).on_conflict_do_nothing(
        index_elements=["terminal_id", "idempotency_key"])


def _check_rate(conn: Connection, terminal_id: str, limits: ComplaintLimits, *,
                now: datetime) -> None:
    """Raise :class:`ComplaintRateError` if the terminal has no new complaint left."""
    for window, cap, what in ((timedelta(hours=1), limits.per_hour, "hour"),
                              (timedelta(days=1), limits.per_day, "day")):
        recent = conn.execute(
            select(Complaint.received_at)
            .where(Complaint.terminal_id == terminal_id, Complaint.received_at > now - window)
            .order_by(Complaint.received_at.desc()).offset(cap - 1).limit(1)).scalar()
        if recent is not None:  # the cap-th newest is inside the window: the cap is reached
            oldest = conn.execute(
                select(func.min(Complaint.received_at))
                .where(Complaint.terminal_id == terminal_id,
                       Complaint.received_at > now - window)).scalar_one()
            wait = max(1, int((oldest + window - now).total_seconds()) + 1)
            raise ComplaintRateError(
                f"terminal {terminal_id} filed {cap} complaints in the last {what}, the most "
                f"the county takes; the terminal keeps this one and sends it again later",
                retry_after_s=wait)


def receive_complaint(engine: Engine, terminal_id: str, sub: ComplaintSubmission, *,
                      now: datetime,
                      limits: ComplaintLimits = DEFAULT_LIMITS) -> ComplaintAnswer:
    """Store ``sub`` once; answer its server id (``duplicate`` when seen before).

    Anonymous complaints keep neither the holder's hash nor name; an ID number
    typed into the text is stored masked (kiosk.identity.mask_id_numbers). Raises
    :class:`ComplaintConflictError` when the key was used for another body, and
    :class:`ComplaintRateError` when a new complaint would exceed ``limits`` (a
    key seen before is always answered), :class:`TicketNotYoursError` when the
    ticket number carries another terminal's code.
    """
    from sync.protocol import ComplaintAnswer

    digest = _body_hash(sub)
    values = {
        "terminal_id": terminal_id, "idempotency_key": sub.idempotency_key,
        "body_sha256": digest, "ticket_no": sub.ticket_no, "category": sub.category,
        # An ID number typed into the text is masked before it is stored (rows stored
        # before this rule are masked when read, in view_of).
        "item_code": sub.item_code, "payment_id": sub.payment_id,
        "text": mask_id_numbers(sub.text),
        "phone": sub.phone, "anonymous": sub.anonymous,
        "id_hash": None if sub.anonymous else sub.id_hash,
        "name": None if sub.anonymous else sub.name,
        "created_at": sub.created_at, "received_at": now,
        "query_code_hash": None if sub.query_code is None else code_hash(sub.ticket_no,
                                                                          sub.query_code),
        "concerns": None if sub.concerns is None else sub.concerns.model_dump_json(),
    }
    with writing(engine) as conn:
        seen = conn.execute(select(Complaint.id).where(
            Complaint.terminal_id == terminal_id,
            Complaint.idempotency_key == sub.idempotency_key)).first()
        if seen is None:
            _check_ticket(conn, terminal_id, sub.ticket_no)
            _check_rate(conn, terminal_id, limits, now=now)
            values.update(filing_values(conn, terminal_id, sub.category, now=now))
        # RETURNING says whether this request inserted (rowcount is not reliable
        # for INSERT … ON CONFLICT across drivers).
        new_id = conn.execute(_insert_ignoring_conflict(engine).values(**values)
                              .returning(Complaint.id)).scalar()
        inserted = new_id is not None
        if new_id is not None:
            record_filing(conn, new_id, actor=f"terminal {terminal_id}", now=now)
        row = conn.execute(select(Complaint.id, Complaint.body_sha256, Complaint.received_at)
                           .where(Complaint.terminal_id == terminal_id,
                                  Complaint.idempotency_key == sub.idempotency_key)).one()
    if row.body_sha256 not in (digest, _legacy_body_hash(sub)):
        raise ComplaintConflictError("idempotency key already used for a different complaint")
    return ComplaintAnswer(server_id=make_server_id(row.id), ticket_no=sub.ticket_no,
                           received_at=row.received_at, duplicate=not inserted)


def parse_server_id(text: str) -> int:
    """Row id from ``C0000042`` or ``42``; raises :class:`NoSuchComplaintError`."""
    digits = text.strip().upper().removeprefix("C")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
        raise NoSuchComplaintError(f"not a complaint id: {text!r}")
    return int(digits)


def view_of(row: Any) -> ComplaintView:
    """A ``complaint`` row as the view officers see (an ID number in its text masked)."""
    return ComplaintView(make_server_id(row.id), row.terminal_id, row.ticket_no, row.category,
                         row.item_code, row.payment_id, mask_id_numbers(row.text), row.phone,
                         row.anonymous,
                         row.name, row.id_hash, row.created_at, row.received_at,
                         row.reply_text, row.reply_at, row.status, row.level, row.channel,
                         row.township, row.village, row.assignee, row.level_since, row.due_at,
                         row.draft_reply, row.draft_by, row.about_official, row.satisfied,
                         getattr(row, "concerns", None))


def list_complaints(engine: Engine, *, unreplied: bool = False,
                    terminal_id: str | None = None) -> Sequence[ComplaintView]:
    """Complaints, oldest first; optionally only unreplied ones or one terminal's."""
    query = select(Complaint).order_by(Complaint.id)
    if unreplied:
        query = query.where(Complaint.reply_at.is_(None))
    if terminal_id:
        query = query.where(Complaint.terminal_id == terminal_id)
    with engine.connect() as conn:
        return [view_of(r) for r in conn.execute(query)]


def get_complaint(engine: Engine, server_id: str) -> ComplaintView:
    """One complaint; raises :class:`NoSuchComplaintError`."""
    with engine.connect() as conn:
        row = conn.execute(select(Complaint)
                           .where(Complaint.id == parse_server_id(server_id))).first()
    if row is None:
        raise NoSuchComplaintError(f"no complaint {server_id}")
    return view_of(row)
