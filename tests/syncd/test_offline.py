"""A week offline, then a flaky link: 500 complaints reach the county exactly once, in order.

The real `kiosk syncd` runs the whole time, talking to the real county server
through the fault proxy. First the link is down (connections refused or
black-holed) while the villagers file 500 complaints (their filing times are
spread over seven days: time is simulated, the daemon's backoff reaches its
cap within seconds); the cache keeps answering lookups. Then the link comes
back flaky (cut, reset and stalled answers, 502s) while the county keeps
changing: every complaint arrives once and in order, the county's replies
come back, and the cache converges to the county's rows.
"""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from county_server.live import LiveServer
from sqlalchemy import Engine, Select, func, select, update

from county.complaint_flow.service import act
from county.complaint_flow.states import Action
from county.complaints import list_complaints
from county.models import ChangeCounter as CountySeq
from demo.village import DEMO_LOOKUP_KEY
from kiosk.complaints import ComplaintDraft, Reason, file_complaint
from kiosk.config import load_config
from kiosk.lookup import BenefitLookup
from kiosk.store import open_store
from kiosk.store.models import Complaint, SyncState
from sync.enroll import enroll_terminal
from syncd.compare import assert_same, county_rows, terminal_rows
from syncd.conftest import enrollment_code, write_terminal
from syncd.faultproxy import FaultProxy
from syncd.mutate import churn

COMPLAINTS = 500
DEMO_PERSON = "43122619560322079X"  # 龙德贵 in the demo village


def _wait(what: str, condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def _scalar(engine: Engine, query: Select[Any]) -> int:
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


@pytest.mark.slow
def test_week_offline_then_flaky_link(county: LiveServer, county_engine: Engine,
                                      tmp_path: Path) -> None:
    rng = random.Random(7)
    terminal = write_terminal(tmp_path / "t", connect_timeout_s=1.0, read_timeout_s=1.0,
                              page_limit=200, heartbeat_interval_s=1)
    engine = open_store(terminal.db)
    with FaultProxy(county.port, seed=11, stall_s=2.5) as proxy:
        terminal_id = enroll_terminal(load_config(terminal.config), engine,
                                      enrollment_code(county_engine), proxy.url).terminal_id
        daemon = terminal.start_daemon()
        try:
            _wait("the first snapshot", lambda: _scalar(
                engine, select(func.count()).select_from(SyncState)
                .where(SyncState.cursor.is_not(None))) == 1, 120)

            proxy.set_faults(refuse=1, blackhole=1)  # the 4G link is gone,
            proxy.sever()  # for the connection the daemon keeps alive as well
            week_ago = datetime.now(UTC) - timedelta(days=7)
            tickets = []
            for i in range(COMPLAINTS):
                filed = file_complaint(engine, ComplaintDraft(
                    Reason.NOT_RECEIVED if i % 3 else Reason.WRONG_AMOUNT,
                    text=f"第{i}件投诉", anonymous=i % 5 != 0,
                    id_hash=None if i % 5 else "cd" * 32, name=None if i % 5 else "龙德贵"),
                    terminal_code="QS01")
                tickets.append(filed.ticket_no)
                with engine.begin() as conn:  # filed over seven days, not in one minute
                    conn.execute(update(Complaint).where(Complaint.id == filed.id).values(
                        created_at=week_ago + timedelta(minutes=20 * i)))
            # Both ways of being down must have been met (the faults are drawn per
            # connection, and how many connections the daemon makes meanwhile depends
            # on the machine's speed: a few could all be drawn the same).
            _wait("failed deliveries to pile up, refused and black-holed", lambda: _scalar(
                engine, select(Complaint.attempts).order_by(Complaint.id).limit(1)) >= 3
                and proxy.counts["refuse"] > 0 and proxy.counts["blackhole"] > 0, 120)
            assert _scalar(engine, select(func.count()).select_from(Complaint)
                           .where(Complaint.delivery == "pending")) == COMPLAINTS
            # The UI keeps answering from the cache while the link is down.
            result = BenefitLookup(engine, DEMO_LOOKUP_KEY).lookup(DEMO_PERSON)
            assert result is not None and result.years

            proxy.pass_bytes, proxy.cut_bytes = (2_000, 20_000), (1, 4_000)
            proxy.set_faults(pass_=3, drop=1, reset=1, bad_gateway=1, stall=1)
            churn(county_engine, rng, payments=500)
            _wait("the outbox to drain", lambda: _scalar(
                engine, select(func.count()).select_from(Complaint)
                .where(Complaint.delivery != "sent")) == 0, 300)
            stored = list_complaints(county_engine, terminal_id=terminal_id)
            assert [c.ticket_no for c in stored] == tickets  # exactly once, in order
            assert [c.created_at for c in stored] == sorted(c.created_at for c in stored)

            now = datetime.now(UTC)
            for c in stored:
                act(county_engine, c.server_id, Action.ASSIGN, actor="insp1",
                    assignee="高村镇监督组", now=now)
                act(county_engine, c.server_id, Action.REPLY, actor="insp1",
                    text=f"已受理 {c.ticket_no}", now=now)
            churn(county_engine, rng, payments=300)
            _wait("the replies", lambda: _scalar(
                engine, select(func.count()).select_from(Complaint)
                .where(Complaint.reply_text.is_not(None))) == COMPLAINTS, 300)

            proxy.set_faults(pass_=1)
            proxy.pass_bytes = None
            head = _scalar(county_engine, select(func.max(CountySeq.value)))
            _wait("the cache to catch up", lambda: _scalar(
                engine, select(func.count()).select_from(SyncState)
                .where(SyncState.cursor == str(head))) == 1, 120)
            assert_same(county_rows(county_engine, terminal_id), terminal_rows(engine))
            # The clerk's "sync now" while the service runs: waits its turn, succeeds.
            now_run = terminal.run("syncd", "--once")
            assert now_run.returncode == 0, now_run.stderr[-2000:]
            for fault in ("drop", "reset", "bad_gateway", "stall", "refuse", "blackhole"):
                assert proxy.counts[fault] > 0, proxy.counts
        finally:
            daemon.send_signal(signal.SIGTERM)
            code = daemon.wait(timeout=30)
            engine.dispose()
    assert code == 0
    log = (terminal.dir / "syncd.log").read_text(encoding="utf-8")
    assert "event=complaint_deferred" in log and "event=syncd_stopped" in log
    assert "龙德贵" not in log and "投诉" not in log  # no personal data in the logs
