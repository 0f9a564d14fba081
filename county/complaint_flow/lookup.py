"""Following a complaint at any terminal with its ticket number and query code.

The filing terminal makes a 6-digit query code, prints it beside the ticket
and sends it with the complaint; the county keeps only its SHA-256 (with the
ticket). Any terminal of the county may then ask where the complaint stands
(``POST /api/v1/complaints/lookup``): the answer has the steps and the reply,
never who filed it. A million codes per ticket are few, so guessing is
limited: each terminal may look up :attr:`LookupLimits.per_terminal` times per
window, and a ticket takes :attr:`LookupLimits.wrong_per_ticket` wrong codes
per window (from all terminals together) before every lookup of it is refused
until the window has passed. Each lookup is recorded (table complaint_lookup).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, insert, select

from county.complaint_flow.models import ComplaintLookup
from county.complaint_flow.states import ComplaintFlowError
from county.models import Complaint
from county.tx import writing

if TYPE_CHECKING:  # pydantic loads only when a lookup is answered
    from sync.protocol import LookupAnswer

__all__ = ["LookupFailed", "LookupLimited", "LookupLimits", "code_hash", "lookup"]


@dataclass(frozen=True)
class LookupLimits:
    """Lookups one terminal may make, and wrong codes one ticket takes, per ``window``."""

    per_terminal: int = 60
    wrong_per_ticket: int = 5
    window: timedelta = timedelta(hours=1)


class LookupFailed(ComplaintFlowError):
    """No complaint has that ticket number with that code (the same answer for both)."""

    code = "complaint.lookup_failed"


class LookupLimited(ComplaintFlowError):
    """Too many lookups from this terminal, or too many wrong codes for this ticket."""

    code = "complaint.lookup_limited"

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


def code_hash(ticket_no: str, query_code: str) -> str:
    """What the county stores of a query code: SHA-256 of ``ticket:code``."""
    return hashlib.sha256(f"{ticket_no}:{query_code}".encode()).hexdigest()


def lookup(engine: Engine, terminal_id: str, ticket_no: str, query_code: str, *,
           now: datetime, limits: LookupLimits = LookupLimits()) -> LookupAnswer:
    """Where the complaint ``ticket_no`` stands, if ``query_code`` is its code.

    Raises :class:`LookupLimited` (checked first, recorded nothing) and
    :class:`LookupFailed` (recorded as a wrong code).
    """
    from sync.protocol import LookupAnswer

    since = now - limits.window
    wait = int(limits.window.total_seconds())
    with writing(engine) as conn:
        asked = conn.execute(select(func.count()).select_from(ComplaintLookup).where(
            ComplaintLookup.terminal_id == terminal_id, ComplaintLookup.at > since)).scalar_one()
        if asked >= limits.per_terminal:
            raise LookupLimited(f"terminal {terminal_id} made {asked} lookups within "
                                f"{limits.window}", retry_after_s=wait)
        wrong = conn.execute(select(func.count()).select_from(ComplaintLookup).where(
            ComplaintLookup.ticket_no == ticket_no, ComplaintLookup.ok.is_(False),
            ComplaintLookup.at > since)).scalar_one()
        if wrong >= limits.wrong_per_ticket:
            raise LookupLimited(f"ticket {ticket_no} had {wrong} wrong codes within "
                                f"{limits.window}", retry_after_s=wait)
        rows = conn.execute(select(Complaint).where(Complaint.ticket_no == ticket_no,
                                                    Complaint.query_code_hash.is_not(None))
                            ).all()
        wanted = code_hash(ticket_no, query_code)
        row = next((r for r in rows if secrets.compare_digest(r.query_code_hash, wanted)),
                   None)
        conn.execute(insert(ComplaintLookup).values(terminal_id=terminal_id,
                                                    ticket_no=ticket_no[:32],
                                                    ok=row is not None, at=now))
    if row is None:
        raise LookupFailed("no complaint has that ticket number and query code")
    answered = row.status in ("replied", "closed")
    return LookupAnswer(ticket_no=row.ticket_no, status=row.status, level=row.level,
                        accepted_at=row.received_at, handled_at=row.handled_at,
                        replied_at=row.reply_at if answered else None,
                        closed_at=row.closed_at if row.status == "closed" else None,
                        reply_text=row.reply_text if answered else None)
