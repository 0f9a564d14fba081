"""Pushing villagers' 满意 / 不满意 (the ``complaint_feedback`` outbox), oldest first.

Like complaints (sync/outbox.py): each row carries its idempotency key, so a
resend after a lost answer counts once; a refusal (4xx other than 401 and
429) marks the row ``rejected`` with the reason and moves on; any other
failure leaves it pending with a later ``next_try_at`` and stops the push.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select, update

from kiosk.logfmt import log_event
from kiosk.store import write_connection
from kiosk.store.models import Complaint, ComplaintFeedback
from sync.client import CountyClient
from sync.errors import RejectedError, SyncError
from sync.protocol import ComplaintFeedback as FeedbackBody

__all__ = ["feedback_due", "push_feedback"]

log = logging.getLogger("sync.feedback")


def _oldest(engine: Engine) -> Any:
    """The oldest pending feedback row with its complaint's ``server_id``, or None."""
    with engine.connect() as conn:
        return conn.execute(select(ComplaintFeedback.__table__, Complaint.server_id)
                            .join(Complaint, Complaint.id == ComplaintFeedback.complaint_id)
                            .where(ComplaintFeedback.delivery == "pending")
                            .order_by(ComplaintFeedback.id).limit(1)).first()


def feedback_due(engine: Engine, now: datetime) -> bool:
    """Whether the oldest pending feedback exists and is due for a (re)try at ``now``."""
    head = _oldest(engine)
    return head is not None and (head.next_try_at is None or head.next_try_at <= now)


def _mark(engine: Engine, feedback_id: int, **values: object) -> None:
    with write_connection(engine) as conn:
        conn.execute(update(ComplaintFeedback).where(ComplaintFeedback.id == feedback_id)
                     .values(attempts=ComplaintFeedback.attempts + 1, **values))


def push_feedback(client: CountyClient, engine: Engine, *, now: Callable[[], datetime],
                  retry_delay: Callable[[int], float], force: bool = False) -> int:
    """Send pending feedback oldest first; returns how many were delivered.

    Raises the SyncError of the row that could not be delivered (after recording it).
    """
    sent = 0
    while (row := _oldest(engine)) is not None:
        server_id = row.server_id
        if not force and row.next_try_at is not None and row.next_try_at > now():
            break
        if server_id is None:  # cannot happen: feedback needs a reply, a reply a server id
            _mark(engine, row.id, delivery="rejected", last_error="local.no_server_id")
            continue
        body = FeedbackBody(idempotency_key=row.idempotency_key, satisfied=row.satisfied,
                            reason=row.reason,
                            created_at=row.created_at)
        try:
            answer = client.post_feedback(server_id, body)
        except RejectedError as exc:
            _mark(engine, row.id, delivery="rejected", last_error=str(exc)[:500],
                  next_try_at=None)
            log_event(log, logging.ERROR, "feedback_rejected", server_id=server_id,
                      code=exc.code, status=exc.status)
            continue
        except SyncError as exc:
            delay = retry_delay(row.attempts + 1)
            _mark(engine, row.id, last_error=f"{exc.code}: {exc}"[:500],
                  next_try_at=now() + timedelta(seconds=delay))
            raise
        _mark(engine, row.id, delivery="sent", last_error=None, next_try_at=None)
        log_event(log, logging.INFO, "feedback_sent", server_id=server_id,
                  status=answer.status, at_level=answer.level, duplicate=answer.duplicate)
        sent += 1
    return sent
