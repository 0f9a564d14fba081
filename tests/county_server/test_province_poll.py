"""Issue 19: empty polls answered from memory, ETags, batched heartbeats, several workers.

On SQLite and on the suite's PostgreSQL: `county serve --workers 2` as real
processes on loopback; the change that makes a poll non-empty is written by
this (other) process, so each worker learns of it through the database
(PRAGMA data_version / LISTEN county_seq).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, event, select

from county.models import Terminal
from county.notices import KINDS, add_notice
from county.querycount import ENV as COUNT_ENV
from county_server.conftest import auth, enroll_terminal
from county_server.live import LiveServer
from county_server.serve_run import free_port, wait_up
from sync.client import ClientSettings, CountyClient
from sync.protocol import ChangesPage

_TERMINALS = 3
_REPO = Path(__file__).resolve().parents[2]


def _catch_up(http: httpx.Client, headers: dict[str, str]) -> str:
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 1000}
        if cursor is not None:
            params["since"] = cursor
        page = http.get("/api/v1/changes", params=params, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        cursor = str(body["next_cursor"])
        if not body["has_more"]:
            return cursor


@pytest.fixture
def served(seeded_url: str, seeded_engine: Engine,
           tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """`county serve --workers 2` on the seeded county, counting queries into a directory;
    heartbeats are only written at shutdown (a 10-minute batch)."""
    port = free_port()
    counts = tmp_path / "counts"
    counts.mkdir()
    log = (tmp_path / "serve.log").open("wb")
    # This checkout's code, whichever checkout the shared venv's `county` script points at.
    env = {**os.environ, COUNT_ENV: str(counts), "PYTHONPATH": str(_REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "county.cli", "serve", "--db", seeded_url, "--port", str(port),
         "--workers", "2", "--log-level", "warning", "--heartbeat-flush", "600"],
        stdout=log, stderr=log, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(base, proc)
        yield base, proc, counts
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        log.close()


def _poll(base: str, headers: dict[str, str], since: str,
          etag: str | None = None) -> httpx.Response:
    # A fresh connection each time, so the kernel hands polls to either worker.
    extra = {} if etag is None else {"If-None-Match": etag}
    return httpx.get(f"{base}/api/v1/changes", params={"since": since},
                     headers={**headers, **extra}, timeout=30)


def _through_both(base: str, headers: dict[str, str], since: str, *,
                  etag: str | None = None, want: int) -> dict[str, httpx.Response]:
    """Poll (8 at a time) until both worker processes answered with status ``want``."""
    seen: dict[str, httpx.Response] = {}
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _round in range(100):
            for answer in pool.map(lambda _: _poll(base, headers, since, etag), range(8)):
                if answer.status_code == want:
                    seen[answer.headers["X-County-Process"]] = answer
            if len(seen) == 2:
                return seen
    raise AssertionError(f"only processes {sorted(seen)} answered {want}")


def test_etag_poll_and_batched_heartbeats(
        served: tuple[str, subprocess.Popen[bytes], Path], seeded_engine: Engine) -> None:
    base, proc, counts = served
    with httpx.Client(base_url=base, timeout=60) as http:
        terminals = [enroll_terminal(seeded_engine, http) for _ in range(_TERMINALS)]
        headers = auth(terminals[0])
        cursor = _catch_up(http, headers)

    # Nothing new: every worker answers a tiny page, and 304 to its ETag.
    first = _through_both(base, headers, cursor, want=200)
    for answer in first.values():
        assert answer.headers["ETag"] == f'"{cursor}-{cursor}"'
        assert len(answer.content) < 400
        page = ChangesPage.model_validate_json(answer.content)
        assert page.next_cursor == cursor and not page.has_more
        assert page.payments == [] and page.notices == []
    etag = next(iter(first.values())).headers["ETag"]
    same = _through_both(base, headers, cursor, etag=etag, want=304)
    assert all(a.content == b"" for a in same.values())

    # A change written by another process (this one): each worker serves it.
    notice_id = add_notice(seeded_engine, kind=KINDS[0], title="停水通知", body="明天停水",
                           scope="county", published_on=datetime.now(UTC).date(),
                           now=datetime.now(UTC))
    fresh = _through_both(base, headers, cursor, etag=etag, want=200)
    for answer in fresh.values():
        page = ChangesPage.model_validate_json(answer.content)
        assert [n.id for n in page.notices] == [notice_id]
        assert int(page.next_cursor) > int(cursor)
        assert answer.headers["ETag"] != etag

    # Heartbeats are buffered (a 10-minute batch) and all written at shutdown.
    beats = {}
    with ThreadPoolExecutor(max_workers=6) as pool:
        def beat(i: int) -> None:
            body = terminals[i % _TERMINALS]
            answer = httpx.post(f"{base}/api/v1/heartbeat", headers=auth(body), timeout=30,
                                json={"version": "1.0", "uptime_s": 100 + i, "reader": "ready",
                                      "printer": "ready", "cursor": cursor,
                                      "outbox_depth": i, "disk_free_bytes": 10**9})
            assert answer.status_code == 200, answer.text
        list(pool.map(beat, range(_TERMINALS * 4)))
    for i in range(_TERMINALS * 4):
        beats[terminals[i % _TERMINALS]["terminal_id"]] = 100 + i  # the last one sent wins
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    with seeded_engine.connect() as conn:
        stored = {row.id: row.uptime_s for row in conn.execute(
            select(Terminal.id, Terminal.uptime_s).where(Terminal.id.in_(list(beats))))}
    # Sent concurrently: each terminal's stored beat is one of its own, none is lost.
    for terminal_id, uptime in stored.items():
        sent = {100 + i for i in range(_TERMINALS * 4)
                if terminals[i % _TERMINALS]["terminal_id"] == terminal_id}
        assert uptime in sent
    assert set(stored) == set(beats)
    written = [json.loads(p.read_text()) for p in counts.glob("counts.*.json")]
    assert len(written) == 2
    assert sum(c["heartbeats"] for c in written) == _TERMINALS * 4
    assert all(c["empty_polls"] > 0 for c in written)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_empty_poll_sends_no_query(seeded_engine: Engine) -> None:
    """In process: a poll at the head, by a token seen a moment ago, runs no statement."""
    statements: list[str] = []
    with (LiveServer(seeded_engine, lifespan="on", escalate_every_s=None) as live,
          httpx.Client(base_url=live.url, timeout=30) as http):
        terminal = enroll_terminal(seeded_engine, http)
        headers = auth(terminal)
        cursor = _catch_up(http, headers)
        assert http.get("/api/v1/changes", params={"since": cursor},
                        headers=headers).status_code == 200

        def count(*_args: object) -> None:
            statements.append("x")

        event.listen(seeded_engine, "before_cursor_execute", count)
        try:
            empty = http.get("/api/v1/changes", params={"since": cursor}, headers=headers)
            again = http.get("/api/v1/changes", params={"since": cursor},
                             headers={**headers, "If-None-Match": empty.headers["ETag"]})
        finally:
            event.remove(seeded_engine, "before_cursor_execute", count)
        # The terminal's own client sends the ETag back and takes the 304 as an empty page.
        statuses: list[int] = []
        memo: dict[str, tuple[str, str]] = {}
        for _cycle in range(2):  # the daemon makes a client per cycle and keeps the memo
            with CountyClient(live.url, terminal["token"], ClientSettings(),
                              unchanged=memo) as county:
                county.session.hooks["response"].append(
                    lambda r, *_a, **_k: statuses.append(r.status_code))
                pages = [county.changes(cursor, 100) for _ in range(2)]
                assert all(p.next_cursor == cursor and not p.has_more and p.notices == []
                           for p in pages)
    assert empty.status_code == 200 and again.status_code == 304
    assert statements == []
    assert statuses == [200, 304, 304, 304]
    # The hand-written empty page is the model's own serialisation.
    page = ChangesPage.model_validate_json(empty.content)
    assert json.loads(empty.content) == json.loads(page.model_dump_json())
