"""Noticing that another process committed to the cache, without reading any table.

The kiosk UI wants to know when the sync daemon brought something new (pushed
settings, above all) without querying tables every second. SQLite keeps a
per-connection counter, ``PRAGMA data_version``, that changes when any other
connection commits; asking it reads no table pages. One connection is held
for the purpose (in autocommit mode: see kiosk.store.engine, so it holds no
read transaction that would stop WAL checkpoints).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

__all__ = ["StoreWatch"]


class StoreWatch:
    """Whether the cache changed since the last look; one thread uses it (the GUI's)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._raw: Any = None
        self._seen: int | None = None

    def changed(self) -> bool:
        """True on the first call and whenever another connection committed since the last.

        Cheap enough for a once-a-second timer. Raises the driver's error if
        the database cannot be read (the caller logs it and goes on).
        """
        if self._raw is None:
            self._raw = self._engine.raw_connection()
        row = self._raw.driver_connection.execute("PRAGMA data_version").fetchone()
        version = int(row[0])
        changed, self._seen = version != self._seen, version
        return changed

    def close(self) -> None:
        """Give the connection back (idempotent)."""
        if self._raw is not None:
            self._raw.close()
            self._raw = None
