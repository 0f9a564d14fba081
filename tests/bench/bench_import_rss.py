"""Benchmark: peak memory of `county import` for a 1 M-row CSV (issue 12: "imports stream
rows instead of holding them … a 1 M-row import stays under 300 MB RSS").

Each import runs in its own child process (tests/county_server/import_rss.py)
on a fresh SQLite county and reports its own peak resident set (``VmHWM``).
In the same run, for reference: the same import of 1 000 rows — the
interpreter, SQLAlchemy, the migrations and the importer with next to no
data. Before rows streamed (issue 12) 1 M rows took 1.08 GB.

Run: ``.venv/bin/python tests/bench/bench_import_rss.py [--rows N]`` (about
10–20 minutes for 1 M rows on one core). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from county_server.import_rss import import_in_child, write_payments_csv


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        base = Path(tmp)
        small = import_in_child(write_payments_csv(base / "small.csv", 1000), base / "small.db")
        big_csv = write_payments_csv(base / "big.csv", args.rows)
        started = time.perf_counter()
        big = import_in_child(big_csv, base / "big.db", timeout=6 * 3600)
        took = time.perf_counter() - started
    mib = 1024 * 1024
    lines = [("reference, 1 000 rows", small.peak_rss_bytes, ""),
             (f"{args.rows:,} rows ({big.rows_new:,} new)", big.peak_rss_bytes,
              f" (target < 300 MB = {300e6 / mib:,.0f} MiB); imported in {took / 60:,.1f} min")]
    for label, peak, note in lines:
        print(f"{label}: peak RSS {peak / mib:,.0f} MiB{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
