"""Benchmark: how long the command line takes to start, beside a bare interpreter.

Times, as fresh processes, ``python -c pass`` (the floor), ``kiosk --help``,
``kiosk lookup ID`` (a full lookup on the seeded demo village, printed as the
table), ``kiosk idcard read --help``, ``kiosk sync status`` and ``kiosk update status``
(what the sync daemon's and the updater's checks run) and ``county --help``, each run
several times in turn, and prints the median and the fastest wall-clock time of each
in the same run.
Target (issue 20): the help and the non-window commands in under 0.3 s on a kiosk.

Run: ``.venv/bin/python tests/bench/bench_startup.py [--runs N]``.
Not collected by pytest; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
#: A demo villager (the X check digit); the lookup prints their benefits.
ID_NUMBER = "43122619560322079X"


def _time(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        config = Path(tmp) / "kiosk.toml"
        config.write_text(f'[store]\npath = "{tmp}/kiosk.db"\n'
                          f'[enrollment]\nfile = "{tmp}/enrollment.json"\n'
                          '[log]\nlevel = "WARNING"\n', encoding="utf-8")
        subprocess.run([str(BIN / "kiosk"), "db", "seed-demo", "--config", str(config)],
                       check=True, stdout=subprocess.DEVNULL)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "kiosk --help": [str(BIN / "kiosk"), "--help"],
            "kiosk lookup ID": [str(BIN / "kiosk"), "lookup", ID_NUMBER, "--config", str(config)],
            "kiosk idcard read --help": [str(BIN / "kiosk"), "idcard", "read", "--help"],
            "kiosk sync status": [str(BIN / "kiosk"), "sync", "status", "--config", str(config)],
            "kiosk update status": [str(BIN / "kiosk"), "update", "status", "--config",
                                    str(config)],
            "county --help": [str(BIN / "county"), "--help"],
        }
        for argv in commands.values():  # warm the page cache and .pyc files
            _time(argv)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved: a load spike hits every command alike
            for name, argv in commands.items():
                times[name].append(_time(argv))
    floor = statistics.median(times["python -c pass"])
    print(f"start-up, {args.runs} runs each (wall clock, s)")
    print(f"{'command':<26}{'median':>8}{'fastest':>9}{'over python':>13}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<26}{median:8.3f}{min(values):9.3f}{median - floor:13.3f}")


if __name__ == "__main__":
    main()
