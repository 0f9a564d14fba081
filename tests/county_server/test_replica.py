"""Issue 19: terminals' reads on a lagging PostgreSQL replica keep the cursor rule.

A real primary and hot standby (streaming replication, pg_basebackup -R) on
loopback; the standby is made to lag by pausing its WAL replay while the
primary takes new changes. The terminal is the real sync daemon (sync/), in
this process, against the real county server (uvicorn on loopback). Its pages
must chain (each page starts at the cursor the last one ended at), every new
change must arrive exactly once, and its rows must end as the primary's.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, event, select
from syncd.compare import assert_same, county_rows, terminal_rows
from syncd.conftest import enrollment_code, write_terminal

from county.db import APP_THREADS, open_county_db
from county.models import Notice
from county.notices import KINDS, add_notice
from county.replica import open_replica
from county.seq import current_seq
from county_server.conftest import auth
from county_server.conftest import enroll_terminal as enroll_terminal_api
from county_server.live import LiveServer
from county_server.pgcluster import PgPair
from county_server.serve_run import free_port
from kiosk.config import load_config
from kiosk.store import open_store
from sync.daemon import SyncDaemon
from sync.enroll import enroll_terminal

_REPO = Path(__file__).resolve().parents[2]
_PAGE = re.compile(r"event=page_applied(?: since=(\S+))? cursor=(\S+) records=(\d+)")


class _Pages(logging.Handler):
    """The daemon's ``page_applied`` events as (since, cursor, records)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[tuple[str | None, int, int]] = []

    def emit(self, record: logging.LogRecord) -> None:
        found = _PAGE.search(record.getMessage())
        if found:
            self.seen.append((found[1], int(found[2]), int(found[3])))


@pytest.fixture
def pages() -> Iterator[_Pages]:
    handler = _Pages()
    logger = logging.getLogger("sync.daemon")
    level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


class _Reads:
    """Which engine ran a query of the notice table (the pages' reads), per engine."""

    def __init__(self, **engines: Engine) -> None:
        self.count = dict.fromkeys(engines, 0)
        self._engines = engines
        for name, engine in engines.items():
            event.listen(engine, "before_cursor_execute", self._counter(name))

    def _counter(self, name: str) -> Callable[..., None]:
        def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
            if "FROM notice" in statement:
                self.count[name] += 1
        return count

    def reset(self) -> None:
        self.count = dict.fromkeys(self.count, 0)


def _notices(engine: Engine, n: int, label: str) -> list[int]:
    today = datetime.now(UTC).date()
    return [add_notice(engine, kind=KINDS[0], title=f"{label} {i}", body="停水", scope="county",
                       published_on=today, now=datetime.now(UTC)) for i in range(n)]


def test_a_terminal_reading_a_lagging_replica_applies_each_page_once(
        pg_pair: PgPair, replicated_county: tuple[str, str], tmp_path: Path,
        pages: _Pages) -> None:
    primary_url, replica_url = replicated_county
    primary = open_county_db(primary_url, app_threads=APP_THREADS)
    replica = open_replica(replica_url, app_threads=APP_THREADS)
    reads = _Reads(primary=primary, replica=replica)
    terminal = write_terminal(tmp_path / "terminal", page_limit=2)
    store = open_store(terminal.db)
    try:
        with LiveServer(primary, lifespan="on", replica=replica, escalate_every_s=None) as live:
            config = load_config(terminal.config)
            terminal_id = enroll_terminal(config, store, enrollment_code(primary),
                                          live.url).terminal_id
            daemon = SyncDaemon(config, store)
            first = daemon.run_once()
            assert first.ok and first.snapshot, first.errors
            start = len(pages.seen)
            added: list[int] = []

            def sync() -> None:
                report = daemon.run_once()
                assert report.ok and not report.snapshot, report.errors

            # Caught up: the replica answers the pages.
            added += _notices(primary, 3, "副本已同步")
            pg_pair.replayed()
            reads.reset()
            sync()
            assert reads.count["replica"] > 0 and reads.count["primary"] == 0

            # Replay paused at the terminal's cursor: the replica would say "nothing new".
            pg_pair.pause()
            added += _notices(primary, 3, "副本暂停")
            reads.reset()
            sync()
            assert reads.count["replica"] == 0 and reads.count["primary"] > 0
            # Now the terminal's cursor is past the replica's head (it would refuse it).
            added += _notices(primary, 2, "游标超前")
            sync()

            # Cursor < replica head < primary head: the replica's part, then the primary's.
            pg_pair.resume()
            added += _notices(primary, 3, "副本部分")
            pg_pair.replayed()
            pg_pair.pause()
            added += _notices(primary, 2, "主库部分")
            reads.reset()
            sync()
            sync()
            assert reads.count["replica"] > 0 and reads.count["primary"] > 0
            with replica.connect() as conn:
                behind = current_seq(conn)
            with primary.connect() as conn:
                head = current_seq(conn)
            assert behind < head

            # Caught up with the primary, replica still paused: an empty poll touches
            # neither database; a new change on the primary is served at once.
            with httpx.Client(base_url=live.url, timeout=30) as http:
                token = auth({"token": config_token(terminal.enrollment)})
                http.get("/api/v1/changes", params={"since": str(head)}, headers=token)
                reads.reset()
                empty = http.get("/api/v1/changes", params={"since": str(head)}, headers=token)
                assert empty.status_code == 200 and empty.json()["notices"] == []
                assert reads.count == {"primary": 0, "replica": 0}
            added += _notices(primary, 1, "最新")
            sync()

        applied = pages.seen[start:]
        # Pages chain: each starts where the one before ended, the cursor never goes back.
        cursor = pages.seen[start - 1][1]
        for since, next_cursor, _records in applied:
            assert since == str(cursor), applied
            assert next_cursor >= cursor, applied
            cursor = next_cursor
        # Every new notice arrived exactly once, nothing else came twice.
        assert sum(records for _s, _c, records in applied) == len(added)
        with primary.connect() as conn:
            assert cursor == current_seq(conn)
            titles = set(conn.execute(select(Notice.title).where(Notice.id.in_(added)))
                         .scalars())
        assert len(titles) == len(added)
        assert_same(county_rows(primary, terminal_id), terminal_rows(store))
    finally:
        store.dispose()
        primary.dispose()
        replica.dispose()


