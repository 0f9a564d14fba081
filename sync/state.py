"""The terminal's sync bookkeeping in ``sync_state`` (one row) and the outbox counts.

The daemon writes here; `kiosk sync status` and the clerk screen read it.
Each write is its own short ``BEGIN IMMEDIATE`` transaction (the UI may be
filing a complaint at the same moment).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.store import write_connection
from kiosk.store.models import Complaint, Setting, SyncState
from sync.status_file import SyncStatus

__all__ = [
    "SyncStatus",
    "clear_cursor",
    "read_status",
    "record_error",
    "record_success",
    "update_state",
]


def update_state(conn: Connection, **values: Any) -> None:
    """Upsert the single ``sync_state`` row with ``values`` (inside the caller's transaction)."""
    stmt = sqlite_insert(SyncState).values(id=1, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=values))


def record_success(engine: Engine, *, now: datetime) -> None:
    """A cycle step succeeded: clear the error and stamp the success time."""
    with write_connection(engine) as conn:
        update_state(conn, last_success_at=now, last_error=None, last_error_code=None)


def record_error(engine: Engine, code: str, message: str, *, now: datetime) -> None:
    """Store the latest error (code and a one-line message without personal data)."""
    with write_connection(engine) as conn:
        update_state(conn, last_attempt_at=now, last_error=message[:500],
                     last_error_code=code[:40])


def clear_cursor(engine: Engine) -> None:
    """Forget the cursor: the next cycle loads a full snapshot (cached data stays until then)."""
    with write_connection(engine) as conn:
        update_state(conn, cursor=None)


def read_status(engine: Engine) -> SyncStatus:
    """The sync state and outbox counts, in one read transaction."""
    with engine.connect() as conn:
        row = conn.execute(select(SyncState).where(SyncState.id == 1)).first()
        counts = {row[0]: int(row[1]) for row in conn.execute(
            select(Complaint.delivery, func.count()).group_by(Complaint.delivery))}
        local_version = conn.execute(select(func.coalesce(func.max(Setting.version), 0))
                                     ).scalar_one()

    def get(name: str) -> Any:
        return getattr(row, name) if row is not None else None

    return SyncStatus(
        cursor=get("cursor"), data_as_of=get("data_as_of"),
        last_attempt_at=get("last_attempt_at"), last_success_at=get("last_success_at"),
        last_error=get("last_error"), last_error_code=get("last_error_code"),
        last_heartbeat_at=get("last_heartbeat_at"), settings_version=get("settings_version"),
        local_settings_version=int(local_version),
        release_available=get("release_available"),
        outbox_depth=int(counts.get("pending", 0)), outbox_rejected=int(counts.get("rejected", 0)))
