"""`kiosk enroll`, `kiosk syncd --once`, `kiosk sync status` against the real county server."""

from __future__ import annotations

import base64
import json
import random
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from county_server.live import LiveServer
from sqlalchemy import Engine, select, update

from county.complaint_flow.service import act
from county.complaint_flow.states import Action
from county.complaints import ComplaintLimits, list_complaints
from county.terminals import fleet, revoke
from kiosk.complaints import ComplaintDraft, Reason, file_complaint
from kiosk.devices import read_device_states, record_device_state
from kiosk.enrollment import load_enrollment
from kiosk.store import open_store
from kiosk.store.models import Complaint
from kiosk.store.stats import read_sync_state
from sync.cli import status_json
from sync.state import read_status
from syncd.compare import assert_same, county_rows, terminal_rows
from syncd.conftest import Terminal, enrollment_code, write_terminal
from syncd.enroll import enroll
from syncd.faultproxy import FaultProxy
from syncd.mutate import churn


def _status(terminal: Terminal) -> dict[str, object]:
    store = open_store(terminal.db)
    try:
        return status_json(read_status(store), now=datetime.now(UTC))
    finally:
        store.dispose()


def test_enroll_stores_credentials_privately(county: LiveServer, county_engine: Engine,
                                             terminal: Terminal) -> None:
    result = terminal.run("enroll", enrollment_code(county_engine), "--server",
                          county.url + "/", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["terminal_id"] == "T00001"
    assert stat.S_IMODE(terminal.enrollment.stat().st_mode) == 0o600
    enrollment = load_enrollment(terminal.enrollment)
    assert enrollment.server_url == county.url
    assert len(enrollment.lookup_key) >= 16 and enrollment.token
    assert enrollment.token not in result.stdout + result.stderr
    again = terminal.run("enroll", "ABCDE-FGHJK", "--server", county.url)
    assert again.returncode == 1
    assert "enroll.invalid_code" in again.stderr
    assert load_enrollment(terminal.enrollment).token == enrollment.token  # kept


def test_once_loads_snapshot_then_pages_and_converges(county: LiveServer, county_engine: Engine,
                                                      tmp_path: Path) -> None:
    terminal = write_terminal(tmp_path / "small-pages", page_limit=200)
    terminal_id = enroll(terminal, county_engine, county.url)
    first = terminal.run("syncd", "--once")
    assert first.returncode == 0, first.stderr[-2000:]
    assert "event=snapshot_applied" in first.stderr
    engine = open_store(terminal.db)
    try:
        assert_same(county_rows(county_engine, terminal_id), terminal_rows(engine))
        rng = random.Random(7)
        for _ in range(3):
            churn(county_engine, rng, payments=400)
        second_started = time.time()
        second = terminal.run("syncd", "--once")
        assert second.returncode == 0, second.stderr[-2000:]
        assert "event=snapshot_applied" not in second.stderr
        assert second.stderr.count("event=page_applied") >= 2  # 200-record pages
        assert_same(county_rows(county_engine, terminal_id), terminal_rows(engine))
    finally:
        engine.dispose()
    cli = terminal.run("sync", "status", "--json")
    assert cli.returncode == 0, cli.stderr
    status = json.loads(cli.stdout)
    assert status["cursor"] == str(max(int(str(status["cursor"])), 1))
    assert status["last_error"] is None and status["outbox_depth"] == 0
    assert status["settings_version"] is not None and status["last_heartbeat_at"]
    # The last success was in the second run: no longer ago than that run started
    # (however slow the machine; 1 s for rounding and clock steps).
    lag = status["lag_s"]
    assert isinstance(lag, float) and 0 <= lag <= time.time() - second_started + 1, lag


def test_outbox_reaches_county_in_order_and_replies_come_back(
        county: LiveServer, county_engine: Engine, terminal: Terminal) -> None:
    terminal_id = enroll(terminal, county_engine, county.url)
    engine = open_store(terminal.db)
    try:
        tickets = [file_complaint(engine, ComplaintDraft(Reason.NOT_RECEIVED, text=f"第{i}件",
                                                         anonymous=i % 2 == 0,
                                                         id_hash=None if i % 2 == 0
                                                         else "ab" * 32, name="张三"),
                                  terminal_code="QS01").ticket_no for i in range(6)]
        assert terminal.run("syncd", "--once").returncode == 0
        stored = list_complaints(county_engine, terminal_id=terminal_id)
        assert [c.ticket_no for c in stored] == tickets
        assert [c.name for c in stored] == [None, "张三"] * 3
        for c in stored:
            act(county_engine, c.server_id, Action.ASSIGN, actor="insp1", assignee="高村镇监督组",
                now=datetime.now(UTC))
            act(county_engine, c.server_id, Action.REPLY, actor="insp1",
                text=f"已核实 {c.ticket_no}", now=datetime.now(UTC))
        assert terminal.run("syncd", "--once").returncode == 0
        with engine.connect() as conn:
            rows = conn.execute(select(Complaint.ticket_no, Complaint.delivery,
                                       Complaint.server_id, Complaint.reply_text)
                                .order_by(Complaint.id)).all()
    finally:
        engine.dispose()
    assert [r.delivery for r in rows] == ["sent"] * 6
    assert [r.server_id for r in rows] == [c.server_id for c in stored]
    assert [r.reply_text for r in rows] == [f"已核实 {t}" for t in tickets]
    assert len(list_complaints(county_engine, terminal_id=terminal_id)) == 6


def test_refused_complaint_is_marked_rejected_and_the_rest_still_go(
        county: LiveServer, county_engine: Engine, terminal: Terminal) -> None:
    enroll(terminal, county_engine, county.url)
    engine = open_store(terminal.db)
    try:
        first = file_complaint(engine, ComplaintDraft(Reason.OTHER, text="原文"),
                               terminal_code="QS01")
        assert terminal.run("syncd", "--once").returncode == 0
        # The same idempotency key with another body: the county answers 409.
        with engine.begin() as conn:
            conn.execute(update(Complaint).where(Complaint.id == first.id)
                         .values(text="改过的", delivery="pending"))
        second = file_complaint(engine, ComplaintDraft(Reason.CONDUCT, text="后一件"),
                                terminal_code="QS01")
        result = terminal.run("syncd", "--once")
        assert result.returncode == 0, result.stderr[-2000:]
        assert "event=complaint_rejected" in result.stderr and "complaint.key_reused" in \
            result.stderr
        with engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(select(Complaint))}
        assert rows[first.id].delivery == "rejected"
        assert "complaint.key_reused" in (rows[first.id].last_error or "")
        assert rows[second.id].delivery == "sent"
        status = _status(terminal)
        assert status["outbox_rejected"] == 1 and status["outbox_depth"] == 0
        # Never retried: another cycle leaves it alone.
        again = terminal.run("syncd", "--once")
        assert "complaint_rejected" not in again.stderr
    finally:
        engine.dispose()


