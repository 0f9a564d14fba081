"""Province benchmark (issue 19): many terminals polling, on 1 and 2 app processes.

    .venv/bin/python tests/bench/bench_province.py [--terminals 500] [--seconds 8]
        [--concurrency 50] [--change-share 0.05] [--workers 1,2] [--backend sqlite|postgresql|both]

Bounded and on loopback only. For each backend (SQLite file; PostgreSQL in a
throwaway cluster started here) and each worker count: the demo county is
seeded, ``--terminals`` terminals are enrolled, and ``county serve --workers N``
runs as its own process(es). Each simulated terminal starts caught up and
polls ``changes`` with its cursor and the ETag of its last answer (as a
terminal does; the province issue asks for 25 000, this 2-core machine, shared
with the load generator, runs what ``--terminals`` says). ``--concurrency``
connections send the polls back to back (the server's capacity, not a
realistic rate), for ``--seconds``; meanwhile this process publishes a
notice often enough that about ``--change-share`` of the polls find something
new and fetch a real page (a real fleet polls once a minute and sees a change
far less often). Printed: requests/s, p50/p99, the
share of 304 answers, and the database statements per poll (counted by the
server with ``VILLAGE_COUNTY_COUNT_QUERIES``); beside them, in the same run
and the same server, the rate of serving the OpenAPI document.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from county_process import free_port
from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout, whatever the venv points at

from county_server.pgcluster import find_bindir, start_cluster  # noqa: E402

from county.db import open_county_db  # noqa: E402
from county.notices import KINDS, add_notice  # noqa: E402
from county.querycount import ENV as COUNT_ENV  # noqa: E402
from county.seed import seed_demo  # noqa: E402
from county.seq import current_seq  # noqa: E402
from county.terminals import enroll, new_enrollment_code  # noqa: E402

#: A real fleet: every terminal polls once a minute.
FLEET_POLL_S = 60


class _Conn:
    """A minimal HTTP/1.1 keep-alive client on one asyncio connection (the load generator
    shares the cores with the server: httpx's async pool would cost more than the server)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, headers: str = "") -> tuple[int, bytes, str]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n{headers}\r\n".encode())
        status_line = await self.reader.readline()
        length, etag = 0, ""
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            key = name.strip().lower()
            if key == b"content-length":
                length = int(value)
            elif key == b"etag":
                etag = value.strip().decode()
        return int(status_line.split()[1]), await self.reader.readexactly(length), etag

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class _Fleet:
    def __init__(self, tokens: list[str], head: int) -> None:
        self.tokens = tokens
        self.cursor = [str(head)] * len(tokens)
        self.etag = [""] * len(tokens)
        self.next = 0
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.bytes = 0
        self.empty_200 = 0
        self.stop_at = 2**62
        self.start = 0
        self.timed = False


async def _poller(fleet: _Fleet, host: str, port: int, until: float) -> None:
    conn = _Conn(host, port)
    try:
        while time.perf_counter() < until and fleet.next < fleet.stop_at:
            i = fleet.next % len(fleet.tokens)
            fleet.next += 1
            headers = f"Authorization: Bearer {fleet.tokens[i]}\r\n"
            if fleet.etag[i]:
                headers += f"If-None-Match: {fleet.etag[i]}\r\n"
            t0 = time.perf_counter()
            status, body, etag = await conn.get(
                f"/api/v1/changes?since={fleet.cursor[i]}&limit=100", headers)
            fleet.latencies.append(time.perf_counter() - t0)
            fleet.statuses[status] = fleet.statuses.get(status, 0) + 1
            fleet.bytes += len(body)
            if status == 200:
                page = json.loads(body)
                if page["next_cursor"] == fleet.cursor[i]:
                    fleet.empty_200 += 1
                fleet.cursor[i] = page["next_cursor"]
                fleet.etag[i] = etag
    finally:
        conn.close()


async def _documents(host: str, port: int, until: float, out: list[float]) -> None:
    conn = _Conn(host, port)
    try:
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            status, _body, _ = await conn.get("/api/v1/openapi.json")
            assert status == 200
            out.append(time.perf_counter() - t0)
    finally:
        conn.close()


def _serve(url: str, workers: int, counts: Path, log: Path) -> tuple[subprocess.Popen[bytes],
                                                                      int]:
    port = free_port()
    env = {**os.environ, COUNT_ENV: str(counts), "PYTHONPATH": str(ROOT)}
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "county.cli", "serve", "--db", url,
                                 "--port", str(port), "--workers", str(workers),
                                 "--log-level", "warning"], stdout=out, stderr=out, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=5)
            return proc, port
        except httpx.TransportError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"county serve did not start: {log.read_text(errors='replace')}")


