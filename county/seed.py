"""`county seed-demo`: the demo county from demo.village, hashed IDs only.

The same generator seeds the terminal (`kiosk db seed-demo`), so a terminal
synced from this server sees the same people and payments (same payment ids).
Idempotent: seeding twice adds nothing the second time.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from county.catalogue import ensure_catalogue
from county.ledger.store import seed_ledger
from county.models import Notice
from county.payments import NewMember, NewPayment, write_members, write_payments
from county.seq import take_seqs
from county.state import set_lookup_key, set_state
from county.tx import writing
from demo.ledger import generate_ledger
from demo.village import DEMO_LOOKUP_KEY, DemoVillage, generate_village, iter_profiles
from kiosk.identity import id_hash

# generate_village is re-exported: county/ reaches the demo package only through here.
__all__ = ["generate_village", "seed_demo", "write_cards"]


def seed_demo(engine: Engine, *, now: datetime,
              village: DemoVillage | None = None) -> dict[str, int]:
    """Load the demo county; return rows added per table.

    Sets the county lookup key to DEMO_LOOKUP_KEY: run it on a fresh demo
    database only (a real county's id_hashes would be orphaned).
    """
    v = village or generate_village()
    hashes = {p.id_number: id_hash(DEMO_LOOKUP_KEY, p.id_number) for p in v.people}
    with writing(engine) as conn:
        set_lookup_key(conn, DEMO_LOOKUP_KEY)
        set_state(conn, "county_name", v.county)
        items = ensure_catalogue(conn, now=now)
        members = write_members(conn, [
            NewMember(hashes[p.id_number], p.household_id, v.township, v.village)
            for p in v.people], now=now)
        payments = write_payments(conn, [
            NewPayment(hashes[p.id_number], p.household_id, p.item_code, p.period, p.amount_fen,
                       p.paid_on, p.status, p.department, p.fund_source, p.batch, v.township,
                       v.village, id=p.id)
            for p in v.payments], now=now)
        have = set(conn.execute(select(Notice.id)).scalars())
        fresh = [n for n in v.notices if n.id not in have]
        if fresh:
            seq = take_seqs(conn, len(fresh))
            dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
            conn.execute(dialect.insert(Notice).on_conflict_do_nothing(), [
                {"id": n.id, "kind": n.kind, "title": n.title, "body": n.body,
                 "scope": n.scope, "township": "" if n.scope == "county" else v.township,
                 "village": v.village if n.scope == "village" else "",
                 "published_on": n.published_on, "expires_on": n.expires_on,
                 "seq": seq + i, "deleted": False, "updated_at": now}
                for i, n in enumerate(fresh)])
            if conn.dialect.name == "postgresql":
                # Explicit ids leave the serial behind: move it past them.
                conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('notice', 'id'), "
                                     "(SELECT max(id) FROM notice))")
        ledger = seed_ledger(conn, v.township, v.village, generate_ledger(v.today), now=now)
        if payments and conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('payment', 'id'), "
                                 "(SELECT max(id) FROM payment))")
    return {"benefit_item": items, "household_member": members, "payment": payments,
            "notice": len(fresh), "ledger_entry": ledger}


def write_cards(directory: Path, *, village: DemoVillage | None = None) -> int:
    """Write every demo person's card profile as DIR/NNNN-HOUSEHOLD.json; return the count.

    These files hold plaintext ID numbers (they stand for physical cards):
    they are for the card emulator, never for a database.
    """
    v = village or generate_village()
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for stem, profile in iter_profiles(v):
        (directory / f"{stem}.json").write_text(
            json.dumps(profile, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        count += 1
    return count
