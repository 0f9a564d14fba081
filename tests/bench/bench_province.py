"""Province benchmark (issue 19): many terminals polling, on 1, 2 and 4 app processes.

    .venv/bin/python tests/bench/bench_province.py [--terminals 500] [--seconds 8]
        [--concurrency 50] [--change-share 0.05] [--workers 1,2]
        [--backend sqlite|postgresql|replica|both|all]         # about 2 minutes
    .venv/bin/python tests/bench/bench_province.py --province      # 25 000 terminals (minutes)

Bounded and on loopback only. For each backend and each worker count: the
demo county is seeded, the terminals are enrolled, and ``county serve
--workers N`` runs as its own process(es). Backends: ``sqlite`` (one file),
``postgresql`` (a throwaway cluster started here), ``replica`` (a PostgreSQL
primary and a hot standby streaming from it, both started here from the
Debian package: ``county serve --db-replica`` sends the terminals' ``changes``
reads to the standby, writes to the primary; workers 1, 2 and 4 unless
``--workers`` says otherwise). ``both`` = sqlite and postgresql, ``all`` = the
three (the default).

Capacity (every run): each simulated terminal starts caught up and polls
``changes`` with its cursor and the ETag of its last answer (as a terminal
does). ``--concurrency`` connections send the polls back to back (the
server's capacity, not a realistic rate), for ``--seconds``; meanwhile this
process publishes a county notice often enough that about
``--change-share`` of the polls find something new and fetch a real page.

Province (``--province``): 25 000 terminals (``--terminals`` to change), one
per village, each polling once every ``--poll-interval`` seconds (60, as
the terminals do) on a keep-alive connection of its own among
``--concurrency`` (400): an open loop at 25 000 / 60 ≈ 417 polls/s for
``--seconds`` (60: every terminal polls once), after one untimed round on the
same connections (so each process has met the tokens of the terminals it
answers, as in a steady state), latency counted from each poll's planned
time (queueing included). Meanwhile village notices are
published at random villages, so that about ``--change-share`` (1 %) of the
polls find a real change — and, as in a real province, the county's change
counter moves under every other terminal. Then the capacity run above
(8 s) with the same terminals. Default backend: ``replica``, workers 1, 2, 4.

Printed: requests/s, p50/p99, the share of 304 answers, and the database
statements per poll (counted by the server with
``VILLAGE_COUNTY_COUNT_QUERIES``; on the primary and on the replica apart);
beside them, in the same run and the same server, the rate of serving the
OpenAPI document.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx
from county_process import free_port
from sqlalchemy import Engine, insert

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout, whatever the venv points at

from county_server.pgcluster import (
    PgCluster,
    PgPair,
    find_bindir,
    start_cluster,
    start_standby,
)

from county.db import open_county_db
from county.models import Terminal
from county.notices import KINDS, add_notice
from county.querycount import ENV as COUNT_ENV
from county.seed import seed_demo
from county.seq import current_seq
from county.terminals import enroll, new_enrollment_code

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
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n{headers}\r\n".encode()
        for _attempt in range(2):
            if self.reader is None or self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            reader = self.reader
            self.writer.write(request)
            status_line = await reader.readline()
            if status_line:
                break
            # The server closed a connection idle past its keep-alive (5 s): a new one,
            # as any client does.
            self.close()
            self.reader = self.writer = None
        length, etag = 0, ""
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            key = name.strip().lower()
            if key == b"content-length":
                length = int(value)
            elif key == b"etag":
                etag = value.strip().decode()
        return int(status_line.split()[1]), await reader.readexactly(length), etag

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
        self.empty_latencies: list[float] = []
        """Of the polls with nothing new (304, or an empty page): the issue's goal is theirs."""
        self.statuses: dict[int, int] = {}
        self.bytes = 0
        self.empty_200 = 0
        self.stop_at = 2**62
        self.start = 0
        self.timed = False

    def answered(self, i: int, status: int, body: bytes, etag: str, took: float, *,
                 timed: bool) -> bool:
        """Take terminal ``i``'s answer (its cursor and ETag move on) and, if ``timed``,
        count it; return whether it carried records."""
        records = False
        if status == 200:
            page = json.loads(body)
            records = any(v for v in page.values() if isinstance(v, list))
            self.cursor[i] = page["next_cursor"]  # an empty page may move it too
            self.etag[i] = etag
        if timed:
            self.latencies.append(took)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.bytes += len(body)
            if not records:
                self.empty_latencies.append(took)
                self.empty_200 += status == 200
        return records


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
            fleet.answered(i, status, body, etag, time.perf_counter() - t0, timed=True)
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


