"""The county-wide change counter: every change to a synced record gets a fresh ``seq``."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from county.models import ChangeCounter

__all__ = ["current_seq", "take_seqs"]


def take_seqs(conn: Connection, count: int = 1) -> int:
    """Reserve ``count`` consecutive seqs in the caller's transaction; return the first.

    The counter row stays locked until the transaction ends, so changes
    commit in seq order (a reader paging by seq never skips a late commit).
    Call it as late as possible in a transaction to keep that lock short.
    """
    if count < 1:
        raise ValueError("count must be ≥ 1")
    last = conn.execute(
        update(ChangeCounter).where(ChangeCounter.id == 1)
        .values(value=ChangeCounter.value + count).returning(ChangeCounter.value)
    ).scalar_one()
    return int(last) - count + 1


def current_seq(conn: Connection) -> int:
    """The last seq handed out and committed (as this transaction sees it)."""
    return int(conn.execute(select(ChangeCounter.value).where(ChangeCounter.id == 1))
               .scalar_one())