def config_token(enrollment: Path) -> str:
    """The terminal's bearer token from its enrollment file."""
    from kiosk.enrollment import load_enrollment

    return load_enrollment(enrollment).token


def _snapshot_header(http: httpx.Client, headers: dict[str, str],
                     resume: str | None = None) -> dict[str, str]:
    answer = http.get("/api/v1/snapshot", headers=headers,
                      params={"resume": resume} if resume else None)
    assert answer.status_code == 200, answer.text
    header: dict[str, str] = json.loads(answer.text.splitlines()[0])
    return header


def test_snapshots_read_on_the_replica_only_from_where_it_has_replayed(
        pg_pair: PgPair, replicated_county: tuple[str, str]) -> None:
    primary_url, replica_url = replicated_county
    primary = open_county_db(primary_url, app_threads=APP_THREADS)
    replica = open_replica(replica_url, app_threads=APP_THREADS)
    try:
        with (LiveServer(primary, replica=replica) as live,
              httpx.Client(base_url=live.url, timeout=30) as http):
            headers = auth(enroll_terminal_api(primary, http))
            pg_pair.replayed()
            pg_pair.pause()
            _notices(primary, 2, "快照")
            with primary.connect() as conn:
                head = current_seq(conn)
            with replica.connect() as conn:
                behind = current_seq(conn)
            assert behind < head
            # A fresh snapshot comes from the replica, with the replica's cursor.
            assert _snapshot_header(http, headers)["cursor"] == str(behind)
            # One resumed from a point the replica has not replayed: the primary's.
            resumed = _snapshot_header(http, headers, f"s1.{head}.0.")
            assert resumed["cursor"] == str(head)
            pg_pair.resume()
            pg_pair.replayed()
            assert _snapshot_header(http, headers)["cursor"] == str(head)
    finally:
        primary.dispose()
        replica.dispose()


def test_serve_workers_read_on_the_replica(pg_pair: PgPair, replicated_county: tuple[str, str],
                                           tmp_path: Path) -> None:
    """`county serve --workers 2 --db-replica`: the worker processes take the replica from
    the environment and read terminals' pages there (its sessions show on the standby)."""
    primary_url, replica_url = replicated_county
    primary = open_county_db(primary_url, app_threads=APP_THREADS)
    database = primary.url.database
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "county.cli", "serve", "--db", primary_url, "--db-replica",
         replica_url, "--workers", "2", "--port", str(port), "--log-level", "warning"],
        stdout=log, stderr=log, env={**os.environ, "PYTHONPATH": str(_REPO)})
    log.close()
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as http:
            deadline = time.monotonic() + 90
            while True:
                try:
                    http.get("/api/v1/openapi.json")
                    break
                except httpx.TransportError:
                    assert proc.poll() is None, (tmp_path / "serve.log").read_text()[-2000:]
                    assert time.monotonic() < deadline, "county serve did not come up"
                    time.sleep(0.1)
            headers = auth(enroll_terminal_api(primary, http))
            _notices(primary, 1, "多进程")
            pg_pair.replayed()
            sessions = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}'"
            for _ in range(6):  # fresh connections: the kernel spreads them over both
                page = httpx.get(f"{base}/api/v1/changes", headers=headers, timeout=30)
                assert page.status_code == 200 and page.json()["notices"], page.text
            assert pg_pair.standby.sql(sessions) != [(0,)]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        primary.dispose()
