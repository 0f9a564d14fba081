"""Benchmark: benefit lookup on a county-sized cache, next to the raw SQLite query.

Builds (once, cached under $BENCH_DIR or /tmp) a cache with 400 000 people in
~133 000 households and 2 000 000 payments, then times ``BenefitLookup.lookup``
for random people against the same rows fetched by a plain ``sqlite3`` query
in the same run. Targets (issue 3): p99 < 5 ms and ≤ 2× the raw query.

Run: ``.venv/bin/python tests/bench/bench_lookup.py [--people N] [--payments N]``.
Not collected by pytest; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from kiosk.catalogue import CATALOGUE
from kiosk.identity import check_digit, id_hash
from kiosk.lookup import _SQL, BenefitLookup
from kiosk.store import open_store

KEY = b"bench lookup key 0123456789abcdef"


def _number(i: int) -> str:
    birth = date(1940, 1, 1) + timedelta(days=i % 25_000)
    first17 = f"431226{birth:%Y%m%d}{(i // 25_000) % 1000:03d}"
    return first17 + check_digit(first17)


def build(path: Path, people: int, payments: int) -> list[str]:
    """Create the cache at ``path`` (if absent) and return the people's ID numbers."""
    numbers: list[str] = []
    seen: set[str] = set()
    i = 0
    while len(numbers) < people:
        n = _number(i)
        i += 1
        if n not in seen:
            seen.add(n)
            numbers.append(n)
    if path.exists():
        return numbers
    tmp = path.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    open_store(tmp).dispose()
    rng = random.Random(42)
    hashes = [id_hash(KEY, n) for n in numbers]
    households = [f"HH{idx // 3:07d}" for idx in range(people)]
    items = [(c.code, c.scope, c.department) for c in CATALOGUE]
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    with con:
        con.executemany(
            "INSERT INTO benefit_item (code, name, category, department, scope, standard, policy,"
            " updated_at) VALUES (?, ?, ?, ?, ?, '', '', '2026-01-01 00:00:00')",
            [(c.code, c.name, c.category, c.department, c.scope) for c in CATALOGUE])
        con.executemany(
            "INSERT INTO household_member (id_hash, household_id, updated_at)"
            " VALUES (?, ?, '2026-01-01 00:00:00')", zip(hashes, households, strict=True))

        def rows() -> Iterator[tuple[object, ...]]:
            for pid in range(1, payments + 1):
                who = rng.randrange(people)
                code, _scope, dept = items[rng.randrange(len(items))]
                paid = date(2022, 1, 1) + timedelta(days=rng.randrange(1780))
                yield (pid, hashes[who], households[who], code, f"{paid:%Y年%m月}",
                       rng.randrange(1000, 200000), paid.isoformat(), "paid", dept, "财政",
                       "B1", "2026-01-01 00:00:00")

        con.executemany(
            "INSERT INTO payment (id, id_hash, household_id, item_code, period, amount_fen,"
            " paid_on, status, department, fund_source, batch, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
        con.execute("INSERT INTO sync_state (id, data_as_of) VALUES (1, '2026-11-20 00:00:00')")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("ANALYZE")
    con.close()
    tmp.rename(path)
    return numbers


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0–100) of ``samples``."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q / 100))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=400_000)
    parser.add_argument("--payments", type=int, default=2_000_000)
    parser.add_argument("--lookups", type=int, default=3_000)
    args = parser.parse_args()
    bench_dir = Path(os.environ.get("BENCH_DIR", "/tmp/village-kiosk-bench"))
    bench_dir.mkdir(parents=True, exist_ok=True)
    path = bench_dir / f"lookup-{args.people}-{args.payments}.db"
    started = time.perf_counter()
    numbers = build(path, args.people, args.payments)
    print(f"cache: {path} ({path.stat().st_size / 1e6:.0f} MB, {args.people:,} people, "
          f"{args.payments:,} payments; ready in {time.perf_counter() - started:.1f} s)")

    engine = open_store(path)
    lookup = BenefitLookup(engine, KEY)
    raw = sqlite3.connect(path, isolation_level=None)
    rng = random.Random(7)
    sample = [numbers[rng.randrange(len(numbers))] for _ in range(args.lookups)]
    # Read the file once so that neither side pays cold disk reads the other
    # then profits from (a kiosk's cache file sits in the page cache too).
    with path.open("rb") as handle:
        while handle.read(1 << 24):
            pass
    for n in sample[:200]:  # warm both code paths
        lookup.lookup(n)
        raw.execute(_SQL, {"h": id_hash(KEY, n)}).fetchall()

    ours: list[float] = []
    theirs: list[float] = []
    rows = 0

    def time_raw(h: str) -> int:
        t0 = time.perf_counter()
        result = raw.execute(_SQL, {"h": h}).fetchall()
        theirs.append(time.perf_counter() - t0)
        return len(result)

    def time_ours(number: str) -> None:
        t0 = time.perf_counter()
        lookup.lookup(number)
        ours.append(time.perf_counter() - t0)

    for i, n in enumerate(sample):
        # Alternate which goes first, so neither always finds the other's pages.
        h = id_hash(KEY, n)
        if i % 2:
            rows += time_raw(h)
            time_ours(n)
        else:
            time_ours(n)
            rows += time_raw(h)
    lookup.close()
    engine.dispose()
    raw.close()

    def ms(v: float) -> str:
        return f"{v * 1000:7.3f} ms"

    print(f"{args.lookups:,} lookups, {rows / len(sample):.1f} payments per person on average")
    print(f"{'':22}{'p50':>10}{'p99':>12}")
    print(f"{'kiosk lookup':22}{ms(statistics.median(ours))}  {ms(percentile(ours, 99))}")
    print(f"{'raw sqlite3 query':22}{ms(statistics.median(theirs))}  "
          f"{ms(percentile(theirs, 99))}")
    print(f"ratio kiosk/raw: p50 {statistics.median(ours) / statistics.median(theirs):.2f}x, "
          f"p99 {percentile(ours, 99) / percentile(theirs, 99):.2f}x  "
          f"(target: p99 < 5 ms and ≤ 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