def _publish(engine: Engine, stop: threading.Event, fleet: _Fleet, every: int,
             published: list[int]) -> None:
    """A county notice (written by this process) after every ``every`` polls of the
    timed run: each reaches every terminal once, so about ``terminals / every`` of the
    polls fetch a real page."""
    while not stop.wait(0.05):
        if fleet.timed and fleet.next >= fleet.start + every * (published[0] + 1):
            add_notice(engine, kind=KINDS[0], title="通知", body="测试", scope="county",
                       published_on=datetime.now(UTC).date(), now=datetime.now(UTC))
            published[0] += 1


async def _run(fleet: _Fleet, port: int, args: argparse.Namespace) -> tuple[float, list[float]]:
    # Warm-up (untimed): each process meets the tokens, each terminal its ETag.
    fleet.stop_at = 3 * len(fleet.tokens)
    await asyncio.gather(*(_poller(fleet, "127.0.0.1", port, time.perf_counter() + 60)
                           for _ in range(args.concurrency)))
    fleet.stop_at = 2**62
    fleet.start, fleet.timed = fleet.next, True
    fleet.latencies.clear()
    fleet.statuses.clear()
    fleet.bytes = fleet.empty_200 = 0
    t0 = time.perf_counter()
    until = t0 + args.seconds
    await asyncio.gather(*(_poller(fleet, "127.0.0.1", port, until)
                           for _ in range(args.concurrency)))
    elapsed = time.perf_counter() - t0
    docs: list[float] = []
    until = time.perf_counter() + args.seconds / 2
    await asyncio.gather(*(_documents("127.0.0.1", port, until, docs)
                           for _ in range(args.concurrency)))
    return elapsed, docs


def _pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else 0.0


def bench(name: str, url: str, args: argparse.Namespace) -> None:
    engine = open_county_db(url)
    seed_demo(engine, now=datetime.now(UTC))
    now = datetime.now(UTC)
    tokens = []
    for i in range(args.terminals):
        code, _ = new_enrollment_code(engine, township="高村镇", village=f"村{i % 40}", now=now)
        tokens.append(enroll(engine, code, now=now).token)
    for workers in args.workers:
        with engine.connect() as conn:
            head = current_seq(conn)
        counts = Path(tempfile.mkdtemp(prefix="bench-province-"))
        proc, port = _serve(url, workers, counts, counts / "serve.log")
        fleet = _Fleet(tokens, head)
        stop = threading.Event()
        published = [0]
        every = max(1, round(args.terminals / args.change_share))
        writer = threading.Thread(target=_publish, args=(engine, stop, fleet, every, published),
                                  daemon=True)
        writer.start()
        try:
            elapsed, docs = asyncio.run(_run(fleet, port, args))
        finally:
            stop.set()
            writer.join()
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        written = [json.loads(p.read_text()) for p in counts.glob("counts.*.json")]
        queries = sum(c["queries"] for c in written)
        polls = sum(c["polls"] for c in written)
        empty = sum(c["empty_polls"] for c in written)
        shutil.rmtree(counts, ignore_errors=True)
        n = len(fleet.latencies)
        rate = n / elapsed
        docs_rate = len(docs) / (args.seconds / 2)
        share = fleet.statuses.get(304, 0) / max(n, 1)
        empty_share = fleet.empty_200 / max(n, 1)
        print(f"[{name} ×{workers}] {args.terminals} terminals, {args.concurrency} connections:"
              f" {n} polls in {elapsed:.1f} s → {rate:.0f} polls/s, p50 "
              f"{_pct(fleet.latencies, 50):.1f} ms, p99 {_pct(fleet.latencies, 99):.1f} ms; "
              f"statuses {dict(sorted(fleet.statuses.items()))} (304: {share:.0%}), "
              f"{fleet.bytes / max(n, 1):.0f} body bytes/poll; {published[0]} changes published,"
              f" {1 - share - empty_share:.1%} of polls fetched a real page")
        print(f"[{name} ×{workers}]   DB statements per poll {queries / max(polls, 1):.2f} "
              f"({queries} statements, {polls} polls incl. warm-up; {empty} answered from "
              f"memory with none, the others "
              f"{queries / max(polls - empty, 1):.1f} each incl. the token check)")
        print(f"[{name} ×{workers}]   reference, same server: /openapi.json {docs_rate:.0f}/s, "
              f"p50 {_pct(docs, 50):.1f} ms → polls ×{rate / max(docs_rate, 1):.2f} of it; "
              f"{rate * FLEET_POLL_S:.0f} terminals polling once a minute")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terminals", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--change-share", type=float, default=0.05,
                        help="share of polls that fetch a real page (default 0.05)")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    args.workers = [int(w) for w in args.workers.split(",")]
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            bench("sqlite", f"sqlite:///{Path(tmp) / 'county.db'}", args)
    if args.backend in ("postgresql", "both"):
        bindir = find_bindir()
        if bindir is None:
            print("[postgresql] not installed (Debian package postgresql); skipped")
            return
        cluster = start_cluster(bindir)
        try:
            bench("postgresql", cluster.create_database("province"), args)
        finally:
            cluster.stop()


if __name__ == "__main__":
    main()
