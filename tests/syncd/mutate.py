"""Changing the county the ways departments and the county IT staff do, for the tests."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

from sqlalchemy import Engine, select, update

from county.models import HouseholdMember as CMember
from county.models import Notice as CNotice
from county.models import Payment as CPayment
from county.notices import add_notice, retire_notice
from county.payments import NewPayment, write_payments
from county.seq import take_seqs
from county.settings import set_setting
from county.tx import writing


def add_payments(engine: Engine, rng: random.Random, count: int) -> None:
    """``count`` new payments to existing people (one county transaction)."""
    now = datetime.now(UTC)
    with writing(engine) as conn:
        people = conn.execute(select(CMember.id_hash, CMember.household_id)
                              .order_by(CMember.id_hash).limit(200)).all()
        write_payments(conn, [
            NewPayment(p.id_hash, p.household_id, "DIBAO", f"T{rng.randrange(10**9)}",
                       rng.randrange(1, 100_000), date(2026, 1 + rng.randrange(10), 5),
                       department="民政局", township="高村镇", village="青山村")
            for p in rng.choices(people, k=count)], now=now)


def delete_payments(engine: Engine, rng: random.Random, count: int) -> None:
    """Soft-delete ``count`` live payments (they reach terminals as tombstones)."""
    now = datetime.now(UTC)
    with writing(engine) as conn:
        ids = list(conn.execute(select(CPayment.id).where(CPayment.deleted.is_(False))
                                .order_by(CPayment.id).limit(3000)).scalars())
        doomed = rng.sample(ids, min(count, len(ids)))
        first = take_seqs(conn, len(doomed))
        for i, payment_id in enumerate(doomed):
            conn.execute(update(CPayment).where(CPayment.id == payment_id)
                         .values(deleted=True, seq=first + i, updated_at=now))


def churn(engine: Engine, rng: random.Random, *, payments: int = 300) -> None:
    """One round of everything: payments added and deleted, notices, a setting."""
    now = datetime.now(UTC)
    add_payments(engine, rng, payments)
    delete_payments(engine, rng, max(1, payments // 10))
    add_notice(engine, kind="村务公开", title=f"第{rng.randrange(1000)}号公示", body="正文",
               scope="village", township="高村镇", village="青山村",
               published_on=date(2026, 11, 1), now=now)
    with engine.connect() as conn:
        live = list(conn.execute(select(CNotice.id).where(CNotice.deleted.is_(False))
                                 .order_by(CNotice.id)).scalars())
    if len(live) > 4:
        retire_notice(engine, rng.choice(live), now=now)
    set_setting(engine, "ui.idle_seconds", str(rng.randrange(30, 300)), now=now)
