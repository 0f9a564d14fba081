"""County server benchmark: a fleet of terminals on loopback, and a big department import.

    .venv/bin/python tests/bench/bench_county.py [--terminals 500] [--rows 1000000]
                                                 [--backend sqlite|postgresql|both]

For each backend (SQLite file; PostgreSQL in a throwaway cluster started here):

1. Load: the demo county is seeded, ``--terminals`` terminals are enrolled, and
   ``county serve`` runs as its own process (one uvicorn worker). Every
   simulated terminal then, concurrently: pages ``changes`` from a cursor a
   few hundred changes behind (limit 100) until caught up, posts a
   heartbeat, and does it once more (caught up: one page). A bounded loop:
   it stops by itself. Prints requests/s and p50/p99 latency, next to the
   load a real fleet makes (every terminal polling once a minute).
2. Import: a ``--rows`` CSV in the department format is imported with
   ``county import`` logic (validate, hash, de-duplicate, insert), next to a
   raw ``executemany`` (SQLite) / ``COPY`` (PostgreSQL) of the same rows,
   already hashed, into the same table: the ratio is the price of checking.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import gc
import json
import random
import re
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from county_process import serve_county
from sqlalchemy import Engine, insert

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from county_server.pgcluster import PgCluster, find_bindir, start_cluster

from county.db import open_county_db
from county.importer import ImportOptions, import_payments
from county.models import Payment
from county.payments import NewPayment, content_key
from county.seed import seed_demo
from county.seq import current_seq
from county.terminals import enroll, new_enrollment_code
from kiosk.identity import check_digit, id_hash

#: A real fleet: every terminal pulls changes and sends a heartbeat once a minute.
FLEET_POLL_S = 60


class _Conn:
    """A minimal HTTP/1.1 keep-alive client on one asyncio connection.

    httpx's async pool costs more CPU per request than the server under
    test once hundreds of connections are open, and the load generator
    shares this machine's cores with the server: this keeps it out of the
    way. JSON in, JSON out, Content-Length bodies only (what the API sends
    for these two endpoints).
    """

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port = host, port
        self.auth = f"Authorization: Bearer {token}\r\n".encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = (f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n").encode()
        self.writer.write(head + self.auth + b"\r\n" + body)
        status_line = await self.reader.readline()
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return int(status_line.split()[1]), await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _terminal(host: str, port: int, token: str, start: int, latencies: list[float],
                    errors: list[str]) -> None:
    conn = _Conn(host, port, token)
    cursor = str(start)
    beat = {"version": "0.1.0", "uptime_s": 3600, "reader": "ready", "printer": "ready",
            "outbox_depth": 0, "disk_free_bytes": 2**33}
    try:
        for _round in range(2):
            while True:
                t0 = time.perf_counter()
                status, body = await conn.request("GET",
                                                  f"/api/v1/changes?since={cursor}&limit=100")
                latencies.append(time.perf_counter() - t0)
                if status != 200:
                    errors.append(f"changes {status}")
                    return
                page = json.loads(body)
                cursor = page["next_cursor"]
                if not page["has_more"]:
                    break
            t0 = time.perf_counter()
            status, _ = await conn.request("POST", "/api/v1/heartbeat",
                                           json.dumps({**beat, "cursor": cursor}).encode())
            latencies.append(time.perf_counter() - t0)
            if status != 200:
                errors.append(f"heartbeat {status}")
    finally:
        conn.close()


async def _fleet(base: str, tokens: list[str], start: int) -> tuple[list[float], list[str],
                                                                     float]:
    latencies: list[float] = []
    errors: list[str] = []
    host, port = base.removeprefix("http://").split(":")
    t0 = time.perf_counter()
    await asyncio.gather(*(_terminal(host, int(port), token, start, latencies, errors)
                           for token in tokens))
    return latencies, errors, time.perf_counter() - t0


def bench_load(name: str, url: str, terminals: int) -> None:
    engine = open_county_db(url)
    seed_demo(engine, now=datetime.now(UTC))
    now = datetime.now(UTC)
    tokens = []
    for i in range(terminals):
        code, _ = new_enrollment_code(engine, township="高村镇", village=f"村{i % 40}", now=now)
        tokens.append(enroll(engine, code, now=now).token)
    with engine.connect() as conn:
        start = max(0, current_seq(conn) - 250)
    engine.dispose()
    proc, base = serve_county(url, Path(tempfile.gettempdir()) / f"bench-county-{name}.log")
    try:
        latencies, errors, elapsed = asyncio.run(_fleet(base, tokens, start))
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    rate = len(latencies) / elapsed
    p50 = statistics.median(latencies) * 1000
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    needed = terminals * 2 / FLEET_POLL_S
    print(f"[{name}] load: {terminals} terminals, {len(latencies)} requests in {elapsed:.1f} s "
          f"→ {rate:.0f} req/s, p50 {p50:.0f} ms, p99 {p99:.0f} ms, errors {len(errors)}")
    print(f"[{name}]   reference: {terminals} terminals polling every {FLEET_POLL_S} s need "
          f"{needed:.0f} req/s → headroom ×{rate / needed:.1f}")


ITEMS = ("农村低保", "基础养老金", "高龄津贴", "耕地地力保护补贴", "特困供养", "医疗救助",
         "教育资助", "计生奖扶")


def write_csv(path: Path, rows: int) -> None:
    """``rows`` payments to distinct synthetic people, laid out as departments send them:
    a title row and a 单位 row above the header on row 3, a 合计 and a 制表人 row below."""
    rng = random.Random(7)
    first_day = date(1930, 1, 1)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["2025年麻阳苗族自治县惠民惠农补贴资金发放花名册"])
        writer.writerow(["", "", "", "", "", "", "单位：元"])
        writer.writerow(["姓名", "身份证号", "项目", "金额(元)", "发放日期", "发放部门",
                         "资金来源"])
        for i in range(rows):
            birth = first_day + timedelta(days=i % 27000)
            first17 = f"431226{birth:%Y%m%d}{i // 27000 + 1:03d}"  # sequences start at 001
            paid = date(2022, 1, 1) + timedelta(days=rng.randrange(0, 1700))
            writer.writerow(["某某", first17 + check_digit(first17), ITEMS[i % len(ITEMS)],
                             f"{rng.randrange(50, 300000) / 100:,.2f}", f"{paid:%Y-%m-%d}",
                             "县民政局", "中央财政"])
        writer.writerow(["合计", "", "", "", "", "", ""])
        writer.writerow(["制表人：张晓红", "", "审核人：李国华", "", "", "", ""])


def _raw_rows(path: Path, key: bytes) -> list[dict[str, object]]:
    """The same rows, hashed and typed, ready for a plain bulk insert."""
    codes = {"农村低保": "DIBAO", "基础养老金": "YANGLAO", "高龄津贴": "GAOLING",
             "耕地地力保护补贴": "GENGDI", "特困供养": "TEKUN", "医疗救助": "YILIAO_JZ",
             "教育资助": "JIAOYU", "计生奖扶": "JIANGLI"}
    now = datetime.now(UTC)
    out = []
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        for _ in range(3):  # title, unit, header
            next(reader)
        for seq, (_name, number, item, amount, paid, dept, fund) in enumerate(reader, 1):
            if not number:  # 合计, 制表人
                continue
            p = NewPayment(id_hash(key, number), "", codes[item], "",
                           round(float(amount.replace(",", "")) * 100),
                           date.fromisoformat(paid), "paid", dept, fund)
            out.append({"id_hash": p.id_hash, "household_id": "", "item_code": p.item_code,
                        "period": "", "amount_fen": p.amount_fen, "paid_on": p.paid_on,
                        "status": "paid", "department": dept, "fund_source": fund, "batch": "",
                        "township": "", "village": "", "content_key": content_key(p),
                        "seq": seq, "deleted": False, "updated_at": now})
    return out


def _raw_insert(engine: Engine, rows: list[dict[str, object]]) -> float:
    t0 = time.perf_counter()
    if engine.dialect.name == "postgresql":
        columns = list(rows[0])
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            with cursor.copy(
                    f"COPY payment ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    values = dict(row)
                    values["updated_at"] = datetime.now(UTC).replace(tzinfo=None)
                    copy.write_row([values[c] for c in columns])
            raw.commit()
        finally:
            raw.close()
    else:
        with engine.begin() as conn:
            conn.execute(insert(Payment), rows)
    return time.perf_counter() - t0


def _reset_peak_rss() -> None:
    """Start a new peak-RSS (VmHWM) measurement for this process (Linux ≥ 4.0)."""
    Path("/proc/self/clear_refs").write_text("5")


def _peak_rss_mib() -> float:
    status = Path("/proc/self/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else float("nan")


def bench_import(name: str, make_url: Callable[[str], str], csv_path: Path, rows: int) -> None:
    engine = open_county_db(make_url("import"))
    gc.collect()
    _reset_peak_rss()
    t0 = time.perf_counter()
    result = import_payments(engine, csv_path, ImportOptions(), now=datetime.now(UTC))
    elapsed = time.perf_counter() - t0
    import_rss = _peak_rss_mib()
    assert result.imported and result.new == rows, result.as_json()
    assert result.sheets[0].header_row == 3 and len(result.sheets[0].skipped) == 2
    engine.dispose()

    raw_engine = open_county_db(make_url("raw"))
    gc.collect()
    _reset_peak_rss()
    prepared = _raw_rows(csv_path, b"bench lookup key" * 2)  # hashing is not timed here
    rows_rss = _peak_rss_mib()
    raw_s = _raw_insert(raw_engine, prepared)
    raw_engine.dispose()
    del prepared
    print(f"[{name}] import: peak RSS {import_rss:,.0f} MiB for {rows} rows (target: under "
          f"300 MiB for 1 000 000); reference: the same rows held as a list of dicts, "
          f"peak RSS {rows_rss:,.0f} MiB")
    print(f"[{name}] import: {rows} rows in {elapsed:.1f} s → {rows / elapsed:,.0f} rows/s "
          f"(check + hash + de-duplicate + insert)")
    print(f"[{name}]   reference: raw {'COPY' if name == 'postgresql' else 'executemany'} of "
          f"the same rows, pre-hashed: {raw_s:.1f} s → {rows / raw_s:,.0f} rows/s; "
          f"ratio ×{elapsed / raw_s:.1f} (target ≤ ×{2 if name == 'postgresql' else 3}, "
          "header detection and ID checks included)")


def _pg_urls(cluster: PgCluster) -> Callable[[str], str]:
    return lambda tag: cluster.create_database(f"bench_{tag}")


def _sqlite_urls(work: Path) -> Callable[[str], str]:
    return lambda tag: f"sqlite:///{work / f'{tag}.db'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminals", type=int, default=500)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-county-"))
    cluster: PgCluster | None = None
    try:
        csv_path = work / "payments.csv"
        if not args.skip_import:
            t0 = time.perf_counter()
            write_csv(csv_path, args.rows)
            print(f"wrote {args.rows} rows ({csv_path.stat().st_size / 2**20:.0f} MiB) "
                  f"in {time.perf_counter() - t0:.1f} s")
        backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
        for name in backends:
            if name == "postgresql":
                bindir = find_bindir()
                if bindir is None:
                    print("[postgresql] skipped: PostgreSQL is not installed")
                    continue
                cluster = start_cluster(bindir)
                make_url = _pg_urls(cluster)
            else:
                make_url = _sqlite_urls(work)
            if not args.skip_load:
                bench_load(name, make_url("load"), args.terminals)
            if not args.skip_import:
                bench_import(name, make_url, csv_path, args.rows)
    finally:
        if cluster is not None:
            cluster.stop()
        for path in work.glob("*"):
            path.unlink()
        work.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
