"""Benchmark: snapshot apply and 10 000-change pages, next to raw ``sqlite3`` executemany.

1. Writes a snapshot stream of N payments (JSON lines, as the county sends
   them after gzip) to a temp file, streamed, never held in memory.
2. Stages it exactly as the daemon does (sync.snapshot: parse and validate
   every line, stage into the side file with checkpoints) and applies it to a
   fresh cache in one transaction (``INSERT … SELECT``) — timed separately.
3. Inserts the same rows with a raw ``sqlite3`` ``executemany`` into another
   fresh cache (same schema and indexes), rows already parsed in memory.
4. Applies a 10 000-payment ``changes`` page (sync.pages.apply_page: checks,
   upserts and cursor in one transaction, on the 1 M-row cache) next to a raw
   ``INSERT OR REPLACE`` executemany of the same rows; median of five.
5. Peak RSS of this process through steps 1–2 (the daemon's code path, in
   process: it includes writing the stream and this benchmark's own imports).
6. The daemon's own peak RSS (syncd_rss.py): a county with the demo data plus
   N payments, ``county serve`` on loopback, and ``kiosk syncd --once`` of a
   freshly enrolled terminal as a separate process — the whole first sync
   (snapshot streamed, staged, applied). Printed next to, in the same run,
   a bare ``import kiosk.cli.main, sync.daemon`` process and the same
   ``syncd --once`` against the demo county only.

Targets (issue 8): apply ≤ 1.5× raw; daemon RSS < 150 MB.
Run: ``.venv/bin/python tests/bench/bench_sync.py [--payments N] [--no-daemon]``; N defaults
to ``$BENCH_SYNC_PAYMENTS`` or 1 000 000 (try 50000 for a quick run). Prints; asserts only
that the rows arrived.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from syncd_rss import bench_daemon_rss

from kiosk.store import open_store, write_connection
from sync.client import ClientSettings, CountyClient
from sync.pages import apply_page
from sync.protocol import ChangesPage, PaymentRecord
from sync.snapshot import SnapshotStage, apply_snapshot, download_snapshot
from sync.state import update_state

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
CHECKPOINT = 2000
COLUMNS = ("id", "id_hash", "household_id", "item_code", "period", "amount_fen", "paid_on",
           "status", "department", "fund_source", "batch", "updated_at")


def payment(i: int, amount: int) -> dict[str, object]:
    """A deterministic wire record."""
    return {"id": i, "id_hash": f"{i * 2654435761 % 2**64:064x}", "household_id": f"H{i // 3}",
            "item_code": ("DIBAO", "WUBAO", "GENGDI")[i % 3], "period": f"2026年{i % 12 + 1}月",
            "amount_fen": amount, "paid_on": str(date(2026, 1, 1) + timedelta(days=i % 300)),
            "status": "paid", "department": "民政局", "fund_source": "中央", "batch": "B1",
            "updated_at": NOW.isoformat()}


def write_stream(path: Path, count: int) -> None:
    """The snapshot as the county streams it (uncompressed), line by line."""
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"type": "header", "cursor": "1"}) + "\n")
        for i in range(1, count + 1):
            out.write(json.dumps({"type": "payment", "data": payment(i, i % 50_000)},
                                 ensure_ascii=False) + "\n")
            if i % CHECKPOINT == 0:
                out.write(json.dumps({"type": "checkpoint", "resume": f"s1.1.4.{i}"}) + "\n")
        out.write(json.dumps({"type": "end", "cursor": "1", "records": count}) + "\n")


class FileClient(CountyClient):
    """A client whose snapshot comes from a file (the network is not what is measured)."""

    def __init__(self, path: Path) -> None:
        super().__init__("http://127.0.0.1:9", None, ClientSettings())
        self.path = path

    @contextmanager
    def snapshot_lines(self, resume: str | None) -> Iterator[Iterator[bytes]]:
        with self.path.open("rb") as handle:
            yield (line.rstrip(b"\n") for line in handle)


def rss_mb() -> float:
    """Peak resident set size of this process so far, MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def raw_rows(count: int, amount: int = 0) -> list[tuple[object, ...]]:
    """The same rows as storage tuples (dates as SQLAlchemy stores them)."""
    stamp = NOW.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    rows = []
    for i in range(1, count + 1):
        p = payment(i, amount or i % 50_000)
        p["updated_at"] = stamp
        rows.append(tuple(p[c] for c in COLUMNS))
    return rows