def _serve(url: str, workers: int, counts: Path, log: Path,
           replica: str | None = None) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, COUNT_ENV: str(counts), "PYTHONPATH": str(ROOT)}
    extra = ["--db-replica", replica] if replica else []
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "county.cli", "serve", "--db", url,
                                 "--port", str(port), "--workers", str(workers),
                                 "--log-level", "warning", *extra],
                                stdout=out, stderr=out, env=env)
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
    fleet.stop_at = args.warm_polls
    await asyncio.gather(*(_poller(fleet, "127.0.0.1", port, time.perf_counter() + 60)
                           for _ in range(args.concurrency)))
    fleet.stop_at = 2**62
    fleet.start, fleet.timed = fleet.next, True
    fleet.latencies.clear()
    fleet.empty_latencies.clear()
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


async def _sticky_poller(fleet: _Fleet, port: int, mine: list[int], planned: list[float],
                         pages: list[int], timed_from: float) -> None:
    """One keep-alive connection carrying its terminals' polls, each at its planned time
    (an open loop: a slow answer delays the next poll, and that delay is counted from
    ``timed_from`` on)."""
    conn = _Conn("127.0.0.1", port)
    try:
        for i, at in zip(mine, planned, strict=True):
            wait = at - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            headers = f"Authorization: Bearer {fleet.tokens[i]}\r\n"
            if fleet.etag[i]:
                headers += f"If-None-Match: {fleet.etag[i]}\r\n"
            status, body, etag = await conn.get(
                f"/api/v1/changes?since={fleet.cursor[i]}&limit=100", headers)
            timed = at >= timed_from
            if fleet.answered(i, status, body, etag, time.perf_counter() - at, timed=timed):
                pages[0] += timed
    finally:
        conn.close()


async def _open_loop(fleet: _Fleet, port: int, args: argparse.Namespace,
                     span: float, warm: float = 0.0) -> tuple[float, int]:
    """Every terminal polls once every ``--poll-interval`` s, spread evenly, for ``warm``
    seconds untimed and then ``span`` seconds timed; terminal i always on connection
    i mod ``--concurrency``. Returns (elapsed, timed polls that fetched records)."""
    n, interval = len(fleet.tokens), args.poll_interval
    t0 = time.perf_counter() + 0.5
    plans: list[tuple[list[int], list[float]]] = [([], []) for _ in range(args.concurrency)]
    rounds = max(1, int((warm + span) / interval + 0.999))
    for r in range(rounds):
        for i in range(n):
            at = r * interval + interval * i / n
            if at < warm + span:
                mine, planned = plans[i % args.concurrency]
                mine.append(i)
                planned.append(t0 + at)
    pages = [0]

    async def start_timing() -> None:
        await asyncio.sleep(max(0.0, t0 + warm - time.perf_counter()))
        fleet.timed = True  # the notices start now

    timing = asyncio.create_task(start_timing())
    await asyncio.gather(*(_sticky_poller(fleet, port, mine, planned, pages, t0 + warm)
                           for mine, planned in plans if mine))
    await timing
    return time.perf_counter() - (t0 + warm), pages[0]


def _publish_villages(engine: Engine, stop: threading.Event, fleet: _Fleet, per_s: float,
                      published: list[int], villages: list[str]) -> None:
    """Village notices at random villages, ``per_s`` a second while the run is timed."""
    rng = random.Random(19)
    start = time.perf_counter()
    while not stop.wait(0.02):
        if not fleet.timed:
            start = time.perf_counter()
            continue
        while published[0] < (time.perf_counter() - start) * per_s:
            add_notice(engine, kind=KINDS[0], title="通知", body="测试", scope="village",
                       township="高村镇", village=rng.choice(villages),
                       published_on=datetime.now(UTC).date(), now=datetime.now(UTC))
            published[0] += 1


def _enroll_many(engine: Engine, count: int, *, now: datetime) -> list[str]:
    """``count`` village terminals (issue 12: their own village's people only), one per
    village (村0 … of 高村镇): the first through the real
    enrollment, the others written as the enrollment writes them (25 000 enrollments one
    transaction each would take minutes)."""
    code, _ = new_enrollment_code(engine, township="高村镇", village="村0", scope="village",
                                  now=now)
    tokens = [enroll(engine, code, now=now).token]
    rows = []
    for i in range(1, count):
        token = secrets.token_urlsafe(32)
        tokens.append(token)
        rows.append({"id": f"T{i + 1:05d}", "township": "高村镇", "village": f"村{i}",
                     "scope": "township", "person_keys": True, "enrolled_at": now,
                     "token_hash": hashlib.sha256(token.encode()).hexdigest()})
    with engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(insert(Terminal), rows[start:start + 5000])
    return tokens


