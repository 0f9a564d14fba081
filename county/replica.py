"""Terminal reads on a PostgreSQL hot-standby replica, with the cursor rule kept (issue 19).

``[county] db_replica = URL`` (or ``--db-replica``) names a streaming replica
of the primary. Only two reads go there, both the terminals' own and the
heaviest: ``changes`` pages and ``snapshot`` streams. Everything else (tokens,
enrollment, heartbeats, complaints, rolls, the console, every write) stays on
the primary.

A replica replays the primary's commits in their order, so its change
counter ``R`` is always a value the primary committed, and every change up to
``R`` is visible on it; but ``R`` may be behind the primary's head ``P``, and
behind a terminal's cursor ``C`` (the terminal got a newer page from the
primary, or from this replica before a failover). The rule:

- ``changes`` after ``C`` is read on the replica only when ``R > C``: the
  replica has changes the terminal lacks, and a page bounded by ``R``
  (county/changes.py) is exactly the page the primary would give for the
  seqs up to ``R``, its cursor ``≤ R ≤ P`` and ``> C``. When ``R ≤ C`` the
  replica cannot tell "nothing new" from "not replayed yet", so the primary
  answers (a poll at the primary's head costs no query at all: the empty-poll
  cache, county/pollcache.py, listens to the primary). A terminal's cursor
  therefore never goes back, no page is served twice and none is skipped.
- ``snapshot`` runs on the replica when ``R`` is at least the cursor of the
  resume token (a fresh snapshot: always); its header cursor is read on the
  replica first, like the primary's.
- A replica that cannot be reached or fails a query is left alone for
  :data:`REST_S` seconds; the primary answers meanwhile (logged once).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from county.cursor import cursor_value
from county.db import APP_OVERFLOW, DatabaseError, app_pool_size, create_county_engine
from county.seq import current_seq

__all__ = ["REST_S", "ReadRoute", "open_replica"]

REST_S = 10.0
#: Seconds a connection attempt to the replica may take before the primary answers.
CONNECT_TIMEOUT_S = 5
_log = logging.getLogger(__name__)
T = TypeVar("T")


def open_replica(url: str, *, app_threads: int) -> Engine:
    """An engine on the replica ``url`` (PostgreSQL only; not migrated: it is read-only).

    Raises :class:`county.db.DatabaseError` for a URL that is not PostgreSQL's.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"bad replica URL: {url!r}") from None
    if parsed.get_backend_name() != "postgresql":
        raise DatabaseError("a read replica needs PostgreSQL (db_replica = "
                            "postgresql+psycopg://…)")
    if "connect_timeout" not in parsed.query:
        parsed = parsed.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
    return create_county_engine(parsed.render_as_string(hide_password=False),
                                pool_size=app_pool_size(app_threads),
                                max_overflow=APP_OVERFLOW)


class ReadRoute:
    """Which database answers a terminal's ``changes`` or ``snapshot`` (module doc)."""

    def __init__(self, primary: Engine, replica: Engine | None = None, *,
                 rest_s: float = REST_S) -> None:
        self.primary = primary
        self.replica = replica
        self._rest_s = rest_s
        self._resting_until = 0.0
        self._lock = threading.Lock()

    def _available(self) -> Engine | None:
        if self.replica is None or time.monotonic() < self._resting_until:
            return None
        return self.replica

    def _failed(self, exc: DBAPIError) -> None:
        with self._lock:
            first = time.monotonic() >= self._resting_until
            self._resting_until = time.monotonic() + self._rest_s
        if first:
            _log.warning("read replica failed (%s); the primary answers terminals for %.0f s",
                         str(exc.orig).strip().splitlines()[0][:200] if exc.orig else exc,
                         self._rest_s)

    def changes(self, since: str | None, work: Callable[[Connection, int], T]) -> T:
        """``work(conn, head)`` on the replica if its head is past the cursor ``since``,
        else on the primary (``head``: the change counter read first on that connection).

        ``work`` only reads, so after a replica failure it runs again on the primary.
        """
        after = 0 if not since else cursor_value(since)
        replica = self._available()
        if replica is not None and after is not None:
            try:
                with replica.connect() as conn:
                    head = current_seq(conn)
                    if head > after:
                        return work(conn, head)
            except DBAPIError as exc:
                self._failed(exc)
        with self.primary.connect() as conn:
            return work(conn, current_seq(conn))

    def snapshot_engine(self, at_least: int) -> Engine:
        """The replica if it has replayed change ``at_least`` (a resume token's cursor;
        0 for a fresh snapshot), else the primary."""
        replica = self._available()
        if replica is not None:
            try:
                with replica.connect() as conn:
                    if current_seq(conn) >= at_least:
                        return replica
            except DBAPIError as exc:
                self._failed(exc)
        return self.primary
