"""`kiosk db stats`: row counts, sync cursor, file sizes — for the clerk and IT staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func, select

from kiosk.cachefile import StoreStats, read_store_stats
from kiosk.store.models import Complaint, SyncState

__all__ = ["REJECTED_SHOWN", "StoreStats", "SyncSnapshot", "read_sync_state", "store_stats"]


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


def store_stats(engine: Engine) -> StoreStats:
    """Count rows per table and read the sync state of the cache ``engine`` is on (one
    read-only transaction: :func:`kiosk.cachefile.read_store_stats`)."""
    return read_store_stats(Path(str(engine.url.database)))
