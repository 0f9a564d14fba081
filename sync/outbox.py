"""Pushing the complaint outbox: oldest first, each with its idempotency key.

Order matters to the county (and to the villager's ticket numbers), so the
push stops at the first complaint that could not be delivered and tries it
again later: nothing overtakes it. A complaint the county refuses as invalid
(4xx other than 401 and 429) is marked ``rejected`` with the reason — the
clerk sees it in `kiosk sync status` — and the push moves on: never retried
forever, never dropped. 429 (the county's per-terminal complaint cap) is not
a refusal: the complaint stays pending and is sent again after the server's
Retry-After; the clerk sees ``complaint.rate_limited`` as the last error.
Resending after a lost answer is safe: the server stores a key once and
answers the same server id.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import Engine, select, update

from kiosk.logfmt import log_event
from kiosk.store import write_connection
from kiosk.store.models import Complaint
from sync.client import CountyClient, describe_validation_error
from sync.errors import RateLimitedError, RejectedError, SyncError
from sync.protocol import ComplaintSubmission

__all__ = ["OutboxResult", "outbox_due", "push_outbox", "submission_of"]

log = logging.getLogger("sync.outbox")


@dataclass(frozen=True)
class OutboxResult:
    """What one push did."""

    sent: int
    rejected: int
    waiting: int
    """Complaints still pending afterwards."""


def submission_of(row: Complaint) -> ComplaintSubmission:
    """The wire form of an outbox row; raises ``pydantic.ValidationError``."""
    # model_validate: the row's category is a plain string until pydantic checks it.
    return ComplaintSubmission.model_validate({
        "idempotency_key": row.idempotency_key, "ticket_no": row.ticket_no,
        "category": row.category, "item_code": row.item_code, "payment_id": row.payment_id,
        "text": row.text, "phone": row.phone, "anonymous": row.anonymous,
        "id_hash": row.id_hash, "name": row.name, "created_at": row.created_at,
        "query_code": row.query_code,
        "concerns": None if row.concerns is None else json.loads(row.concerns)})


def _oldest_pending(engine: Engine) -> Complaint | None:
    with engine.connect() as conn:
        row = conn.execute(select(Complaint).where(Complaint.delivery == "pending")
                           .order_by(Complaint.id).limit(1)).first()
    return None if row is None else Complaint(**row._asdict())


def outbox_due(engine: Engine, now: datetime) -> bool:
    """Whether the oldest pending complaint exists and is due for a (re)try at ``now``."""
    head = _oldest_pending(engine)
    return head is not None and (head.next_try_at is None or head.next_try_at <= now)


def _mark(engine: Engine, complaint_id: int, **values: object) -> None:
    with write_connection(engine) as conn:
        conn.execute(update(Complaint).where(Complaint.id == complaint_id,
                                             Complaint.delivery == "pending")
                     .values(attempts=Complaint.attempts + 1, **values))


def push_outbox(client: CountyClient, engine: Engine, *, now: Callable[[], datetime],
                retry_delay: Callable[[int], float], force: bool = False) -> OutboxResult:
    """Send pending complaints oldest first until the outbox is empty or one fails.

    ``retry_delay(attempts)`` gives the seconds to wait before a failed
    complaint is tried again (stored as ``next_try_at``); ``force`` ignores
    ``next_try_at`` (the clerk's "sync now"). Raises the SyncError of the
    complaint that could not be delivered (after recording it on the row).
    """
    sent = rejected = 0
    while True:
        row = _oldest_pending(engine)
        if row is None:
            break
        if not force and row.next_try_at is not None and row.next_try_at > now():
            break
        try:
            submission = submission_of(row)
        except ValidationError as exc:
            # The row cannot even be expressed in the protocol: the county would refuse it.
            reason = f"local.invalid: {describe_validation_error(exc)}"
            _mark(engine, row.id, delivery="rejected", last_error=reason[:500],
                  next_try_at=None)
            log_event(log, logging.ERROR, "complaint_rejected", ticket=row.ticket_no,
                      reason=reason)
            rejected += 1
            continue
        try:
            answer = client.post_complaint(submission)
        except RejectedError as exc:
            _mark(engine, row.id, delivery="rejected", last_error=str(exc)[:500],
                  next_try_at=None)
            log_event(log, logging.ERROR, "complaint_rejected", ticket=row.ticket_no,
                      code=exc.code, status=exc.status)
            rejected += 1
            continue
        except SyncError as exc:
            delay = retry_delay(row.attempts + 1)
            if isinstance(exc, RateLimitedError) and exc.retry_after_s is not None:
                delay = max(delay, exc.retry_after_s)  # the county said when: not before
            _mark(engine, row.id, last_error=f"{exc.code}: {exc}"[:500],
                  next_try_at=now() + timedelta(seconds=delay))
            log_event(log, logging.WARNING, "complaint_deferred", ticket=row.ticket_no,
                      attempts=row.attempts + 1, code=exc.code, retry_in_s=round(delay, 1))
            raise
        # Received is 受理, the first step 我的投诉 shows (later steps come with `changes`).
        _mark(engine, row.id, delivery="sent", server_id=answer.server_id, last_error=None,
              next_try_at=None, accepted_at=answer.received_at)
        log_event(log, logging.INFO, "complaint_sent", ticket=row.ticket_no,
                  server_id=answer.server_id, duplicate=answer.duplicate,
                  attempts=row.attempts + 1)
        sent += 1
    with engine.connect() as conn:
        waiting = len(conn.execute(select(Complaint.id)
                                   .where(Complaint.delivery == "pending")).all())
    return OutboxResult(sent, rejected, waiting)
