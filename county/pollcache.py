"""Cheap empty polls: each app process knows the latest change number (issue 19).

Most terminal polls find nothing new. A process keeps the county's change
counter (``change_counter.value``, the head every cursor is measured
against) in memory and answers a poll whose cursor *is* that head without a
database query. The value is kept right across processes by the database
itself, so nothing but the database holds state:

- SQLite: ``PRAGMA data_version`` on one connection kept for the purpose. It
  changes when any other connection (of this or another process) commits; only
  then is the counter read again (one small query per commit, not per poll).
- PostgreSQL: migration 0801 makes every change of the counter send
  ``NOTIFY county_seq, '<value>'`` at commit; a thread of this process LISTENs
  on its own connection. While that connection is down the process has no
  trusted head and every poll goes to the database, as before. A second
  thread reads what the changes touched (county/scopeheads.py) on a
  connection of its own.

A cached head may lag the database by the moment a notification takes: the
poll then answers "nothing new" and the next one fetches the change. It never
runs ahead (it is only ever a value some transaction committed), so a
terminal's cursor never goes back.

The token of an empty poll is checked against a cache of tokens seen valid
in the last ``auth_ttl_s`` seconds: ten minutes, so that a terminal polling
once a minute is checked in the database once in ten polls. A revoked
terminal may learn "nothing new" for that long, which tells it nothing; any
page with data re-checks its token in the database.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from typing import Any

from sqlalchemy import Engine

from county.scope import TerminalScope
from county.scopeheads import Query, ScopeHeads

__all__ = ["AUTH_TTL_S", "PollCache"]

AUTH_TTL_S = 600.0
_MAX_TOKENS = 200_000
_log = logging.getLogger(__name__)


class PollCache:
    """The latest change number and recently valid tokens of one process."""

    def __init__(self, engine: Engine, *, auth_ttl_s: float = AUTH_TTL_S) -> None:
        self._engine = engine
        self._auth_ttl_s = auth_ttl_s
        self._tokens: dict[str, tuple[TerminalScope, float]] = {}
        self._lock = threading.Lock()
        self._head: int | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._follower: threading.Thread | None = None
        self._moved_to = threading.Event()
        self._sqlite: Any = None
        self._version: int | None = None
        self._dialect = engine.dialect.name
        self.scopes = ScopeHeads()
        """What each change touched, up to the head (county/scopeheads.py)."""

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Begin watching the database (idempotent). Without it :meth:`head` is None."""
        if self._thread is not None or self._sqlite is not None:
            return
        self._stop.clear()
        if self._dialect == "sqlite":
            self._sqlite = self._engine.raw_connection()
        elif self._dialect == "postgresql":
            self._thread = threading.Thread(target=self._listen, name="county-seq-listen",
                                            daemon=True)
            self._thread.start()
            self._follower = threading.Thread(target=self._follow, name="county-seq-scopes",
                                              daemon=True)
            self._follower.start()

    def close(self) -> None:
        """Stop watching; :meth:`head` answers None from now on."""
        self._stop.set()
        for thread in (self._thread, self._follower):
            if thread is not None:
                thread.join(timeout=5)
        self._thread = self._follower = None
        with self._lock:
            self._head = None
            self.scopes.restart(None)
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None

    # --- the head ------------------------------------------------------------------------

    def head(self) -> int | None:
        """The latest committed change number as far as this process knows, or None
        when it cannot vouch for one (then query the database)."""
        if self._dialect != "sqlite":
            return self._head
        with self._lock:
            raw = self._sqlite
            if raw is None:
                return None
            try:
                cursor = raw.cursor()
                try:
                    version = cursor.execute("PRAGMA data_version").fetchone()[0]
                    if version != self._version or self._head is None:
                        # Read after data_version: a commit in between changes it again.
                        head = int(cursor.execute(
                            "SELECT value FROM change_counter WHERE id = 1").fetchone()[0])
                        if self._head is None:
                            self.scopes.restart(head)
                        else:
                            self._moved(head, lambda sql: raw.cursor().execute(sql).fetchall())
                        self._head = head
                        self._version = version
                finally:
                    cursor.close()
            except Exception:
                _log.warning("change counter check failed; polls go to the database",
                             exc_info=True)
                self._head = None
                return None
            return self._head

    def peek(self) -> int | None:
        """The head if known without waiting and without reading it again: None while
        another thread reads it, or on SQLite when a commit landed since it was read
        (then :meth:`head`, on a worker thread). For the event loop."""
        if self._dialect != "sqlite":
            return self._head
        if not self._lock.acquire(blocking=False):
            return None
        try:
            raw, head = self._sqlite, self._head
            if raw is None or head is None:
                return None
            cursor = raw.cursor()
            try:
                version = cursor.execute("PRAGMA data_version").fetchone()[0]
            finally:
                cursor.close()
            return head if version == self._version else None
        except Exception:
            return None  # head() will say what went wrong
        finally:
            self._lock.release()

    def _follow(self) -> None:
        """PostgreSQL: bring the scope keys up to the head whenever it moves, on a
        connection of this thread's own. Moves that come while it reads are taken
        together next time, so a busy process falls behind by one read at most."""
        import psycopg

        url = self._engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False)
        while not self._stop.is_set():
            try:
                with psycopg.connect(url, autocommit=True, connect_timeout=10) as reader:
                    while not self._stop.is_set():
                        if not self._moved_to.wait(timeout=1.0):
                            continue
                        self._moved_to.clear()
                        head = self._head
                        if head is not None:
                            self.scopes.follow(head, lambda sql: reader.execute(sql).fetchall())
            except Exception:
                _log.warning("scope heads not derived; polls behind the head go to the "
                             "database", exc_info=True)
                self._stop.wait(1.0)

    def _moved(self, head: int, query: Query) -> None:
        """SQLite: the head moved on to ``head``; bring the scope keys along through
        ``query``, on the watcher's own connection (a busy pool must not hold the keys
        back: while they lag, polls go to the database and keep the pool busy)."""
        try:
            self.scopes.follow(head, query)
        except Exception:
            # The keys stay where they were: polls past them go to the database.
            _log.warning("scope heads not derived; polls behind the head go to the database",
                         exc_info=True)

    def note(self, head: int) -> None:
        """A head a request read from the database (PostgreSQL: may be ahead of the
        notifications; only ever raises the cached value, and only while listening)."""
        if self._dialect == "postgresql" and self._head is not None and head > self._head:
            self._head = head

    def _listen(self) -> None:
        import psycopg

        url = self._engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False)
        pause = 0.5
        while not self._stop.is_set():
            try:
                with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
                    conn.execute("LISTEN county_seq")
                    row = conn.execute("SELECT value FROM change_counter WHERE id = 1").fetchone()
                    self._head = int(row[0]) if row else None
                    self.scopes.restart(self._head)
                    pause = 0.5
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=1.0):
                            value = int(note.payload)
                            if self._head is None or value > self._head:
                                self._head = value
                                self._moved_to.set()
            except Exception:
                _log.warning("LISTEN county_seq lost; polls go to the database", exc_info=True)
            self._head = None
            self.scopes.restart(None)
            self._stop.wait(pause)
            pause = min(pause * 2, 30.0)

    # --- tokens --------------------------------------------------------------------------

    @staticmethod
    def _key(authorization: str | None) -> str | None:
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return hashlib.sha256(token.strip().encode("utf-8")).hexdigest()

    def terminal(self, authorization: str | None) -> TerminalScope | None:
        """The terminal of a token seen valid within the TTL, else None (ask the database)."""
        key = self._key(authorization)
        hit = None if key is None else self._tokens.get(key)
        if hit is None or hit[1] < time.monotonic():
            return None
        return hit[0]

    def remember(self, authorization: str | None, scope: TerminalScope) -> None:
        """Record a token the database just found valid."""
        key = self._key(authorization)
        if key is None:
            return
        if len(self._tokens) >= _MAX_TOKENS:
            self._tokens.clear()
        self._tokens[key] = (scope, time.monotonic() + self._auth_ttl_s)
