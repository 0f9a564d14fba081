"""`kiosk sync status` without SQLAlchemy: the sync state read from the cache file.

The status command is what clerks, scripts and the updater's health checks
run, so it must start in a blink (issue 20): this module reads the same rows
as :func:`sync.state.read_status` through :func:`kiosk.cachefile.open_readonly`
(standard library ``sqlite3``, a read-only URI) in one read transaction.
:class:`SyncStatus` lives here so that neither reader needs the other's imports.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.cachefile import CacheFileError, open_readonly, utc_column
from kiosk.pushable import usable_values

__all__ = ["SyncStatus", "read_status_file"]


@dataclass(frozen=True)
class SyncStatus:
    """Where the terminal's sync stands (``kiosk sync status``)."""

    cursor: str | None
    data_as_of: datetime | None
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_code: str | None
    last_heartbeat_at: datetime | None
    settings_version: int | None
    local_settings_version: int
    release_available: str | None
    outbox_depth: int
    outbox_rejected: int

    @property
    def revoked(self) -> bool:
        """The county refused this terminal's token (re-enroll)."""
        return self.last_error_code == "sync.revoked"


_STATE = ("SELECT cursor, data_as_of, last_attempt_at, last_success_at, last_error, "
          "last_error_code, last_heartbeat_at, settings_version, release_available "
          "FROM sync_state WHERE id = 1")


def read_status_file(path: Path, *, busy_timeout_ms: int = 5000
                     ) -> tuple[SyncStatus, dict[str, int]]:
    """The sync state, outbox counts and usable pushed settings (config key → value) of
    the cache at ``path``, read in one transaction without writing anything.

    Runs on the caller's thread. Raises :class:`kiosk.cachefile.CacheFileError` if the
    cache is missing, unreadable or not at the current schema.
    """
    conn = open_readonly(path, busy_timeout_ms=busy_timeout_ms)
    try:
        conn.execute("BEGIN")  # one snapshot for every query below
        row = conn.execute(_STATE).fetchone()
        counts = {str(d): int(n) for d, n in conn.execute(
            "SELECT delivery, count(*) FROM complaint GROUP BY delivery")}
        local_version = conn.execute("SELECT coalesce(max(version), 0) FROM setting"
                                     ).fetchone()[0]
        settings = conn.execute("SELECT key, value FROM setting ORDER BY key").fetchall()
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        raise CacheFileError(f"cannot read database {path}: {exc}") from exc
    finally:
        conn.close()
    (cursor, data_as_of, attempt, success, error, code, heartbeat, version,
     release) = row if row is not None else (None,) * 9
    status = SyncStatus(
        cursor=cursor, data_as_of=utc_column(data_as_of), last_attempt_at=utc_column(attempt),
        last_success_at=utc_column(success), last_error=error, last_error_code=code,
        last_heartbeat_at=utc_column(heartbeat), settings_version=version,
        local_settings_version=int(local_version), release_available=release,
        outbox_depth=counts.get("pending", 0), outbox_rejected=counts.get("rejected", 0))
    return status, usable_values(settings)