def test_complaints_beyond_the_county_cap_stay_pending_and_go_later(
        county_engine: Engine, terminal: Terminal) -> None:
    with LiveServer(county_engine, complaint_limits=ComplaintLimits(per_hour=2)) as capped:
        terminal_id = enroll(terminal, county_engine, capped.url)
        engine = open_store(terminal.db)
        try:
            filed = [file_complaint(engine, ComplaintDraft(Reason.OTHER, text=f"第{i}件"),
                                    terminal_code="QS01") for i in range(4)]
            result = terminal.run("syncd", "--once")
            assert "complaint.rate_limited" in result.stderr
            with engine.connect() as conn:
                rows = {r.id: r for r in conn.execute(select(Complaint))}
        finally:
            engine.dispose()
    assert [rows[f.id].delivery for f in filed] == ["sent", "sent", "pending", "pending"]
    assert "complaint.rate_limited" in (rows[filed[2].id].last_error or "")
    assert rows[filed[2].id].next_try_at is not None  # not before the county's Retry-After
    status = _status(terminal)
    assert status["outbox_depth"] == 2 and status["outbox_rejected"] == 0
    assert status["last_error_code"] == "complaint.rate_limited"
    store = open_store(terminal.db)
    try:  # what the clerk screen reads
        assert read_sync_state(store).last_error_code == "complaint.rate_limited"
    finally:
        store.dispose()
    assert len(list_complaints(county_engine, terminal_id=terminal_id)) == 2


def test_revoked_terminal_stops_and_tells_the_clerk(county: LiveServer, county_engine: Engine,
                                                    terminal: Terminal) -> None:
    terminal_id = enroll(terminal, county_engine, county.url)
    assert terminal.run("syncd", "--once").returncode == 0
    assert revoke(county_engine, terminal_id, now=datetime.now(UTC))
    result = terminal.run("syncd", "--once")
    assert result.returncode == 1
    assert "/api/v1/complaints" not in result.stderr, "nothing is tried after the 401"
    assert "/api/v1/heartbeat" not in result.stderr
    status = _status(terminal)
    assert status["revoked"] is True and status["last_error_code"] == "sync.revoked"
    assert "re-enroll" in str(status["last_error"])
    assert enroll(terminal, county_engine, county.url) == "T00002"
    assert _status(terminal)["revoked"] is False
    assert terminal.run("syncd", "--once").returncode == 0


def test_lookup_key_never_leaves_the_terminal(county: LiveServer, county_engine: Engine,
                                              terminal: Terminal) -> None:
    with FaultProxy(county.port) as proxy:
        enroll(terminal, county_engine, proxy.url)
        engine = open_store(terminal.db)
        try:
            file_complaint(engine, ComplaintDraft(Reason.OTHER, text="x"), terminal_code="QS01")
        finally:
            engine.dispose()
        assert terminal.run("syncd", "--once").returncode == 0
        key = load_enrollment(terminal.enrollment).lookup_key
        sent = bytes(proxy.client_bytes)
    assert b"/api/v1/heartbeat" in sent and b"/api/v1/complaints" in sent
    for form in (key, base64.b64encode(key), key.hex().encode()):
        assert form not in sent


def test_heartbeat_reports_the_devices_the_kiosk_recorded(county: LiveServer,
                                                          county_engine: Engine,
                                                          tmp_path: Path) -> None:
    terminal = write_terminal(tmp_path / "devices")
    terminal_id = enroll(terminal, county_engine, county.url)
    engine = open_store(terminal.db)
    try:
        assert read_device_states(engine) == {"reader": "unknown", "printer": "unknown"}
        record_device_state(engine, "reader", "ready")
        record_device_state(engine, "printer", "paper_near_end")
        record_device_state(engine, "printer", "paper_out")  # the latest state wins
    finally:
        engine.dispose()
    result = terminal.run("syncd", "--once")
    assert result.returncode == 0, result.stderr[-2000:]
    rows = {row.terminal_id: row for row in fleet(county_engine, now=datetime.now(UTC),
                                                   silent_after=timedelta(hours=6))}
    assert (rows[terminal_id].reader, rows[terminal_id].printer) == ("ready", "paper_out")
