"""Peak memory of `county import` in a child process (issue 12: imports stream rows).

The child imports a generated department CSV into a fresh SQLite county and
reports its own ``VmHWM`` (the kernel's high-water mark of its resident set,
from ``/proc/self/status``) as it finishes — not ``ru_maxrss`` from the
parent, which Linux seeds with the parent's size at fork. Used by
tests/county_server/test_import_memory.py and tests/bench/bench_import_rss.py.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kiosk.identity import check_digit

__all__ = ["ImportRun", "import_in_child", "write_payments_csv"]

_CHILD = """
import json, sys
from datetime import UTC, date, datetime
from pathlib import Path
from county.db import open_county_db
from county.importer import ImportOptions, import_payments, staging
if len(sys.argv) > 3:
    staging.CACHE_KIB = int(sys.argv[3])
engine = open_county_db(sys.argv[2])
result = import_payments(engine, Path(sys.argv[1]), ImportOptions(today=date(2025, 1, 1),
                                                                  accept_warnings=True),
                         now=datetime.now(UTC))
status = open("/proc/self/status", encoding="ascii").read().splitlines()
hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"new": result.new, "imported": result.imported, "vm_hwm_kib": hwm}))
"""


@dataclass(frozen=True)
class ImportRun:
    """What the child reported."""

    rows_new: int
    peak_rss_bytes: int


def write_payments_csv(path: Path, rows: int) -> Path:
    """A 民政局 CSV of ``rows`` distinct people, one 农村低保 payment each."""
    born = date(1940, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["姓名", "身份证号", "项目", "金额(元)", "发放日期", "发放部门", "乡镇",
                         "村"])
        for i in range(rows):
            day = born + timedelta(days=i // 999)
            first17 = f"431226{day:%Y%m%d}{i % 999 + 1:03d}"
            writer.writerow([f"村民{i}", first17 + check_digit(first17), "农村低保",
                             f"{200 + i % 500}.50", "2024-03-05", "县民政局", "高村镇",
                             f"村{i % 40}"])
    return path


def import_in_child(csv_path: Path, database: Path, *, timeout: float = 3600,
                    staging_cache_kib: int | None = None) -> ImportRun:
    """Import ``csv_path`` into a new SQLite county at ``database`` in a child process
    (with the staging file's page cache at ``staging_cache_kib`` if given)."""
    cache = [] if staging_cache_kib is None else [str(staging_cache_kib)]
    done = subprocess.run([sys.executable, "-c", _CHILD, str(csv_path), f"sqlite:///{database}",
                           *cache],
                          capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"import child failed: {done.stderr[-2000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if not report["imported"]:
        raise RuntimeError(f"import child imported nothing: {report}")
    return ImportRun(int(report["new"]), int(report["vm_hwm_kib"]) * 1024)
