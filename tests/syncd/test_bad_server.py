"""A county that answers nonsense: the daemon names the problem, applies nothing, retries later.

A stub server on 127.0.0.1 answers ``changes`` with garbage JSON, a wrong
content type, a 10 MB body, a cursor going backwards, a cursor stuck while
``has_more``, or a page with one invalid record next to a valid one. The
cache (the demo village, cursor 100) must be untouched — the valid record of
the page included — and the villager's lookups keep working; once the server
answers properly again, the next cycle applies the page.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from demo.village import DEMO_LOOKUP_KEY
from kiosk.config import load_config
from kiosk.enrollment import Enrollment, save_enrollment
from kiosk.lookup import BenefitLookup
from kiosk.store import open_store, write_connection
from kiosk.store.models import Payment
from sync.daemon import SyncDaemon
from sync.state import read_status, update_state
from syncd.conftest import write_terminal

NOW = "2026-11-22T08:00:00+00:00"
GOOD_PAYMENT = {"id": 99_999_999, "id_hash": "ab" * 32, "item_code": "DIBAO",
                "amount_fen": 12_345, "paid_on": "2026-11-05", "updated_at": NOW}


def _page(**overrides: Any) -> dict[str, Any]:
    page: dict[str, Any] = {"payments": [GOOD_PAYMENT], "next_cursor": "120",
                            "has_more": False, "server_time": NOW}
    page.update(overrides)
    return page


def _snapshot(*records: dict[str, Any]) -> bytes:
    lines = [{"type": "header", "cursor": "120"},
             *({"type": "payment", "data": r} for r in records),
             {"type": "checkpoint", "resume": "s1.120.4.1"},
             {"type": "end", "cursor": "120", "records": len(records)}]
    return b"".join(json.dumps(line).encode() + b"\n" for line in lines)


class StubCounty(ThreadingHTTPServer):
    """Answers heartbeat and complaints properly, ``changes`` with ``self.changes`` and
    ``snapshot`` with ``self.snapshot`` (plain JSON lines)."""

    changes: tuple[int, str, bytes] = (200, "application/json", json.dumps(_page()).encode())
    snapshot: bytes = _snapshot(GOOD_PAYMENT)


class _Handler(BaseHTTPRequestHandler):
    server: StubCounty

    def log_message(self, *_args: object) -> None:  # keep pytest output clean
        pass

    def _answer(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/api/v1/changes"):
            self._answer(*self.server.changes)
        elif self.path.startswith("/api/v1/snapshot"):
            self._answer(200, "application/x-ndjson", self.server.snapshot)
        else:
            self._answer(404, "application/json", b'{"error":{"code":"x","message":"x"}}')

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = {"pending_actions": [], "settings_version": 0, "server_time": NOW}
        self._answer(200, "application/json", json.dumps(body).encode())


@pytest.fixture
def stub() -> Iterator[StubCounty]:
    server = StubCounty(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def cached(seeded_db: Path, stub: StubCounty, tmp_path: Path) -> Iterator[tuple[SyncDaemon,
                                                                                Engine]]:
    """A daemon on the demo cache at cursor 100, enrolled with the stub."""
    terminal = write_terminal(tmp_path / "t")
    config = load_config(terminal.config).with_db(seeded_db)
    save_enrollment(config.enrollment.file, Enrollment(
        "T09999", "token", DEMO_LOOKUP_KEY, f"http://127.0.0.1:{stub.server_address[1]}", "",
        datetime.now(UTC)))
    engine = open_store(seeded_db)
    with write_connection(engine) as conn:
        update_state(conn, cursor="100")
    yield SyncDaemon(config, engine), engine
    engine.dispose()


def _payments(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Payment)).scalar_one())


BAD = {
    "garbage_json": ((200, "application/json", b'{"payments": [{"id": 1,'),
                     "body is not JSON: Expecting"),
    "wrong_content_type": ((200, "text/html", json.dumps(_page()).encode()),
                           "expected application/json, got 'text/html'"),
    "ten_megabytes": ((200, "application/json",
                       json.dumps(_page()).encode() + b" " * (10 * 1024 * 1024)),
                      "is over the 8388608-byte limit"),
    "cursor_backwards": ((200, "application/json", json.dumps(_page(next_cursor="50")).encode()),
                         "cursor went backwards from 100 to 50"),
    "cursor_stuck": ((200, "application/json",
                      json.dumps(_page(next_cursor="100", has_more=True)).encode()),
                     "has_more but the cursor stayed at 100"),
    "invalid_record": ((200, "application/json", json.dumps(_page(payments=[
        GOOD_PAYMENT, {**GOOD_PAYMENT, "id": 99_999_998, "amount_fen": -5}])).encode()),
        "ChangesPage invalid: payments.1.amount_fen: Input should be greater than or equal"),
    "naive_timestamp": ((200, "application/json", json.dumps(_page(payments=[
        {**GOOD_PAYMENT, "updated_at": "2026-11-22T08:00:00"}])).encode()),
        "naive datetime in a synced record"),
    "bad_tombstone": ((200, "application/json", json.dumps(_page(
        tombstones=[{"entity": "payment", "key": "abc"}])).encode()),
        "tombstones.0: payment key is not an id"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_page_is_refused_whole_and_retried_later(
        case: str, stub: StubCounty, cached: tuple[SyncDaemon, Engine],
        caplog: pytest.LogCaptureFixture) -> None:
    daemon, engine = cached
    before = _payments(engine)
    stub.changes, message = BAD[case]
    with caplog.at_level(logging.WARNING, logger="sync"):
        report = daemon.run_once()
    assert not report.ok
    assert [e.code for e in report.errors] == ["sync.bad_response"]
    lines = [r.getMessage() for r in caplog.records if "step_failed" in r.getMessage()]
    assert len(lines) == 1 and "step=pull" in lines[0] and message in lines[0], lines
    status = read_status(engine)
    assert status.cursor == "100" and _payments(engine) == before
    assert status.last_error_code == "sync.bad_response" and message in (status.last_error or "")
    assert report.heartbeat is not None  # the rest of the cycle still ran
    # The villager's lookup still answers from the cache.
    assert BenefitLookup(engine, DEMO_LOOKUP_KEY).lookup("43122619560322079X").years

    stub.changes = (200, "application/json", json.dumps(_page()).encode())
    again = daemon.run_once()
    assert again.ok, again.errors
    assert read_status(engine).cursor == "120" and _payments(engine) == before + 1
    assert read_status(engine).last_error is None


def test_bad_snapshot_line_leaves_the_old_cache_whole(
        stub: StubCounty, cached: tuple[SyncDaemon, Engine]) -> None:
    daemon, engine = cached
    before = _payments(engine)
    with write_connection(engine) as conn:
        update_state(conn, cursor=None)  # as after a `resync`: the old data stays on screen
    stub.snapshot = _snapshot(GOOD_PAYMENT, {**GOOD_PAYMENT, "id": 7, "status": "stolen"})
    report = daemon.run_once()
    assert [e.code for e in report.errors] == ["sync.bad_response"]
    assert "snapshot line 3: payment.data.status: Input should be 'paid'" in str(report.errors[0])
    assert _payments(engine) == before and read_status(engine).cursor is None

    stub.snapshot = _snapshot(GOOD_PAYMENT)
    again = daemon.run_once()
    assert again.ok and again.snapshot, again.errors
    assert _payments(engine) == 1 and read_status(engine).cursor == "120"


# --- a newer county: unknown sections, fields and tombstone entities are skipped ---------------

def test_newer_page_applies_what_the_terminal_knows(
        stub: StubCounty, cached: tuple[SyncDaemon, Engine],
        caplog: pytest.LogCaptureFixture) -> None:
    daemon, engine = cached
    before = _payments(engine)
    newer = _page(payments=[{**GOOD_PAYMENT, "subsidy_kind": "cash"}],
                  village_projects=[{"id": 1, "name": "村道硬化"}],
                  tombstones=[{"entity": "village_project", "key": "3"}])
    stub.changes = (200, "application/json", json.dumps(newer).encode())
    with caplog.at_level(logging.INFO, logger="sync"):
        report = daemon.run_once()
    assert report.ok, report.errors
    assert read_status(engine).cursor == "120" and _payments(engine) == before + 1
    ignored = sorted(r.getMessage() for r in caplog.records
                     if "unknown_ignored" in r.getMessage())
    assert len(ignored) == 3, ignored
    assert 'what="changes section" names=village_projects' in ignored[0]
    assert 'what="payments field" names=subsidy_kind' in ignored[1]
    assert 'what="tombstone entity" names=village_project' in ignored[2]
    assert all(r.levelno == logging.INFO for r in caplog.records
               if "unknown_ignored" in r.getMessage())
    # Logged once, not on every poll.
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="sync"):
        assert daemon.run_once().ok
    assert not [r for r in caplog.records if "unknown_ignored" in r.getMessage()]


def test_newer_page_with_a_bad_known_record_is_still_refused(
        stub: StubCounty, cached: tuple[SyncDaemon, Engine]) -> None:
    daemon, engine = cached
    before = _payments(engine)
    newer = _page(payments=[{**GOOD_PAYMENT, "amount_fen": -1, "subsidy_kind": "cash"}],
                  village_projects=[{"id": 1}],
                  tombstones=[{"entity": "payment", "key": "abc"}])
    stub.changes = (200, "application/json", json.dumps(newer).encode())
    report = daemon.run_once()
    assert [e.code for e in report.errors] == ["sync.bad_response"]
    assert "payments.0.amount_fen" in str(report.errors[0])
    assert read_status(engine).cursor == "100" and _payments(engine) == before


def test_newer_snapshot_skips_unknown_sections_and_fields(
        stub: StubCounty, cached: tuple[SyncDaemon, Engine],
        caplog: pytest.LogCaptureFixture) -> None:
    daemon, engine = cached
    with write_connection(engine) as conn:
        update_state(conn, cursor=None)
    lines = [{"type": "header", "cursor": "120"},
             {"type": "payment", "data": {**GOOD_PAYMENT, "subsidy_kind_v9": "cash"}},
             {"type": "village_project_v9", "data": {"id": 1, "name": "村道硬化"}},
             {"type": "village_project_v9", "data": {"id": 2, "name": "水窖"}},
             {"type": "checkpoint", "resume": "s1.120.4.1"},
             {"type": "end", "cursor": "120", "records": 3}]
    stub.snapshot = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
    with caplog.at_level(logging.INFO, logger="sync"):
        report = daemon.run_once()
    assert report.ok and report.snapshot, report.errors
    assert _payments(engine) == 1 and read_status(engine).cursor == "120"
    ignored = sorted(r.getMessage() for r in caplog.records
                     if "unknown_ignored" in r.getMessage())
    assert len(ignored) == 2, ignored
    assert 'what="payment field" names=subsidy_kind_v9' in ignored[0]
    assert 'what="snapshot section" names=village_project_v9' in ignored[1]


def test_snapshot_line_of_a_bad_known_type_is_still_refused(
        stub: StubCounty, cached: tuple[SyncDaemon, Engine]) -> None:
    daemon, engine = cached
    with write_connection(engine) as conn:
        update_state(conn, cursor=None)
    lines = [{"type": "header", "cursor": "120"},
             {"type": "village_project_v9", "data": {"id": 1}},
             {"type": "notice", "data": {"id": 1, "title": "x"}},
             {"type": "end", "cursor": "120", "records": 2}]
    stub.snapshot = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
    report = daemon.run_once()
    assert [e.code for e in report.errors] == ["sync.bad_response"]
    assert "snapshot line 3: notice.data.kind: Field required" in str(report.errors[0])
    assert read_status(engine).cursor is None
