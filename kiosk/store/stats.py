"""`kiosk db stats`: row counts, sync cursor, file sizes — for the clerk and IT staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func, select

from kiosk.store.models import Base, Complaint, SyncState
from kiosk.store.schema import current_revision

__all__ = ["REJECTED_SHOWN", "StoreStats", "SyncSnapshot", "read_sync_state", "store_stats"]


@dataclass(frozen=True)
class StoreStats:
    """A snapshot of the cache's size and sync position."""

    path: str
    schema_revision: str | None
    file_bytes: int
    wal_bytes: int
    rows: dict[str, int]
    cursor: str | None
    data_as_of: datetime | None
    last_success_at: datetime | None
    outbox_pending: int

    def to_json(self) -> dict[str, object]:
        """Plain JSON-able dict (``kiosk db stats --json``)."""
        return {
            "path": self.path,
            "schema_revision": self.schema_revision,
            "file_bytes": self.file_bytes,
            "wal_bytes": self.wal_bytes,
            "rows": self.rows,
            "cursor": self.cursor,
            "data_as_of": self.data_as_of.isoformat() if self.data_as_of else None,
            "last_success_at": self.last_success_at.isoformat() if self.last_success_at else None,
            "outbox_pending": self.outbox_pending,
        }


@dataclass(frozen=True)
class SyncSnapshot:
    """The sync state row, cheaply (for the welcome and clerk screens)."""

    data_as_of: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    outbox_pending: int
    outbox_rejected: int = 0
    #: Ticket numbers of the newest complaints the county refused (at most
    #: :data:`REJECTED_SHOWN`), newest first: the clerk reports them to the county.
    rejected_tickets: tuple[str, ...] = ()
    #: Stable code of ``last_error`` (e.g. ``complaint.rate_limited``), for the wording.
    last_error_code: str | None = None


#: How many refused complaints' ticket numbers the clerk screen lists.
REJECTED_SHOWN = 3


def read_sync_state(engine: Engine) -> SyncSnapshot:
    """Read the sync state and the outbox's pending and refused complaints (indexed queries)."""
    with engine.connect() as conn:
        state = conn.execute(select(SyncState.__table__).where(SyncState.id == 1)).first()
        counts = {delivery: int(count) for delivery, count in conn.execute(
            select(Complaint.delivery, func.count()).where(
                Complaint.delivery.in_(("pending", "rejected"))).group_by(Complaint.delivery))}
        rejected = tuple(conn.execute(
            select(Complaint.ticket_no).where(Complaint.delivery == "rejected")
            .order_by(Complaint.id.desc()).limit(REJECTED_SHOWN)).scalars())
    return SyncSnapshot(state.data_as_of if state else None,
                        state.last_success_at if state else None,
                        state.last_error if state else None, counts.get("pending", 0),
                        counts.get("rejected", 0), rejected,
                        state.last_error_code if state else None)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def store_stats(engine: Engine) -> StoreStats:
    """Count rows per table and read the sync state (one read transaction)."""
    path = Path(str(engine.url.database))
    revision = current_revision(engine)
    with engine.connect() as conn:
        rows = {
            name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for name, table in sorted(Base.metadata.tables.items())
        }
        state = conn.execute(select(SyncState.__table__).where(SyncState.id == 1)).first()
        pending = conn.execute(
            select(func.count()).select_from(Complaint).where(Complaint.delivery == "pending")
        ).scalar_one()
    return StoreStats(
        path=str(path),
        schema_revision=revision,
        file_bytes=_size(path),
        wal_bytes=_size(path.with_name(path.name + "-wal")),
        rows=rows,
        cursor=state.cursor if state else None,
        data_as_of=state.data_as_of if state else None,
        last_success_at=state.last_success_at if state else None,
        outbox_pending=int(pending),
    )
