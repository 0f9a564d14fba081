"""The real daemon's peak RSS during a big snapshot (used by bench_sync.py).

A county database is seeded with the demo county plus ``payments`` bulk
payments (SQLAlchemy Core ``executemany`` in one transaction, seqs taken from
the change counter as the importer does), ``county serve`` runs as its own
process on loopback, and two terminals are enrolled with ``kiosk enroll``.
Then, each as a separate process:

* reference 1: ``python -c 'import kiosk.cli.main, sync.daemon'`` — the
  interpreter and the daemon's imports, nothing run;
* reference 2: terminal A runs ``kiosk syncd --once`` *before* the bulk rows
  are added — the same code path with only the demo county to snapshot;
* the figure: terminal B runs ``kiosk syncd --once`` against the county with
  the bulk rows — a first sync, i.e. the whole snapshot streamed, staged and
  applied.

Peak RSS of each child is the kernel's high-water mark of its own address
space, ``VmHWM``, which the child copies from ``/proc/self/status`` as it exits
(a ``finally`` around the CLI's ``main``); the highest ``VmHWM`` polled from
``/proc/PID/status`` every 50 ms while it runs is printed next to it as a
check. (Not ``ru_maxrss`` from ``wait4``: Linux carries the parent's RSS at
fork into the child's ``ru_maxrss``, so it would report this benchmark's own
size for any small child.)
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from county_process import serve_county
from sqlalchemy import Engine, insert

from county.db import open_county_db
from county.models import Payment
from county.seed import seed_demo
from county.seq import take_seqs
from county.terminals import new_enrollment_code
from county.tx import writing

__all__ = ["DaemonRun", "bench_daemon_rss"]

KIOSK = [sys.executable, "-c", "import sys; from kiosk.cli.main import main; sys.exit(main())"]
#: Run CODE, then (however it ends, short of a signal) copy /proc/self/status to $BENCH_STATUS.
_MEASURED = ("import os, sys\ntry:\n    {code}\nfinally:\n"
             "    with open('/proc/self/status') as s, open(os.environ['BENCH_STATUS'], 'w') as o:"
             "\n        o.write(s.read())\n")
MEASURED_KIOSK = [sys.executable, "-c", _MEASURED.format(
    code="from kiosk.cli.main import main; sys.exit(main())")]
BARE = [sys.executable, "-c", _MEASURED.format(code="import kiosk.cli.main, sync.daemon")]
CHUNK = 20_000
TARGET_MB = 150


@dataclass(frozen=True)
class DaemonRun:
    """One child process, run to completion and measured."""

    returncode: int
    seconds: float
    peak_mb: float  # VmHWM as the child exits (its own address space's high-water mark)
    polled_hwm_mb: float  # highest VmHWM polled from /proc while it ran (0 if never read)
    output: str


def _hwm_kb(status: Path | str) -> int:
    """``VmHWM`` in kB from a ``/proc/…/status`` file (0 if unreadable)."""
    try:
        with open(status, encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_measured(args: list[str], log: Path, *, timeout: float = 3600) -> DaemonRun:
    """Run ``args`` (a ``_MEASURED`` command; output to ``log``) and measure its peak RSS."""
    final = log.with_suffix(".status")
    t0 = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "BENCH_STATUS": str(final)})
    polled = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal polled
        while not done.wait(0.05):
            polled = max(polled, _hwm_kb(f"/proc/{proc.pid}/status"))

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    done.set()
    poller.join()
    return DaemonRun(proc.returncode, time.perf_counter() - t0, _hwm_kb(final) / 1024,
                     polled / 1024, log.read_text(encoding="utf-8", errors="replace"))


def _write_config(directory: Path) -> Path:
    """A terminal config (the shape tests/syncd/conftest.py writes), default pacing."""
    directory.mkdir(parents=True)
    config = directory / "kiosk.toml"
    config.write_text("\n".join([
        "[terminal]", 'code = "QS01"',
        "[store]", f'path = "{directory / "kiosk.db"}"',
        "[enrollment]", f'file = "{directory / "enrollment.json"}"',
        "[log]", 'level = "INFO"',
        "[sync]", "connect_timeout_s = 10.0", "read_timeout_s = 120.0",
        "request_retries = 2"]) + "\n", encoding="utf-8")
    return config


def _enroll(engine: Engine, config: Path, server: str) -> None:
    code, _ = new_enrollment_code(engine, township="高村镇", village="青山村", scope="county",
                                  now=datetime.now(UTC), valid_for=timedelta(hours=2))
    result = subprocess.run([*KIOSK, "enroll", code, "--server", server, "--config",
                             str(config)], capture_output=True, text=True, timeout=120,
                            check=False)
    if result.returncode != 0:
        raise RuntimeError(f"kiosk enroll failed: {result.stdout}{result.stderr}")


def add_payments(engine: Engine, count: int) -> None:
    """``count`` county-wide payments, bulk, in one transaction with fresh seqs."""
    now = datetime.now(UTC)
    items = ("DIBAO", "WUBAO", "GENGDI")
    with writing(engine) as conn:
        first = take_seqs(conn, count)
        for start in range(0, count, CHUNK):
            rows = [{"id_hash": f"{i * 2654435761 % 2**64:064x}", "household_id": f"B{i // 3}",
                     "item_code": items[i % 3], "period": f"2026年{i % 12 + 1}月",
                     "amount_fen": i % 50_000, "paid_on": date(2026, 1, 1) + timedelta(i % 300),
                     "status": "paid", "department": "民政局", "fund_source": "中央",
                     "batch": "B1", "township": "高村镇", "village": "青山村",
                     "content_key": f"bench{i:059d}", "seq": first + i, "deleted": False,
                     "updated_at": now}
                    for i in range(start, min(start + CHUNK, count))]
            conn.execute(insert(Payment), rows)


def _payment_count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM payment").fetchone()[0])
    finally:
        con.close()


def _failed(name: str, run: DaemonRun) -> RuntimeError:
    return RuntimeError(f"{name} exited {run.returncode}:\n{run.output[-4000:]}")


def bench_daemon_rss(payments: int) -> None:
    """Print the daemon's peak RSS through a ``payments``-row first sync, with references."""
    with tempfile.TemporaryDirectory(prefix="bench-syncd-") as tmp:
        work = Path(tmp)
        url = f"sqlite:///{work / 'county.db'}"
        engine = open_county_db(url)
        seed_demo(engine, now=datetime.now(UTC))
        server, base = serve_county(url, work / "county.log")
        try:
            small, big = _write_config(work / "a"), _write_config(work / "b")
            _enroll(engine, small, base)
            _enroll(engine, big, base)

            bare = run_measured(BARE, work / "bare.log")
            if bare.returncode:
                raise _failed("bare import", bare)
            demo = run_measured([*MEASURED_KIOSK, "syncd", "--once", "--config", str(small)],
                                work / "a.log")
            if demo.returncode:
                raise _failed("syncd --once (demo county)", demo)
            demo_rows = _payment_count(work / "a" / "kiosk.db")

            t0 = time.perf_counter()
            add_payments(engine, payments)
            print(f"county: demo + {payments:,} bulk payments in "
                  f"{time.perf_counter() - t0:.1f} s; `county serve` pid {server.pid}")
            run = run_measured([*MEASURED_KIOSK, "syncd", "--once", "--config", str(big)],
                               work / "b.log")
            if run.returncode:
                raise _failed("syncd --once (big county)", run)
            got = _payment_count(work / "b" / "kiosk.db")
            assert got == demo_rows + payments, (got, demo_rows, payments)
        finally:
            server.terminate()
            server.wait(timeout=60)
            engine.dispose()

    def line(label: str, r: DaemonRun) -> str:
        return (f"{label:<46}: {r.peak_mb:6.0f} MB peak RSS (VmHWM at exit; polled "
                f"{r.polled_hwm_mb:.0f} MB), {r.seconds:6.1f} s")

    print("daemon process (`kiosk syncd --once`, a separate process, county over loopback):")
    print(line("  bare `import kiosk.cli.main, sync.daemon`", bare))
    print(line(f"  first sync, demo county ({demo_rows:,} payments)", demo))
    print(line(f"  first sync, {got:,} payments", run))
    print(f"  {'snapshot cost over the bare imports':<44}: {run.peak_mb - bare.peak_mb:6.0f} MB;"
          f" over the demo-county sync: {run.peak_mb - demo.peak_mb:.0f} MB")
    print(f"  {'daemon peak RSS / target':<44}: {run.peak_mb:6.0f} MB  (target < {TARGET_MB} MB)")
    print(f"  end-to-end first sync (county streams, daemon stages + applies): "
          f"{got / run.seconds:,.0f} payments/s")
