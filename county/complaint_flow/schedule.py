"""Escalation of overdue complaints inside the county server, on a schedule.

Each app process runs :func:`escalation_loop` for its lifetime (county/app.py).
Several processes may run it at once: :func:`escalate_overdue` checks each
complaint again inside its own write transaction, so one is escalated once.
`county complaints escalate [--now ISO]` does the same from cron.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from county.complaint_flow.service import escalate_overdue
from kiosk import clock

__all__ = ["ESCALATE_EVERY_S", "escalation_loop"]

log = logging.getLogger(__name__)
#: How often a server process looks for overdue complaints (seconds).
ESCALATE_EVERY_S = 600.0


async def escalation_loop(engine: Engine, every_s: float = ESCALATE_EVERY_S) -> None:
    """Escalate overdue township complaints now and every ``every_s`` seconds, until
    cancelled. A database error is logged and tried again next time."""
    while True:
        try:
            done = await run_in_threadpool(escalate_overdue, engine, now=clock.now())
        except SQLAlchemyError as exc:
            log.warning("escalating overdue complaints failed: %s", exc)
        else:
            if done:
                log.info("escalated %d overdue complaints to the county: %s", len(done),
                         " ".join(done))
        await asyncio.sleep(every_s)
