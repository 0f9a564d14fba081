"""Killing an app process mid-request loses nothing: the terminal retries (issue 19).

`county serve --workers 2` on PostgreSQL, a real terminal (`kiosk syncd`)
pulling changes, sending heartbeats and pushing its complaint outbox. This
test holds a lock on the county's complaint table, so the first complaint's
INSERT waits inside a worker; it finds that worker (the process owning the
database connection PostgreSQL shows waiting on the lock) and SIGKILLs it in
the middle of the request. The lock is then let go. uvicorn starts a new
worker; the terminal, whose request failed, sends the complaint again. In the
end the county holds every complaint exactly once, the terminal has every
one marked sent, the change written meanwhile reached the terminal, and its
heartbeats still arrive.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from syncd.conftest import enrollment_code, write_terminal

from county.models import Complaint as CountyComplaint
from county.models import Terminal as CountyTerminal
from county.notices import add_notice
from county_server.serve_run import free_port, wait_up
from kiosk.complaints import ComplaintDraft, Reason, file_complaint
from kiosk.config import load_config
from kiosk.store import open_store
from kiosk.store.models import Complaint, Notice
from sync.enroll import enroll_terminal

_REPO = Path(__file__).resolve().parents[2]
_COMPLAINTS = 4


def _wait(condition: Callable[[], object], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.update(int(p) for p in text)
    return found


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _owner_of_local_port(port: int, pids: set[int]) -> int:
    """Which of ``pids`` owns the TCP socket whose local port is ``port``."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    owners = [pid for pid in pids if _socket_inodes(pid) & inodes]
    assert len(owners) == 1, (port, owners)
    return owners[0]


@pytest.fixture
def workers(seeded_url: str, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`county serve --workers 2` on the seeded county (heartbeats flushed every 0.2 s)."""
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    env = {**os.environ, "PYTHONPATH": str(_REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "county.cli", "serve", "--db", seeded_url, "--port", str(port),
         "--workers", "2", "--log-level", "warning", "--heartbeat-flush", "0.2"],
        stdout=log, stderr=log, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(base, proc)
        yield base, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        log.close()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_worker_killed_mid_request_loses_nothing(
        workers: tuple[str, subprocess.Popen[bytes]], seeded_url: str, seeded_engine: Engine,
        tmp_path: Path) -> None:
    base, serve = workers
    terminal = write_terminal(tmp_path / "terminal", heartbeat_interval_s=1)
    store = open_store(terminal.db)
    try:
        terminal_id = enroll_terminal(load_config(terminal.config), store,
                                      enrollment_code(seeded_engine), base).terminal_id
        keys = [file_complaint(store, ComplaintDraft(Reason.NOT_RECEIVED, text=f"第{i}件"),
                               terminal_code="QS01").idempotency_key
                for i in range(_COMPLAINTS)]
        url = make_url(seeded_url)
        dsn = (f"host={url.host} port={url.port} user={url.username} "
               f"dbname={url.database}")
        before = _children(serve.pid)
        with psycopg.connect(dsn) as locker:
            locker.execute("LOCK TABLE complaint IN EXCLUSIVE MODE")  # reads go on
            daemon = terminal.start_daemon()
            try:
                # A worker is inside POST /complaints, its INSERT waiting on the lock.
                waiting: list[int] = []

                def a_request_waits() -> bool:
                    with psycopg.connect(dsn, autocommit=True) as look:
                        waiting[:] = [row[0] for row in look.execute(
                            "SELECT client_port FROM pg_stat_activity WHERE datname = %s "
                            "AND wait_event_type = 'Lock' AND query ILIKE '%%complaint%%'",
                            (url.database,))]
                    return bool(waiting)

                _wait(a_request_waits, "a complaint request waiting on the lock")
                victim = _owner_of_local_port(waiting[0], _children(serve.pid))
                os.kill(victim, signal.SIGKILL)
                _wait(lambda: victim not in _children(serve.pid), "the killed worker gone")
                locker.rollback()
                notice = add_notice(seeded_engine, kind="公示", title="杀进程后的公示", body="",
                                    scope="county", published_on=date(2026, 11, 1),
                                    now=datetime.now(UTC))
                killed_at = datetime.now(UTC)

                def all_done() -> bool:
                    with store.connect() as conn:
                        sent = conn.execute(select(func.count()).select_from(Complaint)
                                            .where(Complaint.delivery == "sent")).scalar_one()
                        has_notice = conn.execute(select(Notice.id)
                                                  .where(Notice.id == notice)).first()
                    with seeded_engine.connect() as conn:
                        seen = conn.execute(select(CountyTerminal.last_seen_at).where(
                            CountyTerminal.id == terminal_id)).scalar_one()
                    return (sent == _COMPLAINTS and has_notice is not None and seen is not None
                            and seen.replace(tzinfo=UTC) > killed_at)

                _wait(all_done, "the terminal to finish after the kill")
            finally:
                daemon.send_signal(signal.SIGTERM)
                daemon.wait(timeout=60)
        # uvicorn replaced the killed worker.
        after = _children(serve.pid)
        assert victim in before and victim not in after
        assert len(after - before) >= 1
        with seeded_engine.connect() as conn:
            stored = conn.execute(select(CountyComplaint.idempotency_key).where(
                CountyComplaint.terminal_id == terminal_id)).scalars().all()
        assert sorted(stored) == sorted(keys)  # each once
        with store.connect() as conn:
            server_ids = conn.execute(select(Complaint.server_id)).scalars().all()
        assert len(set(server_ids)) == _COMPLAINTS and None not in server_ids
        log = (terminal.dir / "syncd.log").read_text(errors="replace")
        assert log.count("event=complaint_sent") == _COMPLAINTS, log[-3000:]
    finally:
        store.dispose()
