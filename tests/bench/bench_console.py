"""Console benchmark: /dashboard and each drill-down level on a county-sized database.

    .venv/bin/python tests/bench/bench_console.py [--people 400000] [--payments 5000000]
                                                  [--backend sqlite|postgresql|both]

For each backend (SQLite file; PostgreSQL in a throwaway cluster started here)
a synthetic county is bulk-loaded (20 townships × 20 villages, the shipped
items and departments, five years), the real county server is started on
loopback, an inspector logs in, and the three dashboard levels (county, a
township, a village) are fetched over HTTP, three times each (the median is
printed). Beside each: the same aggregates as raw SQL over the payment table
on the same database in the same run, the reference the page is measured
against. The page reads the summary tables (rebuilt once after loading, as
after an import; that time is printed too).

Goal (issue 22): every page under 1 s on PostgreSQL on this machine, and
within ×2 of its raw SQL.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
from sqlalchemy import Engine, insert, text

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from county_server.console_data import log_in
from county_server.live import LiveServer
from county_server.pgcluster import PgCluster, find_bindir, start_cluster

from county.catalogue import list_items
from county.console.accounts import add_user
from county.console.summary import refresh
from county.db import open_county_db
from county.models import HouseholdMember, Payment

TOWNSHIPS = [f"第{n:02d}镇" for n in range(1, 21)]
VILLAGES = [f"第{n:02d}村" for n in range(1, 21)]
YEARS = (2022, 2023, 2024, 2025, 2026)
CHUNK = 50_000


def _people(count: int) -> Iterator[dict[str, object]]:
    now = datetime.now(UTC)
    for i in range(count):
        place = i % (len(TOWNSHIPS) * len(VILLAGES))
        yield {"id_hash": f"{i:064x}", "household_id": f"H{i // 3}",
               "township": TOWNSHIPS[place // len(VILLAGES)],
               "village": VILLAGES[place % len(VILLAGES)], "seq": 1, "deleted": False,
               "updated_at": now}


def _payments(count: int, people: int, items: list[tuple[str, str]]) -> Iterator[dict[str, object]]:
    rng = random.Random(22)
    now = datetime.now(UTC)
    for i in range(count):
        person = rng.randrange(people)
        place = person % (len(TOWNSHIPS) * len(VILLAGES))
        code, department = items[i % len(items)]
        year = YEARS[i % len(YEARS)]
        yield {"id_hash": f"{person:064x}", "household_id": f"H{person // 3}",
               "item_code": code, "period": f"{year}年{i % 12 + 1}月",
               "amount_fen": rng.randrange(5_000, 200_000),
               "paid_on": date(year, i % 12 + 1, 15), "status": "paid",
               "department": department, "fund_source": "", "batch": "",
               "township": TOWNSHIPS[place // len(VILLAGES)],
               "village": VILLAGES[place % len(VILLAGES)], "content_key": f"{i:064x}",
               "seq": 1, "deleted": False, "updated_at": now}


def _load(engine: Engine, rows: Iterator[dict[str, object]], table: type) -> None:
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            with engine.begin() as conn:
                conn.execute(insert(table), batch)
            batch = []
    if batch:
        with engine.begin() as conn:
            conn.execute(insert(table), batch)


RAW = {
    "totals": "SELECT coalesce(sum(amount_fen), 0), count(*) FROM payment WHERE {w}",
    "people": "SELECT count(DISTINCT id_hash), count(DISTINCT household_id) "
              "FROM household_member WHERE {m}",
    "year": "SELECT {year}, sum(amount_fen) FROM payment WHERE {w} GROUP BY 1 ORDER BY 1",
    "item": "SELECT item_code, sum(amount_fen) FROM payment WHERE {w} GROUP BY 1",
    "place": "SELECT {place}, sum(amount_fen) FROM payment WHERE {w} GROUP BY 1",
    "department": "SELECT department, sum(amount_fen) FROM payment WHERE {w} GROUP BY 1",
}


def _raw(engine: Engine, township: str, village: str) -> float:
    year = ("CAST(strftime('%Y', paid_on) AS INTEGER)" if engine.dialect.name == "sqlite"
            else "extract(year FROM paid_on)")
    where = "deleted = false AND status = 'paid'"
    members = "deleted = false"
    for column, value in (("township", township), ("village", village)):
        if value:
            where += f" AND {column} = '{value}'"
            members += f" AND {column} = '{value}'"
    place = "village" if township else "township"
    t0 = time.perf_counter()
    with engine.connect() as conn:
        for name, sql in RAW.items():
            if name == "place" and village:
                continue
            conn.execute(text(sql.format(w=where, m=members, year=year, place=place))).all()
    return time.perf_counter() - t0


def _median(run: Callable[[], float], times: int = 3) -> float:
    return statistics.median(run() for _ in range(times))


def bench(name: str, url: str, people: int, payments: int) -> None:
    engine = open_county_db(url)
    items = [(i.code, i.department) for i in list_items(engine)]
    t0 = time.perf_counter()
    _load(engine, _people(people), HouseholdMember)
    _load(engine, _payments(payments, people, items), Payment)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    print(f"[{name}] loaded {people:,} people and {payments:,} payments in "
          f"{time.perf_counter() - t0:.0f} s")
    t0 = time.perf_counter()
    assert refresh(engine)
    print(f"[{name}] summary tables rebuilt in {time.perf_counter() - t0:.1f} s (what an "
          "import pays once, county/console/summary.py)")
    add_user(engine, "bench", role="inspector", password="bench-password", actor="bench",
             now=datetime.now(UTC))
    levels = (("county", "", ""), ("township", TOWNSHIPS[3], ""),
              ("village", TOWNSHIPS[3], VILLAGES[7]))
    with LiveServer(engine) as server, httpx.Client(base_url=server.url, timeout=600) as http:
        assert log_in(http, "bench", "bench-password").status_code == 303
        for level, township, village in levels:
            params = {k: v for k, v in (("township", township), ("village", village)) if v}

            def page(params: dict[str, str] = params) -> float:
                t = time.perf_counter()
                answer = http.get("/dashboard", params=params)
                assert answer.status_code == 200, answer.status_code
                return time.perf_counter() - t

            def raw(township: str = township, village: str = village) -> float:
                return _raw(engine, township, village)

            page_s = _median(page)
            raw_s = _median(raw)
            verdict = "goal met" if page_s < 1 and page_s <= 2 * raw_s else "goal NOT met"
            print(f"[{name}] /dashboard {level:8}: page {page_s:.2f} s (median of 3); raw SQL "
                  f"of the same aggregates {raw_s:.2f} s; ratio ×{page_s / raw_s:.2f} "
                  f"(goal < 1 s on PostgreSQL and ≤ ×2: {verdict})")
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=400_000)
    parser.add_argument("--payments", type=int, default=5_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-console-"))
    cluster: PgCluster | None = None
    try:
        for name in ("sqlite", "postgresql") if args.backend == "both" else (args.backend,):
            if name == "postgresql":
                bindir = find_bindir()
                if bindir is None:
                    print("[postgresql] skipped: PostgreSQL is not installed")
                    continue
                cluster = start_cluster(bindir)
                url = cluster.create_database("bench_console")
            else:
                url = f"sqlite:///{work / 'console.db'}"
            bench(name, url, args.people, args.payments)
    finally:
        if cluster is not None:
            cluster.stop()
        for path in work.glob("*"):
            path.unlink()
        work.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
