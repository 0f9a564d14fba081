"""查询投诉: ask the county where a complaint stands, by ticket number and query code.

Any terminal of the county may ask (``POST /api/v1/complaints/lookup`` through
:class:`sync.client.CountyClient`), with or without a card; the answer has the
steps and the reply, never who filed it. A villager is waiting at the screen, so
the timeouts are short and nothing is retried for long. The query code goes only
into the request body: it is never logged.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from kiosk.config import Config
from kiosk.enrollment import Enrollment
from sync.client import ClientSettings, CountyClient
from sync.errors import (
    NetworkError,
    ProtocolError,
    RateLimitedError,
    RejectedError,
    RevokedError,
    ServerError,
)
from sync.protocol import LookupAnswer
from ui.errors import UiError

__all__ = ["LookupLocked", "LookupNotEnrolled", "LookupOffline", "LookupProblem", "LookupWrong",
           "lookup_complaint"]

log = logging.getLogger(__name__)

#: Longest wait for the county while a villager stands at the screen (seconds).
CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 15.0


class LookupProblem(UiError):
    """A lookup that found nothing; the screen words each kind by its ``code``."""

    code = "lookup.failed"


class LookupWrong(LookupProblem):
    """No complaint with that ticket and code (the county says the same for both, so
    nobody learns which tickets exist)."""

    code = "lookup.wrong"


class LookupLocked(LookupProblem):
    """Too many wrong codes for this ticket, or lookups from this terminal, for now."""

    code = "lookup.locked"


class LookupOffline(LookupProblem):
    """The county cannot be reached (network, server error, a garbled answer)."""

    code = "lookup.offline"


class LookupNotEnrolled(LookupProblem):
    """This terminal is not (or no longer) enrolled: it may not ask."""

    code = "lookup.not_enrolled"


def lookup_complaint(config: Config, enrollment: Enrollment | None, ticket_no: str,
                     query_code: str) -> LookupAnswer:
    """Where complaint ``ticket_no`` stands, if ``query_code`` is its code.

    Blocks for up to ~20 s: call it off the GUI thread (a ui.ops.Op). Raises
    :class:`LookupProblem` (one of its kinds).
    """
    if enrollment is None:
        raise LookupNotEnrolled("terminal not enrolled")
    settings = replace(ClientSettings.from_config(config.sync),
                       connect_timeout_s=min(config.sync.connect_timeout_s, CONNECT_TIMEOUT_S),
                       read_timeout_s=min(config.sync.read_timeout_s, READ_TIMEOUT_S),
                       retries=min(config.sync.request_retries, 1))
    try:
        with CountyClient(enrollment.server_url, enrollment.token, settings) as client:
            return client.lookup_complaint(ticket_no, query_code)
    except RateLimitedError as exc:
        log.info("complaint lookup refused for now: %s", exc)
        raise LookupLocked(str(exc)) from None
    except RevokedError as exc:
        log.warning("complaint lookup: %s", exc)
        raise LookupNotEnrolled(str(exc)) from None
    except RejectedError as exc:
        log.info("complaint lookup found nothing: %s", exc)
        if exc.status in (404, 422):
            raise LookupWrong(str(exc)) from None
        raise LookupOffline(str(exc)) from None
    except (NetworkError, ServerError, ProtocolError) as exc:
        log.warning("complaint lookup: county unreachable: %s", exc)
        raise LookupOffline(str(exc)) from None
