"""Migration 0002 (scope_move) on a county database holding data, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select

from county.db import create_county_engine, open_county_db
from county.models import Base, Payment
from county.payments import NewPayment, correct_places
from county.seed import seed_demo
from county.seq import current_seq
from county.tx import writing
from county_server.migration_steps import upgrade_to

NOW = datetime.now(UTC)


def test_upgrade_keeps_data_and_cursors(county_url: str) -> None:
    upgrade_to(county_url, "0001")
    old = create_county_engine(county_url)
    assert "scope_move" not in inspect(old).get_table_names()
    seed_demo(old, now=NOW)  # the demo county, written at schema 0001
    with old.connect() as conn:
        head = current_seq(conn)
        payments = conn.execute(select(Payment.id, Payment.seq, Payment.township)
                                .order_by(Payment.id)).all()
    old.dispose()
    assert payments and head

    engine = open_county_db(county_url)  # what `county serve` does: migrate to head
    try:
        with engine.connect() as conn:
            assert current_seq(conn) == head  # cursors handed out before stay valid
            assert conn.execute(select(Payment.id, Payment.seq, Payment.township)
                                .order_by(Payment.id)).all() == payments
            # The models and the migrated schema agree (types, indexes, constraints).
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert [d for d in diff if "scope_move" in repr(d)] == []
        indexes = {ix["name"] for ix in inspect(engine).get_indexes("scope_move")}
        assert "ix_scope_move_township_seq" in indexes
        # An old payment moves on the upgraded database: the move is logged.
        with writing(engine) as conn:
            row = conn.execute(select(Payment).limit(1)).one()
            moved = NewPayment(row.id_hash, row.household_id, row.item_code, row.period,
                               row.amount_fen, row.paid_on, township="兰里镇", village="兰里村")
            assert correct_places(conn, [moved], now=NOW, keys=[row.content_key]) == 1
            logged = conn.exec_driver_sql(
                "SELECT key, township, seq FROM scope_move").all()
            assert [(k, t) for k, t, _ in logged] == [(str(row.id), row.township)]
            assert logged[0][2] > head
            assert conn.execute(select(func.count()).select_from(Payment)
                                .where(Payment.township == "兰里镇")).scalar_one() == 1
    finally:
        engine.dispose()
