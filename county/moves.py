"""Scope moves: a payment or household member whose township changed.

Township-scoped terminals receive only their township's rows (county/scope.py).
When a correction moves a row from township A to B, the row itself now pages
to B's terminals only, so A's would keep their copy for ever. Each such move
writes a :class:`county.models.ScopeMove` row with a seq of its own; A's
terminals page it as a tombstone (county/changes.py). County-scoped terminals
never read the move log: for them a move is an ordinary upsert.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, insert, select

from county.models import HouseholdMember, Payment, ScopeMove

__all__ = ["Move", "is_move", "record_moves", "still_in_township"]

Move = tuple[str, str]
"""(key as a tombstone carries it, the township the row left)."""


def record_moves(conn: Connection, entity: str, moves: Sequence[Move], *, first_seq: int,
                 now: datetime) -> None:
    """Log ``moves`` of ``entity`` with seqs ``first_seq, first_seq + 1, …``.

    The caller took those seqs (county.seq.take_seqs) in this transaction
    and passes only real moves (see :func:`is_move`).
    """
    rows = [{"seq": first_seq + i, "entity": entity, "key": key, "township": left,
             "moved_at": now} for i, (key, left) in enumerate(moves)]
    if rows:
        conn.execute(insert(ScopeMove), rows)


def is_move(old_township: str, new_township: str) -> bool:
    """Whether a row going from ``old_township`` to ``new_township`` leaves a scope.

    A row of no township ("") was in no township terminal's scope.
    """
    return bool(old_township) and old_township != new_township


def still_in_township(conn: Connection, entity: str, keys: Sequence[str],
                      township: str) -> set[str]:
    """Which ``keys`` of ``entity`` are live rows of ``township`` now (moved back).

    Those need no tombstone: the move back changed the row after its move
    out, so its upsert reaches the township's terminals with a later seq.
    """
    if not keys:
        return set()
    found: set[str] = set()
    for start in range(0, len(keys), 900):
        chunk = keys[start:start + 900]
        if entity == "payment":
            found.update(str(k) for k in conn.execute(select(Payment.id).where(
                Payment.id.in_([int(k) for k in chunk]), Payment.township == township,
                Payment.deleted.is_(False))).scalars())
        else:
            found.update(conn.execute(select(HouseholdMember.id_hash).where(
                HouseholdMember.id_hash.in_(chunk), HouseholdMember.township == township,
                HouseholdMember.deleted.is_(False))).scalars())
    return found