def _pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else 0.0


def _counts(counts: Path) -> dict[str, int]:
    written = [json.loads(p.read_text()) for p in counts.glob("counts.*.json")]
    keys = ("queries", "replica_queries", "polls", "empty_polls", "token_checked",
            "scope_queries")
    return {k: sum(c.get(k, 0) for c in written) for k in keys}


def _warnings(log: Path) -> list[tuple[str, int]]:
    """The server's distinct warning lines (it logs at warning), most frequent first."""
    lines = Counter(line.strip()[:200] for line in
                    log.read_text(encoding="utf-8", errors="replace").splitlines()
                    if any(w in line.lower() for w in ("warn", "error", "traceback")))
    return lines.most_common(5)


def _report_counts(tag: str, d: dict[str, int], *, province: bool) -> None:
    # The scope keys are read on the watcher's own connection, outside the engine's count.
    primary = d["queries"] + d["scope_queries"]
    polls, total = max(d["polls"], 1), primary + d["replica_queries"]
    quiet = d["empty_polls"] - d["token_checked"]
    others = max(d["polls"] - d["empty_polls"], 1)
    paged = d["queries"] + d["replica_queries"] - d["token_checked"]
    runs = "warm-up, open loop and capacity runs together" if province else "warm-up included"
    print(f"{tag}   DB statements per poll {total / polls:.2f} (primary "
          f"{primary / polls:.2f}, replica {d['replica_queries'] / polls:.2f}; "
          f"{d['polls']} polls, {runs}): {quiet} answered from memory with none, "
          f"{d['token_checked']} after one statement checking a token new to the process, "
          f"the others {paged / others:.1f} each; and {d['scope_queries']} statements "
          f"taking the commits' scopes in (county/scopeheads.py)")


def _print_run(tag: str, fleet: _Fleet, elapsed: float, terminals: int, published: int,
               connections: int, real: float | None = None) -> None:
    n = len(fleet.latencies)
    rate = n / elapsed
    share = fleet.statuses.get(304, 0) / max(n, 1)
    real = 1 - share - fleet.empty_200 / max(n, 1) if real is None else real
    print(f"{tag} {terminals} terminals, {connections} connections:"
          f" {n} polls in {elapsed:.1f} s → {rate:.0f} polls/s, p50 "
          f"{_pct(fleet.latencies, 50):.1f} ms, p99 {_pct(fleet.latencies, 99):.1f} ms; "
          f"statuses {dict(sorted(fleet.statuses.items()))} (304: {share:.0%}), "
          f"{fleet.bytes / max(n, 1):.0f} body bytes/poll; {published} changes published,"
          f" {real:.1%} of polls fetched a real page; the polls with nothing new alone: "
          f"{len(fleet.empty_latencies) / elapsed:.0f}/s, p50 "
          f"{_pct(fleet.empty_latencies, 50):.1f} ms, p99 {_pct(fleet.empty_latencies, 99):.1f} ms")


