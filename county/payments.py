"""Writing payments and household members: hashed IDs, content keys, fresh seqs.

Shared by ``county seed-demo`` and ``county import``. A payment's content key
hashes the fields that identify it (recipient, item, period, date, amount),
so importing the same department file twice adds nothing the second time;
the place (乡镇/村) is not in the key, so a corrected file moves the stored
payment instead, logging a scope move when its township changes
(county/moves.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import postgresql, sqlite

from county.models import HouseholdMember, Payment
from county.moves import is_move, record_moves
from county.seq import take_seqs

__all__ = [
    "NewMember",
    "NewPayment",
    "StoredPlace",
    "content_key",
    "correct_places",
    "place_corrections",
    "stored_places",
    "write_members",
    "write_payments",
]


@dataclass(frozen=True, slots=True)
class NewPayment:
    """A payment to store; ``id_hash`` already computed (never a plaintext number)."""

    id_hash: str
    household_id: str
    item_code: str
    period: str
    amount_fen: int
    paid_on: date
    status: str = "paid"
    department: str = ""
    fund_source: str = ""
    batch: str = ""
    township: str = ""
    village: str = ""
    id: int | None = None
    """Only the demo seeding fixes ids (so the terminal's demo data matches)."""
    group: str = ""
    """组 / 村民小组."""
    household_size: int | None = None
    """保障人数 (people the payment covers)."""
    note: str = ""
    """备注."""


@dataclass(frozen=True, slots=True)
class NewMember:
    """A household membership to store (insert, or move to another household)."""

    id_hash: str
    household_id: str
    township: str = ""
    village: str = ""


def content_key(p: NewPayment) -> str:
    """SHA-256 hex of the identifying fields of a payment."""
    text = "\x1f".join((p.id_hash, p.item_code, p.period, p.paid_on.isoformat(),
                        str(p.amount_fen)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _insert(conn: Connection, model: Any) -> Any:
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    return dialect.insert(model)


def existing_keys(conn: Connection, keys: Sequence[str]) -> set[str]:
    """Which of ``keys`` are already stored (in chunks, for big files)."""
    found: set[str] = set()
    for start in range(0, len(keys), 900):
        chunk = keys[start:start + 900]
        found.update(conn.execute(select(Payment.content_key)
                                  .where(Payment.content_key.in_(chunk))).scalars())
    return found


def write_payments(conn: Connection, payments: Sequence[NewPayment], *, now: datetime,
                   import_id: int | None = None, keys: Sequence[str] | None = None) -> int:
    """Insert the payments not stored yet (by content key); return how many were new.

    Runs in the caller's transaction; duplicates of stored rows are skipped
    with ``ON CONFLICT DO NOTHING`` so two imports of one file at once still
    store each payment once. ``keys`` are the payments' content keys when the
    caller has them already.
    """
    if not payments:
        return 0
    keyed = dict(zip(keys or [content_key(p) for p in payments], payments, strict=True))
    stored = existing_keys(conn, list(keyed))
    fresh = [(k, p) for k, p in keyed.items() if k not in stored]
    if not fresh:
        return 0
    first = take_seqs(conn, len(fresh))
    stmt = _insert(conn, Payment).on_conflict_do_nothing(index_elements=["content_key"])
    # The 组/保障人数/备注 columns (schema 0005) are written only when a payment has
    # them: the others take the column defaults, so a big plain file carries three
    # parameters a row fewer, and code seeding a database at an older schema
    # (the migration tests) still works.
    extras = any(p.group or p.household_size is not None or p.note for _, p in fresh)
    for start in range(0, len(fresh), 5000):  # dicts per chunk: a big file stays small
        rows = []
        for i, (key, p) in enumerate(fresh[start:start + 5000], start=start):
            row = {"id_hash": p.id_hash, "household_id": p.household_id,
                   "item_code": p.item_code, "period": p.period, "amount_fen": p.amount_fen,
                   "paid_on": p.paid_on, "status": p.status, "department": p.department,
                   "fund_source": p.fund_source, "batch": p.batch, "township": p.township,
                   "village": p.village, "content_key": key, "import_id": import_id,
                   "seq": first + i, "deleted": False, "updated_at": now}
            if p.id is not None:
                row["id"] = p.id
            if extras:
                row.update(village_group=p.group, household_size=p.household_size, note=p.note)
            rows.append(row)
        conn.execute(stmt, rows)
    # Pre-filtered above; only a concurrent import of the same rows (skipped by
    # the conflict clause) could make this count too high.
    return len(fresh)


def _place(stored: Any, township: str, village: str) -> tuple[str, str]:
    """(township, village) after an update naming ``township``/``village`` ("" = not given).

    An empty value keeps the stored one, except that a new township with no
    village given clears the old village (it is not in the new township).
    """
    new_township = township or stored.township
    return new_township, village or (stored.village if new_township == stored.township else "")


def write_members(conn: Connection, members: Sequence[NewMember], *, now: datetime) -> int:
    """Insert new memberships and move changed ones; return rows written."""
    if not members:
        return 0
    latest = {m.id_hash: m for m in members}
    stored: dict[str, Any] = {}
    hashes = list(latest)
    for start in range(0, len(hashes), 900):
        for row in conn.execute(select(HouseholdMember)
                                .where(HouseholdMember.id_hash.in_(hashes[start:start + 900]))):
            stored[row.id_hash] = row
    new = [m for h, m in latest.items() if h not in stored]
    moved = [m for h, m in latest.items() if h in stored and (
        stored[h].household_id, stored[h].township, stored[h].village, stored[h].deleted)
        != (m.household_id, *_place(stored[h], m.township, m.village), False)]
    if not new and not moved:
        return 0
    # A member whose township changes also leaves the old township's scope.
    left = [(m.id_hash, stored[m.id_hash].township) for m in moved
            if is_move(stored[m.id_hash].township, m.township or stored[m.id_hash].township)]
    seq = take_seqs(conn, len(new) + len(moved) + len(left))
    if new:
        conn.execute(_insert(conn, HouseholdMember), [
            {"id_hash": m.id_hash, "household_id": m.household_id, "township": m.township,
             "village": m.village, "seq": seq + i, "deleted": False, "updated_at": now}
            for i, m in enumerate(new)])
    for i, m in enumerate(moved, start=len(new)):
        township, village = _place(stored[m.id_hash], m.township, m.village)
        conn.execute(update(HouseholdMember).where(HouseholdMember.id_hash == m.id_hash).values(
            household_id=m.household_id, township=township, village=village, seq=seq + i,
            deleted=False, updated_at=now))
    record_moves(conn, "household_member", left, first_seq=seq + len(new) + len(moved),
                 now=now)
    return len(new) + len(moved)


@dataclass(frozen=True, slots=True)
class StoredPlace:
    """Where a stored payment is: its id, township and village."""

    id: int
    township: str
    village: str
    deleted: bool = False


def stored_places(conn: Connection, keys: Sequence[str]) -> dict[str, StoredPlace]:
    """The stored payments among content ``keys``, with their place (in chunks)."""
    found: dict[str, StoredPlace] = {}
    for start in range(0, len(keys), 900):
        chunk = keys[start:start + 900]
        for row in conn.execute(select(Payment.content_key, Payment.id, Payment.township,
                                       Payment.village, Payment.deleted)
                                .where(Payment.content_key.in_(chunk))):
            found[row.content_key] = StoredPlace(row.id, row.township, row.village,
                                                 row.deleted)
    return found


def place_corrections(stored: dict[str, StoredPlace], payments: Sequence[NewPayment],
                      keys: Sequence[str]) -> list[tuple[StoredPlace, str, str]]:
    """(stored place, corrected township, corrected village) of payments stored elsewhere.

    The place is not part of the content key, so a department's corrected
    file names the same payments with another 乡镇/村. An empty cell keeps
    the stored value (a file without those columns corrects nothing), except
    that an empty 村 next to a new 乡镇 clears the old village.
    """
    out: list[tuple[StoredPlace, str, str]] = []
    for key, p in zip(keys, payments, strict=True):
        have = stored.get(key)
        if have is None or have.deleted:
            continue
        township, village = _place(have, p.township, p.village)
        if (township, village) != (have.township, have.village):
            out.append((have, township, village))
    return out


def correct_places(conn: Connection, payments: Sequence[NewPayment], *, now: datetime,
                   keys: Sequence[str]) -> int:
    """Move stored payments to the township/village ``payments`` name; return rows changed.

    Runs in the caller's transaction and reads the stored places again in
    it. A changed payment gets a fresh seq (an upsert for its new scope); one
    that leaves a township also gets a :class:`county.models.ScopeMove`
    entry, so township-scoped terminals of the old township get a tombstone.
    """
    changes = place_corrections(stored_places(conn, keys), payments, keys)
    if not changes:
        return 0
    left = [(str(have.id), have.township) for have, township, _ in changes
            if is_move(have.township, township)]
    seq = take_seqs(conn, len(changes) + len(left))
    for i, (have, township, village) in enumerate(changes):
        conn.execute(update(Payment).where(Payment.id == have.id).values(
            township=township, village=village, seq=seq + i, updated_at=now))
    record_moves(conn, "payment", left, first_seq=seq + len(changes), now=now)
    return len(changes)
