"""`county import` streams: its memory does not grow with the file's rows (issue 12).

An import held every good row (1 M rows: 1.08 GB RSS). Each import here runs
in a fresh process that reports its peak RSS; the slope between a small and a
larger file, per row, projects a million-row import, which must stay below
300 MB. (Memory, not time: a loaded machine changes neither figure much.)
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from kiosk.identity import check_digit

_CHILD = """
import re, sys
from datetime import UTC, datetime
from pathlib import Path
from county.db import open_county_db
from county.importer import ImportOptions, import_payments
engine = open_county_db(sys.argv[2])
# Reset the peak (VmHWM) after the migrations, so the figure is the import's own.
Path("/proc/self/clear_refs").write_text("5")
result = import_payments(engine, Path(sys.argv[1]), ImportOptions(), now=datetime.now(UTC))
assert result.imported, result.as_json()
status = Path("/proc/self/status").read_text()
print(result.new, re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
"""
#: The acceptance line: a million-row import under this many bytes of RSS.
LIMIT_1M = 300 << 20


def _department_file(path: Path, rows: int) -> Path:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["身份证号", "项目", "金额(元)", "发放日期", "乡镇", "村"])
        for i in range(rows):
            birth = date(1930, 1, 1) + timedelta(days=i % 27000)
            first17 = f"431226{birth:%Y%m%d}{i // 27000:03d}"
            writer.writerow([first17 + check_digit(first17), "农村低保",
                             f"{rng.randrange(50, 300000) / 100:.2f}", "2024-03-05",
                             "高村镇", "青山村"])
    return path


def _peak_rss(tmp_path: Path, rows: int) -> int:
    """Peak RSS (bytes) of a fresh process importing ``rows`` rows into a new database."""
    source = _department_file(tmp_path / f"{rows}.csv", rows)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(source),
                           f"sqlite:///{tmp_path / f'{rows}.db'}"],
                          capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    new, peak_kib = (int(v) for v in done.stdout.split())
    assert new == rows
    return peak_kib * 1024


def test_import_memory_does_not_grow_with_rows(tmp_path: Path) -> None:
    small, large = 10_000, 90_000
    low, high = _peak_rss(tmp_path, small), _peak_rss(tmp_path, large)
    per_row = max(0, high - low) / (large - small)
    projected = low + per_row * (1_000_000 - small)
    print(f"import peak RSS: {low / 2**20:.0f} MiB at {small:,} rows, "
          f"{high / 2**20:.0f} MiB at {large:,}: {per_row:.0f} B/row → "
          f"{projected / 2**20:.0f} MiB projected for 1 000 000 rows")
    assert projected < LIMIT_1M
