"""Counting database queries per request kind, for the province benchmark (issue 19).

Set ``VILLAGE_COUNTY_COUNT_QUERIES=/some/dir`` before starting the server: each
process counts the statements its engine sends (SQLAlchemy's
``before_cursor_execute`` hook) and the ``changes`` polls it answers, and
writes them as ``counts.<pid>.json`` (statements on the read replica apart,
``replica_queries``) in that directory when it shuts down;
its ``changes`` answers then carry ``X-County-Process: <pid>`` (which process
answered, for the tests of several workers).
Off by default: nothing is hooked.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

__all__ = ["ENV", "QueryCounter", "from_env"]

ENV = "VILLAGE_COUNTY_COUNT_QUERIES"


class QueryCounter:
    """Statements sent and polls answered by this process."""

    def __init__(self, engine: Engine, out_dir: Path, replica: Engine | None = None) -> None:
        self.out_dir = out_dir
        self.pid = os.getpid()
        # empty_polls: answered without reading a page, token_checked of them after
        # checking the token in the database; scope_queries: statements bringing the
        # scope keys along after commits (county/scopeheads.py), on a connection of
        # their own: not in ``queries``.
        self.counts = {"queries": 0, "replica_queries": 0, "polls": 0, "empty_polls": 0,
                       "token_checked": 0, "scope_queries": 0, "heartbeats": 0}
        self._lock = threading.Lock()
        event.listen(engine, "before_cursor_execute", self._on_execute)
        if replica is not None:
            event.listen(replica, "before_cursor_execute", self._on_replica)

    def _on_execute(self, *_args: Any) -> None:
        self.bump("queries")

    def _on_replica(self, *_args: Any) -> None:
        self.bump("replica_queries")

    def bump(self, what: str) -> None:
        """Add one to ``what``."""
        with self._lock:
            self.counts[what] += 1

    def write(self) -> None:
        """Write the counts (on shutdown)."""
        path = self.out_dir / f"counts.{os.getpid()}.json"
        path.write_text(json.dumps(self.counts), encoding="utf-8")


def from_env(engine: Engine, replica: Engine | None = None) -> QueryCounter | None:
    """A counter on ``engine`` (and apart, on its read ``replica``) if
    ``$VILLAGE_COUNTY_COUNT_QUERIES`` names a directory."""
    where = os.environ.get(ENV)
    return QueryCounter(engine, Path(where), replica) if where else None
