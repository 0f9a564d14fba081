"""The county-wide change counter: every change to a synced record gets a fresh ``seq``."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from county.models import ChangeCounter

__all__ = ["current_seq", "hold_seqs", "release_seqs", "take_seqs"]


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


def hold_seqs(conn: Connection) -> int:
    """Lock the counter row for the caller's transaction; return the last seq handed out.

    For a writer that numbers rows itself while the connection is busy (a COPY
    in progress, county/importer/stream.py); it must :func:`release_seqs`
    before anything else takes seqs in the transaction.
    """
    return int(conn.execute(select(ChangeCounter.value).where(ChangeCounter.id == 1)
                            .with_for_update()).scalar_one())


def release_seqs(conn: Connection, last: int) -> None:
    """Record ``last`` as the last seq handed out (after :func:`hold_seqs`)."""
    conn.execute(update(ChangeCounter).where(ChangeCounter.id == 1).values(value=last))
