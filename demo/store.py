"""Loading the demo village into the cache (`kiosk db seed-demo`).

Writes the synced tables the way the sync daemon would after a snapshot:
hashed IDs only, one transaction, replacing whatever synced data was there
(the complaint outbox is left alone).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, delete, func, insert, select

from demo.disclosure import powers_json, roll_entries
from demo.ledger import generate_ledger
from demo.projects import generate_projects
from demo.village import DemoVillage
from kiosk import clock
from kiosk.catalogue import BenefitItemSpec
from kiosk.files import atomic_write_bytes
from kiosk.identity import id_hash
from kiosk.ledger import voucher_dir
from kiosk.store.engine import write_connection
from kiosk.store.ledger_models import LedgerEntry
from kiosk.store.models import (
    BenefitItem,
    Complaint,
    HouseholdMember,
    Notice,
    Payment,
    Power,
    RollEntry,
    SyncState,
)
from kiosk.store.project_models import VillageProject

__all__ = ["seed_complaints", "seed_terminal_ledger", "seed_terminal_projects", "seed_village"]


def _items(catalogue: Iterable[BenefitItemSpec], now: datetime) -> list[dict[str, object]]:
    return [
        {"code": i.code, "name": i.name, "category": i.category, "department": i.department,
         "scope": i.scope, "standard": i.standard, "policy": i.policy, "updated_at": now}
        for i in catalogue
    ]


def seed_village(engine: Engine, village: DemoVillage, lookup_key: bytes) -> dict[str, int]:
    """Replace the synced tables with ``village``; return rows written per table.

    Every ID number is turned into ``id_hash`` with ``lookup_key`` here; no
    plaintext number reaches the database. Runs in one transaction: a power
    cut leaves the previous data intact.
    """
    now = clock.now()
    hashes = {p.id_number: id_hash(lookup_key, p.id_number) for p in village.people}
    payments = [
        {"id": p.id, "id_hash": hashes[p.id_number], "household_id": p.household_id,
         "item_code": p.item_code, "period": p.period, "amount_fen": p.amount_fen,
         "paid_on": p.paid_on, "status": p.status, "department": p.department,
         "fund_source": p.fund_source, "batch": p.batch, "updated_at": now}
        for p in village.payments
    ]
    members = [
        {"id_hash": hashes[p.id_number], "household_id": p.household_id, "updated_at": now}
        for p in village.people
    ]
    notices = [
        {"id": n.id, "kind": n.kind, "title": n.title, "body": n.body, "scope": n.scope,
         "published_on": n.published_on, "expires_on": n.expires_on, "updated_at": now}
        for n in village.notices
    ]
    rolls = [{**vars(r), "updated_at": now} for r in roll_entries(village)]
    powers = _powers(now)
    with write_connection(engine) as conn:
        for model in (Payment, HouseholdMember, Notice, BenefitItem, SyncState, RollEntry,
                      Power):
            conn.execute(delete(model))
        conn.execute(insert(BenefitItem), _items(village.catalogue, now))
        conn.execute(insert(HouseholdMember), members)
        conn.execute(insert(Payment), payments)
        conn.execute(insert(Notice), notices)
        if rolls:
            conn.execute(insert(RollEntry), rolls)
        conn.execute(insert(Power), powers)
        conn.execute(insert(SyncState), [{"id": 1, "cursor": None,
                                          "data_as_of": village.as_of.astimezone(UTC)}])
    ledger = seed_terminal_ledger(engine, village.today, now=now)  # issue 17
    projects = seed_terminal_projects(engine, village.today, now=now)
    return {"benefit_item": len(village.catalogue), "household_member": len(members),
            "payment": len(payments), "notice": len(notices), "roll_entry": len(rolls),
            "power": len(powers), "ledger_entry": ledger, "village_project": projects}


def _powers(now: datetime) -> list[dict[str, object]]:
    """The demo micro-power list as the terminal stores it (the county's wire form)."""
    listed = json.loads(powers_json())["powers"]
    return [{"code": p["code"], "name": p["name"], "position": i, "updated_at": now,
             "body": json.dumps({k: v for k, v in p.items() if k not in ("code", "name")},
                                ensure_ascii=False, sort_keys=True)}
            for i, p in enumerate(listed)]


def seed_complaints(engine: Engine, village: DemoVillage, lookup_key: bytes, *,
                    terminal_code: str) -> int:
    """Add the village's answered complaints to the outbox, as delivered; return how many.

    The villager's own complaints and the outbox's numbering are kept: a
    demo complaint takes the next ticket number and is added once (its
    idempotency key is fixed), however often the demo is seeded.
    """
    added = 0
    with write_connection(engine, durable=True) as conn:
        have = set(conn.execute(select(Complaint.idempotency_key)).scalars())
        for c in village.complaints:
            if c.key in have:
                continue
            sequence = int(conn.execute(
                select(func.coalesce(func.max(Complaint.id), 0))).scalar_one()) + 1
            conn.execute(insert(Complaint).values(
                id=sequence, ticket_no=f"{terminal_code}-{sequence:06d}", idempotency_key=c.key,
                category=c.category, item_code=c.item_code, text=c.text, anonymous=False,
                id_hash=id_hash(lookup_key, c.id_number), name=c.name,
                created_at=c.created_at.astimezone(UTC), delivery="sent", attempts=1,
                server_id=c.server_id, reply_text=c.reply_text,
                reply_at=c.reply_at.astimezone(UTC)))
            added += 1
    return added


def seed_terminal_ledger(engine: Engine, today: date, *, now: datetime) -> int:
    """Replace the terminal's ledger with the demo's, vouchers written beside the cache
    (as the sync daemon would have fetched them); returns the number of entries."""
    entries = generate_ledger(today)
    db_path = Path(str(engine.url.database))
    directory = voucher_dir(db_path)
    directory.mkdir(parents=True, exist_ok=True)
    for e in entries:
        if e.image:
            atomic_write_bytes(directory / f"{e.image_sha256}.jpg", e.image, mode=0o644)
    with write_connection(engine) as conn:
        conn.execute(delete(LedgerEntry))
        conn.execute(insert(LedgerEntry), [
            {"id": e.id, "month": e.month, "entry_date": e.entry_date, "summary": e.summary,
             "kind": e.kind, "amount_fen": e.amount_fen, "counterparty": e.counterparty,
             "voucher_no": e.voucher_no, "image_sha256": e.image_sha256,
             "image_size": len(e.image), "updated_at": now} for e in entries])
    return len(entries)


def seed_terminal_projects(engine: Engine, today: date, *, now: datetime) -> int:
    """Replace the terminal's projects with the demo's, document images written beside the
    cache (as the sync daemon would have fetched them); returns the number of projects."""
    projects = generate_projects(today)
    directory = voucher_dir(Path(str(engine.url.database)))
    directory.mkdir(parents=True, exist_ok=True)
    for s in (s for p in projects for s in p.stages if s.image):
        atomic_write_bytes(directory / f"{s.image_sha256}.jpg", s.image, mode=0o644)
    with write_connection(engine) as conn:
        conn.execute(delete(VillageProject))
        conn.execute(insert(VillageProject), [
            {"id": p.id, "code": p.code, "name": p.name, "position": i, "body": p.body(),
             "updated_at": now} for i, p in enumerate(projects)])
    return len(projects)
