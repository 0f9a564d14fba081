"""`county seed-demo`: the demo county from demo.village, hashed IDs only.

The same generator seeds the terminal (`kiosk db seed-demo`), so a terminal
synced from this server sees the same people and payments (same payment ids).
Idempotent: seeding twice adds nothing the second time.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from county.catalogue import ensure_catalogue
from county.disclosure.models import ItemDisclosure
from county.disclosure.powers import publish_powers
from county.disclosure.rolls import names_from, refresh_rolls
from county.ledger.images import Voucher
from county.ledger.store import seed_ledger
from county.models import Notice, Payment
from county.payments import NewMember, NewPayment, write_members, write_payments
from county.projects.store import StageIn, seed_projects
from county.seq import take_seqs
from county.state import set_lookup_key, set_state
from county.tx import writing
from demo.disclosure import DISCLOSED, group_of, household_sizes, powers_json
from demo.ledger import generate_ledger
from demo.projects import generate_projects
from demo.village import DEMO_LOOKUP_KEY, DemoVillage, generate_village, iter_profiles
from kiosk.identity import id_hash

# generate_village is re-exported: county/ reaches the demo package only through here.
__all__ = ["generate_village", "seed_demo", "seed_demo_disclosure", "write_cards"]


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
        projects = seed_projects(conn, v.township, v.village, [
            (p.code, p.name, [StageIn(s.stage, s.day, s.amount_fen, s.who, s.note,
                                      Voucher(s.image, s.image_sha256) if s.image else None)
                              for s in p.stages]) for p in generate_projects(v.today)], now=now)
        if payments and conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('payment', 'id'), "
                                 "(SELECT max(id) FROM payment))")
    return {"benefit_item": items, "household_member": members, "payment": payments,
            "notice": len(fresh), "ledger_entry": ledger, "village_project": projects}


def seed_demo_disclosure(engine: Engine, *, now: datetime,
                         village: DemoVillage | None = None) -> dict[str, int]:
    """The demo county's 村务公开 on top of :func:`seed_demo`: the 组 and household size of
    the demo payments, the items whose rolls are public (demo.disclosure.DISCLOSED) with
    their rolls as of the village's day, and the micro-power list. Returns rows added.

    Names come from the demo data in clear (a real county's come from its payee
    register, county/payees.py). Idempotent.
    """
    v = village or generate_village()
    people = {p.id_number: p for p in v.people}
    hashes = {p.id_number: id_hash(DEMO_LOOKUP_KEY, p.id_number) for p in v.people}
    sizes = household_sizes(v)
    household_items = {s.code for s in v.catalogue if s.scope == "household"}
    with writing(engine) as conn:
        conn.execute(update(Payment).where(Payment.id == bindparam("pid")).values(
            village_group=bindparam("g"), household_size=bindparam("n")), [
            {"pid": p.id, "g": group_of(people[p.id_number]),
             "n": sizes.get(p.household_id) if p.item_code in household_items else None}
            for p in v.payments])
        have = set(conn.execute(select(ItemDisclosure.item_code)).scalars())
        for code, (days, months) in DISCLOSED.items():
            if code not in have:
                conn.execute(insert(ItemDisclosure).values(
                    item_code=code, public=True, period_days=days, period_months=months,
                    updated_at=now))
        names = names_from((hashes[p.id_number], p.name) for p in v.people)
        rolls = refresh_rolls(conn, today=v.today, now=now, names=names).added
    powers = publish_powers(engine, powers_json(), now=now)
    return {"roll_entry": rolls, "power": powers["added"]}


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
