"""Migration 0004 on a county database holding pins, on SQLite and PostgreSQL.

Per-terminal pins (``terminal.pinned_release``, schema 0003) become pins of
published scopes without changing what any active terminal is offered, and
a downgrade writes them back per terminal.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from county.db import create_county_engine, open_county_db
from county.models import Base
from county.releases.models import ReleaseScope
from county.tx import writing
from county_server.migration_steps import downgrade_to, upgrade_to

NOW = datetime.now(UTC).replace(tzinfo=None)

# (id, township, revoked, pinned_release)
TERMINALS = [("T00001", "高村镇", False, "1.3.0"), ("T00002", "高村镇", False, "1.3.0"),
             ("T00003", "兰里镇", False, "1.3.0"), ("T00004", "兰里镇", False, None),
             ("T00005", "兰里镇", True, "1.3.0"), ("T00006", "兰里镇", False, "1.4.0")]
# (version, kind, target): 1.3.0 went to the county and was pinned to 高村镇.
SCOPES = [("1.3.0", "county", ""), ("1.3.0", "township", "高村镇"), ("1.4.0", "county", "")]


def _seed_at_0003(url: str) -> None:
    upgrade_to(url, "0003")
    engine = create_county_engine(url)
    with writing(engine) as conn:
        for version in ("1.3.0", "1.4.0"):
            conn.execute(text(
                "INSERT INTO release (version, channel, path, size, sha256, key_id, created_at,"
                " expires_at, published_at) VALUES (:v, 'stable', '/x', 1, :h, 'k', :n, :e, :n)"),
                {"v": version, "h": "0" * 64, "n": NOW, "e": NOW + timedelta(days=90)})
        for tid, township, revoked, pin in TERMINALS:
            conn.execute(text(
                "INSERT INTO terminal (id, township, village, scope, token_hash, enrolled_at,"
                " revoked_at, version, reader, printer, pinned_release) VALUES (:id, :t, '村',"
                " 'county', :tok, :n, :r, '', '', '', :p)"),
                {"id": tid, "t": township, "tok": tid * 8, "n": NOW,
                 "r": NOW if revoked else None, "p": pin})
        for version, kind, target in SCOPES:
            conn.execute(text("INSERT INTO release_scope (version, kind, target, added_at)"
                              " VALUES (:v, :k, :t, :n)"),
                         {"v": version, "k": kind, "t": target, "n": NOW})
    engine.dispose()


def test_pins_move_to_scopes_and_back(county_url: str) -> None:
    _seed_at_0003(county_url)
    engine = open_county_db(county_url)  # migrates to head
    try:
        with engine.connect() as conn:
            pinned = conn.execute(select(ReleaseScope.version, ReleaseScope.kind,
                                         ReleaseScope.target)
                                  .where(ReleaseScope.pinned_at.is_not(None))
                                  .order_by(ReleaseScope.id)).all()
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        # The township pin is the township's again; the others stay per terminal;
        # the revoked terminal's pin is gone; the county scopes stay unpinned.
        assert [tuple(p) for p in pinned] == [("1.3.0", "township", "高村镇"),
                                              ("1.3.0", "terminal", "T00003"),
                                              ("1.4.0", "terminal", "T00006")]
        assert [d for d in diff if "terminal" in repr(d) or "release" in repr(d)] == []
        columns = {c["name"] for c in inspect(engine).get_columns("terminal")}
        assert "pinned_release" not in columns and "update_result" in columns
    finally:
        engine.dispose()

    downgrade_to(county_url, "0003")
    engine = create_county_engine(county_url)
    try:
        with engine.connect() as conn:
            pins = conn.execute(text("SELECT id, pinned_release FROM terminal ORDER BY id")).all()
            scope_columns = {c["name"] for c in inspect(engine).get_columns("release_scope")}
    finally:
        engine.dispose()
    assert [tuple(p) for p in pins] == [("T00001", "1.3.0"), ("T00002", "1.3.0"),
                                        ("T00003", "1.3.0"), ("T00004", None),
                                        ("T00005", None), ("T00006", "1.4.0")]
    assert "pinned_at" not in scope_columns
