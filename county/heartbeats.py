"""Heartbeats written in batches (issue 19), not one transaction each.

Each app process buffers the health its terminals report (the latest report
of each terminal wins; an install report is kept until written) and writes
the buffer in one transaction every ``every_s`` seconds, or as soon as it
holds ``max_rows`` terminals, and once more when the process shuts down
(the server's lifespan calls :meth:`HeartbeatBuffer.close`).

What a ``kill -9`` of a process loses: the reports buffered since its last
write, at most ``every_s`` seconds of them. Each terminal sends its health
again with its next heartbeat (every few minutes), so `county terminals`
shows it a little later; nothing else depends on it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping

from sqlalchemy import Engine, bindparam, update

from county.models import Terminal
from county.tx import writing

__all__ = ["FLUSH_EVERY_S", "FLUSH_ROWS", "HeartbeatBuffer"]

FLUSH_EVERY_S = 2.0
FLUSH_ROWS = 500
_log = logging.getLogger(__name__)


class HeartbeatBuffer:
    """Terminal health waiting to be written: terminal id -> column values."""

    def __init__(self, engine: Engine, *, every_s: float = FLUSH_EVERY_S,
                 max_rows: int = FLUSH_ROWS) -> None:
        self._engine = engine
        self._every_s = every_s
        self._max_rows = max_rows
        self._rows: dict[str, dict[str, object]] = {}
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.written = 0
        """Reports written so far (for tests and the benchmark)."""

    def start(self) -> None:
        """Start the writer thread (idempotent)."""
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="county-heartbeats",
                                            daemon=True)
            self._thread.start()

    def add(self, terminal_id: str, values: Mapping[str, object]) -> None:
        """Buffer one terminal's report (merged over any report not yet written)."""
        with self._lock:
            self._rows.setdefault(terminal_id, {}).update(values)
            full = len(self._rows) >= self._max_rows
        if full:
            self._wake.set()

    def pending(self) -> int:
        """Terminals whose report is not written yet."""
        with self._lock:
            return len(self._rows)

    def flush(self) -> int:
        """Write every buffered report in one transaction; the number written."""
        with self._flush_lock:
            with self._lock:
                rows, self._rows = self._rows, {}
            if not rows:
                return 0
            groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
            for terminal_id, values in rows.items():
                groups.setdefault(tuple(sorted(values)), []).append(
                    {"_tid": terminal_id, **{f"_v_{c}": v for c, v in values.items()}})
            try:
                with writing(self._engine) as conn:
                    for columns, params in groups.items():
                        stmt = (update(Terminal).where(Terminal.id == bindparam("_tid"))
                                .values({c: bindparam(f"_v_{c}") for c in columns}))
                        conn.execute(stmt, params)
            except Exception:
                with self._lock:  # keep them for the next try; newer reports win
                    for terminal_id, values in rows.items():
                        self._rows[terminal_id] = {**values, **self._rows.get(terminal_id, {})}
                raise
            self.written += len(rows)
            return len(rows)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._every_s)
            self._wake.clear()
            try:
                self.flush()
            except Exception:
                _log.warning("writing heartbeats failed; kept for the next try", exc_info=True)

    def close(self) -> None:
        """Stop the writer and write what is left (on shutdown)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        self.flush()
