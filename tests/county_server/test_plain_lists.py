"""The command line's plain listings (county/plain_lists.py, sqlite3 / psycopg, no SQLAlchemy)
return what the SQLAlchemy listings return, on SQLite and PostgreSQL (start-up, issue 20)."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, update

from county import plain_lists
from county.catalogue import list_items
from county.complaint_flow.service import act, histories, register
from county.complaint_flow.states import Action
from county.complaints import list_complaints
from county.console.accounts import add_user, disable_user, list_users
from county.console.models import ConsoleUser
from county.corrections import list_batches
from county.db import open_county_db
from county.models import ImportBatch, Terminal
from county.notices import add_notice, list_notices, retire_notice
from county.plainread import PlainDb, open_plain
from county.releases import list_releases
from county.releases.models import Release, ReleaseScope
from county.settings import list_settings, set_setting
from county.terminals import fleet

NOW = datetime(2026, 11, 20, 8, 30, 15, 123456, tzinfo=UTC)


def _terminal(id_: str, **values: object) -> dict[str, object]:
    return {"id": id_, "township": "高村镇", "village": "青山村", "scope": "county",
            "token_hash": id_.ljust(64, "0"), "enrolled_at": NOW - timedelta(days=30),
            "version": "", "reader": "", "printer": "", **values}


@pytest.fixture
def filled(seeded_url: str) -> Iterator[Engine]:
    """The demo county with a row of every kind each listing shows, odd values included."""
    engine = open_county_db(seeded_url)
    add_notice(engine, kind="公示", title="撤下的公示 50% <b>", body="", scope="village",
               township="高村镇", village="青山村", published_on=date(2026, 11, 1),
               expires_on=date(2026, 11, 30), now=NOW)
    retire_notice(engine, max(n.id for n in list_notices(engine)), now=NOW)
    set_setting(engine, "ui.idle_seconds", "90", now=NOW)
    set_setting(engine, "ui.idle_seconds", "120", scope="village:高村镇/青山村", now=NOW)
    for name, role, extra in (("王IT", "it", {}), ("高村镇组", "township", {"township": "高村镇"}),
                              ("民政", "department", {"department": "县民政局"})):
        add_user(engine, name, role=role, password="long enough pass", now=NOW, actor="test",
                 **extra)
    disable_user(engine, "民政", actor="test", now=NOW)
    people: tuple[tuple[str, str | None], ...] = (("hotline", "张三"), ("letter", None),
                                                  ("visit", "李四"))
    for i, (channel, person) in enumerate(people):
        filed = register(engine, channel=channel, category="other", township="高村镇",
                         village="青山村", name=person, phone="13800000000" if person else None,
                         text=f"第{i}件 身份证 43122619560322079X 50%", about_official=i == 2,
                         actor="clerk", now=NOW - timedelta(days=3 - i))
        if i < 2:
            act(engine, filed.server_id, Action.ASSIGN, actor="chief", assignee="高村镇",
                now=NOW - timedelta(days=2))
        if i == 0:
            act(engine, filed.server_id, Action.REPLY, actor="chief", text="已核实", now=NOW)
    with engine.begin() as conn:
        conn.execute(update(ConsoleUser).where(ConsoleUser.name == "高村镇组")
                     .values(locked_until=NOW + timedelta(minutes=15), failed_logins=5))
        for row in [
            _terminal("T0001"),  # never beat
            _terminal("T0002", last_heartbeat_at=NOW - timedelta(minutes=5), version="1.4.0",
                      cursor="3", outbox_depth=2, reader="pcsc", printer="usb",
                      disk_free_bytes=5 * 2**30, update_version="1.4.0",
                      update_from_version="1.3.2", update_result="installed",
                      update_code="", update_message="", update_finished_at=NOW,
                      installed_versions=json.dumps(["1.3.2", "1.4.0"]), person_keys=True),
            _terminal("T0003", last_heartbeat_at=NOW - timedelta(days=2), cursor="not a seq",
                      revoked_at=NOW - timedelta(days=1), update_version="1.5.0",
                      update_result="failed", update_code="update.health",
                      update_message="健康检查失败", installed_versions="{broken"),
        ]:
            conn.execute(insert(Terminal).values(row))
        for row in [
            {"file_name": "民政局 2026-10.xlsx", "file_sha256": "a" * 64, "rows_total": 10,
             "rows_new": 8, "rows_rejected": 2, "imported_at": NOW - timedelta(days=3),
             "rows_superseded": 1, "imported_by": "clerk"},
            {"file_name": "b.csv", "file_sha256": "b" * 64, "rows_total": 1, "rows_new": 1,
             "imported_at": NOW - timedelta(days=2), "imported_by": "clerk",
             "reverted_at": NOW - timedelta(days=1), "reverted_by": "chief",
             "revert_reason": "错表"},
        ]:
            conn.execute(insert(ImportBatch).values(row))
        for version, withdrawn in (("1.3.2", None), ("1.4.0", None), ("1.10.0", NOW)):
            conn.execute(insert(Release).values(
                version=version, channel="stable", path=f"/srv/releases/{version}.tar",
                size=3 * 2**20, sha256="c" * 64, key_id="k1", created_at=NOW,
                expires_at=NOW + timedelta(days=90), published_at=NOW, withdrawn_at=withdrawn))
        for version, kind, target, pinned in (
                ("1.3.2", "county", "", None),
                ("1.4.0", "township", "高村镇", NOW - timedelta(hours=2)),
                ("1.3.2", "terminal", "T0002", NOW - timedelta(hours=1)),  # later: wins
                ("1.10.0", "terminal", "T0001", NOW),  # withdrawn: no pin
                ("1.4.0", "township", "低村镇", NOW)):
            conn.execute(insert(ReleaseScope).values(version=version, kind=kind, target=target,
                                                     added_at=NOW, pinned_at=pinned))
    yield engine
    engine.dispose()


@pytest.fixture
def plain(filled: Engine, seeded_url: str) -> Iterator[PlainDb]:
    db = open_plain(seeded_url)
    assert db is not None  # migrated and stocked: read without SQLAlchemy
    yield db
    db.close()


def test_plain_listings_equal_the_sqlalchemy_ones(filled: Engine, plain: PlainDb) -> None:
    items = plain_lists.list_items(plain)
    assert items and items == list_items(filled)
    for retired in (False, True):
        notices = plain_lists.list_notices(plain, include_retired=retired)
        assert notices == list_notices(filled, include_retired=retired)
        assert any(n.retired for n in notices) is retired
    settings = plain_lists.list_settings(plain)
    assert len(settings) == 2 and settings == list_settings(filled)
    for silent in (timedelta(hours=1), timedelta(days=3)):
        rows = plain_lists.fleet(plain, now=NOW, silent_after=silent)
        assert rows == fleet(filled, now=NOW, silent_after=silent)
    rows = plain_lists.fleet(plain, now=NOW, silent_after=timedelta(hours=1))
    assert [r.terminal_id for r in rows] == ["T0001", "T0002", "T0003"]
    assert rows[1].last_update is not None and rows[1].last_update.installed == ("1.3.2",
                                                                                 "1.4.0")
    assert rows[1].last_heartbeat_at == NOW - timedelta(minutes=5)  # microseconds, UTC
    batches = plain_lists.list_batches(plain)
    assert len(batches) == 2 and batches == list_batches(filled)
    for unreplied in (False, True):
        complaints = plain_lists.list_complaints(plain, unreplied=unreplied)
        assert complaints == list(list_complaints(filled, unreplied=unreplied))
        assert len(complaints) == (2 if unreplied else 3)
        assert all("43122619560322079X" not in c.text for c in complaints)  # masked
    assert plain_lists.list_complaints(plain, terminal_id="T0002") == []
    ids = [int(c.server_id[1:]) for c in complaints]
    steps = plain_lists.complaint_histories(plain, ids)
    assert steps == histories(filled, ids) and [len(steps[i]) for i in ids] == [2, 1]
    users = plain_lists.list_users(plain)
    assert users == list_users(filled)
    assert {u.name: (u.disabled, u.locked(NOW)) for u in users} == {
        "王IT": (False, False), "民政": (True, False), "高村镇组": (False, True)}
    releases = plain_lists.list_releases(plain)
    assert releases == list_releases(filled)
    assert [(r.version, r.pinned_terminals, r.running, r.failed) for r in releases] == [
        ("1.10.0", (), 0, 0), ("1.4.0", ("T0001",), 1, 0), ("1.3.2", ("T0002",), 0, 0)]


def test_a_database_not_at_head_is_not_read_plainly(seeded_url: str) -> None:
    engine = open_county_db(seeded_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0007'")
    engine.dispose()
    assert open_plain(seeded_url) is None


def test_urls_left_to_sqlalchemy(tmp_path: Path) -> None:
    for url in ("sqlite://", "sqlite:///:memory:", f"sqlite:///{tmp_path}/missing.db",
                "mysql://x@localhost/db"):
        assert open_plain(url) is None


def test_a_database_others_may_read_is_tightened_first(tmp_path: Path) -> None:
    # county.db makes an existing file owner-only (issue 14); a listing opens it that way
    # first, then reads it plainly.
    path = tmp_path / "county.db"
    open_county_db(f"sqlite:///{path}").dispose()
    path.chmod(0o644)
    assert open_plain(f"sqlite:///{path}") is None
    code = subprocess.run([sys.executable, "-m", "county.cli", "item", "list", "--db",
                           f"sqlite:///{path}"], stdout=subprocess.DEVNULL, timeout=120).returncode
    assert code == 0 and stat.S_IMODE(path.stat().st_mode) == 0o600
    db = open_plain(f"sqlite:///{path}")
    assert db is not None
    db.close()
