"""county.bulk: the fast lookups and inserts of big imports, on SQLite and PostgreSQL.

On PostgreSQL payments go in by COPY; a COPY that meets a payment stored
meanwhile (a concurrent import of the same file) must fall back and still
store every payment once. The lookups come in chunks: a list longer than a
chunk must be covered whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, func, select

from county.db import open_county_db
from county.models import Payment
from county.payments import NewPayment, content_key, existing_keys, write_payments
from county.tx import writing

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
def engine(county_url: str) -> Iterator[Engine]:
    engine = open_county_db(county_url)
    yield engine
    engine.dispose()


def _payment(n: int, fen: int = 38000) -> NewPayment:
    return NewPayment(f"{n:064x}", "", "DIBAO", "2025年4月", fen, date(2025, 4, 15),
                      department="县民政局", fund_source="中央财政")


def _stored(engine: Engine) -> list[tuple[str, int, int, datetime]]:
    with engine.connect() as conn:
        return [(r.id_hash, r.amount_fen, r.seq, r.updated_at) for r in conn.execute(
            select(Payment.id_hash, Payment.amount_fen, Payment.seq, Payment.updated_at)
            .order_by(Payment.id_hash))]


def test_a_payment_stored_meanwhile_is_skipped_not_doubled(engine: Engine) -> None:
    first = _payment(1)
    with writing(engine) as conn:
        assert write_payments(conn, [first], now=NOW) == 1
    before = _stored(engine)
    # The caller believed both unstored (it looked before another import committed).
    later = datetime(2026, 11, 21, tzinfo=UTC)
    with writing(engine) as conn:
        write_payments(conn, [first, _payment(2, 76000)], now=later, unstored=True)
    after = _stored(engine)
    assert len(after) == 2
    assert after[0] == before[0]  # the stored one untouched
    assert after[1][:2] == (f"{2:064x}", 76000) and after[1][3] == later  # UTC kept


def test_lookups_cover_lists_longer_than_a_chunk(engine: Engine) -> None:
    stored = [_payment(n) for n in range(0, 120_000, 997)]
    with writing(engine) as conn:
        write_payments(conn, stored, now=NOW)
        assert conn.execute(select(func.count()).select_from(Payment)).scalar_one() == \
            len(stored)
    asked = [content_key(_payment(n)) for n in range(120_000)]
    with engine.connect() as conn:
        assert existing_keys(conn, asked) == {content_key(p) for p in stored}