def bench(name: str, url: str, args: argparse.Namespace, *, replica: str | None = None,
          pair: PgPair | None = None, workers: list[int]) -> None:
    engine = open_county_db(url)
    seed_demo(engine, now=datetime.now(UTC))
    now = datetime.now(UTC)
    if args.province:
        tokens = _enroll_many(engine, args.terminals, now=now)
    else:
        tokens = []
        for i in range(args.terminals):
            code, _ = new_enrollment_code(engine, township="高村镇", village=f"村{i % 40}",
                                          now=now)
            tokens.append(enroll(engine, code, now=now).token)
    villages = [f"村{i}" for i in range(args.terminals)]
    capacity = argparse.Namespace(**{**vars(args), "concurrency": min(args.concurrency, 50),
                                     "seconds": args.capacity_seconds,
                                     "warm_polls": 0 if args.province else 3 * args.terminals})
    for count in workers:
        if pair is not None:
            pair.replayed(timeout=120)
        tag = f"[{name} ×{count}]"
        with engine.connect() as conn:
            head = current_seq(conn)
        counts = Path(tempfile.mkdtemp(prefix="bench-province-"))
        proc, port = _serve(url, count, counts, counts / "serve.log", replica)
        fleet = _Fleet(tokens, head)
        stop = threading.Event()
        published = [0]
        if args.province:  # village notices at a steady rate, through both runs
            per_s = args.change_share * args.terminals / args.poll_interval
            writer = threading.Thread(target=_publish_villages, daemon=True,
                                      args=(engine, stop, fleet, per_s, published, villages))
        else:
            every = max(1, round(args.terminals / args.change_share))
            writer = threading.Thread(target=_publish, daemon=True,
                                      args=(engine, stop, fleet, every, published))
        writer.start()
        try:
            if args.province:
                elapsed, pages = asyncio.run(_province_run(fleet, port, args))
                _print_run(f"{tag} open loop,", fleet, elapsed, args.terminals, published[0],
                           args.concurrency, real=pages / max(len(fleet.latencies), 1))
            before = published[0]
            elapsed, docs = asyncio.run(_run(fleet, port, capacity))
            published_capacity = published[0] - before
        finally:
            stop.set()
            writer.join()
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        totals = _counts(counts)
        warnings = _warnings(counts / "serve.log")
        shutil.rmtree(counts, ignore_errors=True)
        _print_run(f"{tag} capacity," if args.province else tag, fleet, elapsed,
                   args.terminals, published_capacity, capacity.concurrency)
        _report_counts(tag, totals, province=args.province)
        for line, times in warnings:
            print(f"{tag}   server log ×{times}: {line}")
        rate = len(fleet.latencies) / elapsed
        docs_rate = len(docs) / (capacity.seconds / 2)
        print(f"{tag}   reference, same server: /openapi.json {docs_rate:.0f}/s, "
              f"p50 {_pct(docs, 50):.1f} ms → polls ×{rate / max(docs_rate, 1):.2f} of it; "
              f"{rate * FLEET_POLL_S:.0f} terminals polling once a minute")
    engine.dispose()


async def _province_run(fleet: _Fleet, port: int, args: argparse.Namespace) -> tuple[float, int]:
    # One untimed round first on the same connections: each process has met the tokens
    # of the terminals it answers, as in a steady state (a token stays known ten minutes).
    return await _open_loop(fleet, port, args, args.seconds, warm=args.poll_interval)


def _defaults(args: argparse.Namespace) -> None:
    """Fill what ``--province`` changes (explicit flags win)."""
    big = args.province
    for name, small, large in (("terminals", 500, 25_000), ("seconds", 8.0, 60.0),
                               ("concurrency", 50, 400), ("change_share", 0.05, 0.01),
                               ("backend", "all", "replica")):
        if getattr(args, name) is None:
            setattr(args, name, large if big else small)
    args.capacity_seconds = 8.0 if big else args.seconds


def _workers(args: argparse.Namespace, backend: str) -> list[int]:
    given = args.workers or ("1,2,4" if backend == "replica" else "1,2")
    return [int(w) for w in given.split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--province", action="store_true",
                        help="25 000 terminals at one poll a minute each (minutes; see above)")
    parser.add_argument("--terminals", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--concurrency", type=int)
    parser.add_argument("--change-share", type=float,
                        help="share of polls that fetch a real page (0.05; --province 0.01)")
    parser.add_argument("--poll-interval", type=float, default=60.0,
                        help="--province: seconds between a terminal's polls")
    parser.add_argument("--workers", help="app processes to try (1,2; replica 1,2,4)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "replica", "both", "all"))
    args = parser.parse_args()
    _defaults(args)
    if args.backend in ("sqlite", "both", "all"):
        with tempfile.TemporaryDirectory() as tmp:
            bench("sqlite", f"sqlite:///{Path(tmp) / 'county.db'}", args,
                  workers=_workers(args, "sqlite"))
    if args.backend == "sqlite":
        return
    bindir = find_bindir()
    if bindir is None:
        print("[postgresql] not installed (Debian package postgresql); skipped")
        return
    if args.backend in ("postgresql", "both", "all"):
        cluster = start_cluster(bindir)
        try:
            bench("postgresql", cluster.create_database("province"), args,
                  workers=_workers(args, "postgresql"))
        finally:
            cluster.stop()
    if args.backend in ("replica", "all"):
        _bench_replica(bindir, args)


def _bench_replica(bindir: Path, args: argparse.Namespace) -> None:
    """Primary + hot standby on loopback; terminals' reads on the standby."""
    primary: PgCluster = start_cluster(bindir, replicated=True)
    pair: PgPair | None = None
    try:
        url = primary.create_database("province")
        pair = PgPair(primary, start_standby(primary))
        bench("primary+replica", url, args, replica=pair.standby.url("province"), pair=pair,
              workers=_workers(args, "replica"))
    finally:
        if pair is not None:
            pair.stop()
        else:
            primary.stop()


if __name__ == "__main__":
    main()