def raw_insert(db: Path, rows: list[tuple[object, ...]], *, replace: bool = False) -> float:
    """Seconds for one executemany transaction of ``rows`` into ``db``."""
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    sql = f"{verb} INTO payment ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    start = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    con.executemany(sql, rows)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--payments", type=int,
                        default=int(os.environ.get("BENCH_SYNC_PAYMENTS", "1000000")))
    parser.add_argument("--page", type=int, default=10_000)
    parser.add_argument("--no-daemon", action="store_true",
                        help="skip the separate-process daemon RSS measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        work = Path(tmp)
        stream = work / "snapshot.jsonl"
        t0 = time.perf_counter()
        write_stream(stream, args.payments)
        print(f"stream written: {args.payments:,} payments, "
              f"{stream.stat().st_size / 1e6:.0f} MB, {time.perf_counter() - t0:.1f} s")

        engine = open_store(work / "kiosk.db")
        stage = SnapshotStage(work / "kiosk.db.snapshot").open()
        t0 = time.perf_counter()
        download_snapshot(FileClient(stream), stage)
        staged = time.perf_counter() - t0
        t0 = time.perf_counter()
        counts = apply_snapshot(engine, stage, now=NOW)
        applied = time.perf_counter() - t0
        peak = rss_mb()
        assert counts["payment"] == args.payments

        fresh = work / "raw.db"
        open_store(fresh).dispose()
        rows = raw_rows(args.payments)
        raw = raw_insert(fresh, rows)
        del rows

        print(f"stage (parse + validate + stage): {staged:6.1f} s "
              f"({args.payments / staged:,.0f} records/s)")
        print(f"apply (one transaction)         : {applied:6.1f} s")
        print(f"raw sqlite3 executemany         : {raw:6.1f} s   (reference)")
        print(f"apply / raw                     : {applied / raw:6.2f}×   (target ≤ 1.5×)")
        print(f"stage + apply / raw             : {(staged + applied) / raw:6.2f}×")
        print(f"peak RSS, in process (bench)    : {peak:6.0f} MB  (not the daemon's: see below)")

        n = min(args.page, args.payments)
        paged_runs, raw_runs = [], []
        for run in range(1, 6):  # median of five: a loaded machine is noisy at this scale
            page = ChangesPage(payments=[PaymentRecord.model_validate(payment(i, 7 + run))
                                         for i in range(1, n + 1)],
                               next_cursor=str(run + 1), has_more=False, server_time=NOW)
            with write_connection(engine) as conn:
                update_state(conn, cursor=str(run))
            t0 = time.perf_counter()
            apply_page(engine, page, since=str(run), now=NOW)
            paged_runs.append(time.perf_counter() - t0)
            raw_runs.append(raw_insert(fresh, raw_rows(n, amount=7 + run), replace=True))
        paged, raw_page = statistics.median(paged_runs), statistics.median(raw_runs)
        print(f"{n:,}-change page apply         : {paged:6.2f} s   (median of 5)")
        print(f"raw INSERT OR REPLACE           : {raw_page:6.2f} s   (reference)")
        print(f"page / raw                      : {paged / raw_page:6.2f}×   (target ≤ 1.5×)")
        engine.dispose()
    if not args.no_daemon:
        bench_daemon_rss(args.payments)


if __name__ == "__main__":
    main()
