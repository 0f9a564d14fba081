"""Applying ``changes`` pages: checked whole first, then one transaction per page.

A page and its ``next_cursor`` commit together (kiosk.store.write_connection),
so a kill at any moment leaves the cache at the previous page or at this one,
never between. Before anything is written the page is checked beyond its
schema: the cursor must not go backwards, must move while ``has_more``, and
every tombstone key must have its entity's key type.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, delete, select, update

from kiosk.logfmt import log_event
from kiosk.store import write_connection
from kiosk.store.ledger_models import LedgerEntry
from kiosk.store.models import (
    Base,
    BenefitItem,
    Complaint,
    HouseholdMember,
    Notice,
    Payment,
    Power,
    RollEntry,
    Setting,
    SyncState,
)
from kiosk.store.project_models import VillageProject
from sync.errors import ProtocolError, SyncError
from sync.protocol import ChangesPage, ComplaintProgress, ComplaintReply
from sync.rows import TableWriter
from sync.state import update_state

__all__ = ["MODELS", "WRITERS", "apply_page", "apply_replies", "check_page", "cursor_order"]

log = logging.getLogger("sync.pages")

#: The synced tables by entity name, with their primary key column.
MODELS: dict[str, tuple[type[Base], str]] = {
    "benefit_item": (BenefitItem, "code"),
    "setting": (Setting, "key"),
    "notice": (Notice, "id"),
    "household_member": (HouseholdMember, "id_hash"),
    "payment": (Payment, "id"),
    "roll_entry": (RollEntry, "id"),
    "power": (Power, "code"),
    "ledger_entry": (LedgerEntry, "id"),
    "village_project": (VillageProject, "id"),
}


#: Bulk writers of the synced tables (storage tuples, see sync.rows).
WRITERS = {entity: TableWriter(cast(Table, model.__table__))
           for entity, (model, _pk) in MODELS.items()}


def cursor_order(before: str | None, after: str) -> int | None:
    """-1/0/1 comparing two cursors when both are decimal (the county's seq), else None.

    The protocol calls cursors opaque; the county's are decimal sequence
    numbers, and comparing them is what catches a server restored from an
    old backup handing out a cursor that goes backwards.
    """
    if before is None:
        return 1
    if before.isascii() and before.isdigit() and after.isascii() and after.isdigit():
        a, b = int(before), int(after)
        return (b > a) - (b < a)
    return None if before != after else 0


@dataclass(frozen=True)
class _Plan:
    upserts: dict[str, list[tuple[Any, ...]]]
    deletes: dict[str, list[object]]


def check_page(page: ChangesPage, *, since: str | None) -> _Plan:
    """Check ``page`` (already schema-valid) and turn it into rows; raises ProtocolError."""
    order = cursor_order(since, page.next_cursor)
    if order is not None and order < 0:
        raise ProtocolError(f"changes: cursor went backwards from {since} to {page.next_cursor}")
    if page.has_more and order == 0:
        raise ProtocolError(f"changes: has_more but the cursor stayed at {since}")
    try:
        upserts = {
            "benefit_item": [WRITERS["benefit_item"].row(r) for r in page.benefit_items],
            "setting": [WRITERS["setting"].row(r) for r in page.settings],
            "notice": [WRITERS["notice"].row(r) for r in page.notices],
            "household_member": [WRITERS["household_member"].row(r)
                                 for r in page.household_members],
            "payment": [WRITERS["payment"].row(r) for r in page.payments],
            "roll_entry": [WRITERS["roll_entry"].row(r) for r in page.roll_entries],
            "power": [WRITERS["power"].row(r) for r in page.powers],
            "ledger_entry": [WRITERS["ledger_entry"].row(r) for r in page.ledger_entries],
            "village_project": [WRITERS["village_project"].row(r)
                                for r in page.projects],
        }
    except ValueError as exc:
        raise ProtocolError(f"changes: {exc}") from None
    deletes: dict[str, list[object]] = {}
    for i, tomb in enumerate(page.tombstones):
        key: object = tomb.key
        if MODELS[tomb.entity][1] == "id":
            if not (tomb.key.isascii() and tomb.key.isdigit()):
                raise ProtocolError(f"changes: tombstones.{i}: {tomb.entity} key is not an id")
            key = int(tomb.key)
        deletes.setdefault(tomb.entity, []).append(key)
    # Public rolls, powers and projects travel with tombstone lists of their own (older terminals,
    # whose Tombstone.entity knows neither, ignore those fields).
    if page.roll_tombstones:
        deletes["roll_entry"] = list(page.roll_tombstones)
    if page.power_tombstones:
        deletes["power"] = list(page.power_tombstones)
    if page.project_tombstones:
        deletes["village_project"] = list(page.project_tombstones)
    for entity, keys in deletes.items():
        at = WRITERS[entity].columns.index(MODELS[entity][1])
        doomed = {str(k) for k in keys}
        if any(str(row[at]) in doomed for row in upserts[entity]):
            raise ProtocolError(f"changes: a {entity} is both upserted and tombstoned")
    return _Plan(upserts, deletes)


def upsert_rows(conn: Connection, entity: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """INSERT … ON CONFLICT DO UPDATE storage tuples of ``entity`` (one executemany)."""
    if rows:
        conn.exec_driver_sql(WRITERS[entity].upsert, list(rows))


def _update_outbox_row(conn: Connection, key: str, values: dict[str, Any], *, event: str,
                       server_id: str, ticket: str) -> int:
    """Update the outbox complaint with idempotency ``key``; 1 if it exists, else log 0."""
    if conn.execute(update(Complaint).where(Complaint.idempotency_key == key)
                    .values(**values)).rowcount:
        return 1
    log_event(log, logging.WARNING, event, server_id=server_id, ticket=ticket)
    return 0


def apply_replies(conn: Connection, replies: Iterable[ComplaintReply]) -> int:
    """Store the county's replies on the outbox rows they answer; returns how many matched."""
    return sum(_update_outbox_row(
        conn, r.idempotency_key,
        {"reply_text": r.reply_text, "reply_at": r.reply_at, "server_id": r.server_id},
        event="reply_unmatched", server_id=r.server_id, ticket=r.ticket_no) for r in replies)


def apply_progress(conn: Connection, progress: Iterable[ComplaintProgress]) -> int:
    """Store where the county has got with this terminal's complaints (status, level, the
    dates of 受理 / 办理 / 答复 / 办结); returns how many matched an outbox row."""
    matched = 0
    for p in progress:
        values: dict[str, Any] = {
            "server_id": p.server_id, "status": p.status, "level": p.level,
            "accepted_at": p.accepted_at, "handled_at": p.handled_at,
            "replied_at": p.replied_at, "closed_at": p.closed_at,
            "can_feedback": p.can_feedback}
        if p.reply_text is not None and p.replied_at is not None:
            values.update(reply_text=p.reply_text, reply_at=p.replied_at)
        matched += _update_outbox_row(conn, p.idempotency_key, values,
                                      event="progress_unmatched", server_id=p.server_id,
                                      ticket=p.ticket_no)
    return matched


def apply_page(engine: Engine, page: ChangesPage, *, since: str | None, now: datetime) -> int:
    """Apply one checked page and its cursor in one transaction; returns records applied.

    Raises ProtocolError (page refused, nothing written) and SyncError
    ``sync.cursor_moved`` if the stored cursor is no longer ``since``
    (another daemon on the same file).
    """
    plan = check_page(page, since=since)
    count = 0
    with write_connection(engine) as conn:
        stored = conn.execute(select(SyncState.cursor).where(SyncState.id == 1)).scalar()
        if stored != since:
            raise SyncError(f"cursor moved from {since} to {stored} while paging "
                            "(is another syncd running on this database?)",
                            code="sync.cursor_moved")
        for entity, rows in plan.upserts.items():
            upsert_rows(conn, entity, rows)
            count += len(rows)
        for entity, keys in plan.deletes.items():
            model, pk = MODELS[entity]
            column = model.__table__.c[pk]
            for start in range(0, len(keys), 500):
                conn.execute(delete(model).where(column.in_(keys[start:start + 500])))
            count += len(keys)
        count += apply_replies(conn, page.complaint_replies)
        count += apply_progress(conn, page.complaint_progress)
        update_state(conn, cursor=page.next_cursor, data_as_of=page.server_time,
                     last_attempt_at=now)
    return count
