"""Migration 0201 (complaint workflow) on a county database holding complaints, on SQLite
and PostgreSQL: old complaints get a status, level, township and deadline; the schema
matches the models; a downgrade goes back (and refuses to drop staff-registered ones)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from county.complaint_flow.service import register
from county.complaints import list_complaints
from county.db import create_county_engine, open_county_db
from county.models import Base
from county.tx import writing
from county_server.migration_steps import downgrade_to, upgrade_to

NOW = datetime(2026, 11, 1, 2, 0)


def _seed_at_0007(url: str) -> None:
    upgrade_to(url, "0007")
    engine = create_county_engine(url)
    with writing(engine) as conn:
        conn.execute(text(
            "INSERT INTO terminal (id, township, village, scope, token_hash, enrolled_at, "
            "version, reader, printer) VALUES ('T00001', '石桥乡', '河湾村', 'county', 'x', :n, "
            "'', '', '')"), {"n": NOW})
        for n, replied in ((1, False), (2, True)):
            conn.execute(text(
                "INSERT INTO complaint (terminal_id, idempotency_key, body_sha256, ticket_no, "
                "category, text, anonymous, created_at, received_at, reply_text, reply_at, seq)"
                " VALUES ('T00001', :k, 'h', :t, 'other', '内容', true, :n, :n, :r, :ra, :s)"),
                {"k": f"key-{n:06d}", "t": f"T00001-00000{n}", "n": NOW,
                 "r": "已答复" if replied else None, "ra": NOW if replied else None,
                 "s": n if replied else None})
    engine.dispose()


def test_old_complaints_join_the_workflow_and_back(county_url: str) -> None:
    _seed_at_0007(county_url)
    engine = open_county_db(county_url)  # migrates to head
    try:
        old = {c.ticket_no: c for c in list_complaints(engine)}
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        received = NOW.replace(tzinfo=UTC)
        assert [(c.status, c.level, c.channel, c.township, c.village, c.due_at)
                for c in old.values()] == [
            ("new", "township", "kiosk", "石桥乡", "河湾村", received + timedelta(days=15)),
            ("replied", "township", "kiosk", "石桥乡", "河湾村", received + timedelta(days=60))]
        assert [d for d in diff if "complaint" in repr(d)] == []
        register(engine, channel="visit", category="other", text="来访", township="石桥乡",
                 actor="insp1", now=datetime.now(UTC))
    finally:
        engine.dispose()
    with pytest.raises(RuntimeError, match="cannot go back before revision 0201"):
        downgrade_to(county_url, "0007")
    engine = create_county_engine(county_url)
    with writing(engine) as conn:
        conn.execute(text("DELETE FROM complaint_history"))
        conn.execute(text("DELETE FROM complaint WHERE terminal_id IS NULL"))
    engine.dispose()
    downgrade_to(county_url, "0007")
    engine = create_county_engine(county_url)
    try:
        with engine.connect() as conn:
            count = conn.execute(text("SELECT count(*) FROM complaint")).scalar_one()
            tables = set(conn.dialect.get_table_names(conn))
    finally:
        engine.dispose()
    assert count == 2 and "complaint_history" not in tables
