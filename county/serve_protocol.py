"""uvicorn's h11 protocol with the guards `county serve` needs without nginx in front.

uvicorn waits for ever for a request that never completes: its keep-alive
timer stops at the first byte, and nothing times the request head or body.
On loopback, 400 connections sending half a request held every file
descriptor of a 256-descriptor server, real requests timed out, and the
accept loop logged "Too many open files" 92 MB in 30 s. This protocol:

- gives each request ``header_timeout_s`` for its head (request line and
  headers, counted from the connection or the end of the previous
  response) and then ``body_timeout_s`` for its body; a request that misses
  a deadline is cut (its connection closed, one warning logged);
- closes a new connection at once while ``max_connections`` are open, so
  the server keeps descriptors for the connections it serves; `county serve`
  also shortens the listen backlog (:func:`accept_backlog`), since asyncio
  accepts a backlog's worth of sockets before the protocol sees any.

The limits come from the environment `county serve` sets (``--header-timeout``,
``--body-timeout``, ``--max-connections``), so every worker process of
``--workers N`` gets them; uvicorn loads the class by its import string.
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["ENV", "PROTOCOL", "GuardedH11Protocol", "ServeLimits", "accept_backlog",
           "default_max_connections"]

log = logging.getLogger("county.serve")

#: Import string of the protocol class, for ``uvicorn.run(http=…)``.
PROTOCOL = "county.serve_protocol:GuardedH11Protocol"
#: Environment variables carrying the limits to every worker process.
ENV = {"header_timeout_s": "VILLAGE_COUNTY_HEADER_TIMEOUT",
       "body_timeout_s": "VILLAGE_COUNTY_BODY_TIMEOUT",
       "max_connections": "VILLAGE_COUNTY_MAX_CONNECTIONS"}


def default_max_connections() -> int:
    """Open connections allowed by default: 1 000, or half the process's open-file
    limit if lower (the rest: the accept backlog, database, logs)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1000
    return max(8, min(1000, soft // 2))


def accept_backlog(max_connections: int) -> int:
    """The listen backlog for ``max_connections``: asyncio accepts up to this many sockets
    in one go before any is counted, so cap + backlog must stay below the open-file limit."""
    return max(8, min(256, max_connections // 4))


@dataclass(frozen=True)
class ServeLimits:
    """Deadlines (seconds) for a request's head and body, and the connection cap."""

    header_timeout_s: float = 10.0
    body_timeout_s: float = 30.0
    max_connections: int = 0  # 0: default_max_connections()

    def to_env(self) -> dict[str, str]:
        """The environment that makes :meth:`from_env` return these limits."""
        return {ENV[name]: str(getattr(self, name)) for name in ENV}

    @classmethod
    def from_env(cls) -> ServeLimits:
        """The limits `county serve` put in the environment (defaults where absent)."""
        base = cls()
        return cls(float(os.environ.get(ENV["header_timeout_s"], base.header_timeout_s)),
                   float(os.environ.get(ENV["body_timeout_s"], base.body_timeout_s)),
                   int(os.environ.get(ENV["max_connections"], base.max_connections))
                   or default_max_connections())


class GuardedH11Protocol(H11Protocol):
    """:class:`H11Protocol` with request deadlines and a connection cap (module docstring).

    Runs on the server's event loop thread, like its base class.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = ServeLimits.from_env()
        self._deadline: asyncio.TimerHandle | None = None
        self._waiting_for = ""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if len(self.connections) >= self.limits.max_connections:
            # Refuse before the base class counts it: it never becomes a connection.
            log.warning("connection refused: %d connections open (--max-connections)",
                        len(self.connections))
            transport.close()
            return
        super().connection_made(transport)
        self._arm("head", self.limits.header_timeout_s)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if getattr(self, "transport", None) is None:
            return  # refused in connection_made: the base class never saw it
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._follow()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is not h11.DONE:
            self._arm("head", self.limits.header_timeout_s)  # the next request's head
        self._follow()

    def _follow(self) -> None:
        """Move the deadline along with the request: head → body → none."""
        state = self.conn.their_state
        if state is h11.SEND_BODY and self._waiting_for == "head":
            self._arm("body", self.limits.body_timeout_s)
        elif state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._disarm()

    def _arm(self, what: str, seconds: float) -> None:
        self._disarm()
        self._waiting_for = what
        self._deadline = self.loop.call_later(seconds, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        self._waiting_for = ""

    def _expired(self) -> None:
        what, self._deadline = self._waiting_for, None
        if self.transport.is_closing():
            return
        client = f"{self.client[0]}:{self.client[1]}" if self.client else "?"
        log.warning("request %s not received within its deadline from %s: connection closed",
                    what, client)
        self.transport.close()
