"""Benchmark: how long the command line takes to start, beside a bare interpreter.

Times, as fresh processes, ``python -c pass`` (the floor) and each command in
:func:`_commands` — every `kiosk` command that opens no window and returns by
itself, in a form that does as little work as the command allows, and the
`county` commands that read (on a small demo county in SQLite: a current
database is read through sqlite3, county/plainread.py) and one that writes
(through SQLAlchemy, for comparison). Each is run
several times in turn (interleaved, so that a load spike hits every command
alike); the median and the fastest wall-clock time of each are printed in the
same run, and the list of measured commands is printed first.
Target (issue 20): `kiosk --help`, `county --help` and the kiosk's non-window
commands in under 0.3 s on this machine.

Not measured, with the reason (each is listed under "not timed" in the output):
`kiosk run|demo|tour` open a window; `kiosk syncd`, `kiosk idcard watch`,
`kiosk idcard emulate` and `county serve` run until stopped; `kiosk enroll` and
`kiosk syncd --once` talk to a county server (their time is the network's);
`kiosk update install|recover` switch the installed release as root;
`kiosk db seed-demo`, `county seed-demo|import|release build` do seconds of
work by design (loading a village, parsing a department file, hashing a
release). The two print commands render a receipt image (work, not start-up)
into a file; they are timed all the same.

Run: ``.venv/bin/python tests/bench/bench_startup.py [--runs N]``.
Not collected by pytest; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
#: Issue 20's start-up target for `--help` and the non-window commands (seconds).
TARGET = 0.3
#: A demo villager (the X check digit); the lookup prints their benefits.
ID_NUMBER = "43122619560322079X"
NOT_TIMED = ("kiosk run", "kiosk demo", "kiosk tour", "kiosk syncd", "kiosk enroll",
             "kiosk idcard watch", "kiosk idcard emulate", "kiosk update install",
             "kiosk update recover", "kiosk db seed-demo",
             "county serve", "county seed-demo", "county import FILE", "county release build")


def _time(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _commands(tmp: Path, pty: str) -> dict[str, list[str]]:
    kiosk, county = str(BIN / "kiosk"), str(BIN / "county")
    cfg = ["--config", str(tmp / "kiosk.toml")]
    db = ["--db", f"sqlite:///{tmp}/county.db"]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "kiosk --help": [kiosk, "--help"],
        "kiosk lookup ID": [kiosk, "lookup", ID_NUMBER, *cfg],
        "kiosk lookup ID --json": [kiosk, "lookup", ID_NUMBER, "--json", *cfg],
        "kiosk db upgrade": [kiosk, "db", "upgrade", *cfg],
        "kiosk db stats": [kiosk, "db", "stats", *cfg],
        "kiosk idcard read --help": [kiosk, "idcard", "read", "--help"],
        "kiosk idcard read (SAM emu)": [kiosk, "idcard", "read", "--port", pty, "--json", *cfg],
        "kiosk print test (file)": [kiosk, "print", "test", "--printer",
                                    f"file://{tmp}/printer.bin", *cfg],
        "kiosk print receipt (file)": [kiosk, "print", "receipt", ID_NUMBER, "--printer",
                                       f"file://{tmp}/printer.bin", *cfg],
        "kiosk sync status": [kiosk, "sync", "status", *cfg],
        "kiosk update status": [kiosk, "update", "status", *cfg],
        "county --help": [county, "--help"],
        "county terminals": [county, "terminals", *db],
        "county complaints list": [county, "complaints", "list", *db],
        "county complaints list --json": [county, "complaints", "list", "--json", *db],
        "county item list": [county, "item", "list", *db],
        "county notice list": [county, "notice", "list", *db],
        "county setting list": [county, "setting", "list", *db],
        "county import list": [county, "import", "list", *db],
        "county release list": [county, "release", "list", *db],
        "county user list": [county, "user", "list", *db],
        "county item add (writes)": [county, "item", "add", "BENCH", "测试项目", *db],
    }


def _emulator(tmp: Path) -> tuple[subprocess.Popen[str], str]:
    """`kiosk idcard emulate` on a pty with the demo cards; returns it and the pty path."""
    proc = subprocess.Popen(
        [str(BIN / "kiosk"), "idcard", "emulate", "--card", str(tmp / "cards"), "--config",
         str(tmp / "kiosk.toml")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:  # blocks until the emulator says where it listens
        found = re.search(r"/dev/pts/\d+", line)
        if found:
            return proc, found.group(0)
    raise SystemExit(f"the emulator exited without a pty: {proc.wait()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as name:
        tmp = Path(name)
        (tmp / "kiosk.toml").write_text(f'[store]\npath = "{tmp}/kiosk.db"\n'
                                        f'[enrollment]\nfile = "{tmp}/enrollment.json"\n'
                                        '[log]\nlevel = "WARNING"\n', encoding="utf-8")
        subprocess.run([str(BIN / "kiosk"), "db", "seed-demo", "--config", str(tmp / "kiosk.toml"),
                        "--cards", str(tmp / "cards")], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([str(BIN / "county"), "seed-demo", "--db", f"sqlite:///{tmp}/county.db"],
                       check=True, stdout=subprocess.DEVNULL)
        emulator, pty = _emulator(tmp)
        try:
            commands = _commands(tmp, pty)
            print("measured:", *commands, sep="\n  ")
            print("not timed:", *NOT_TIMED, sep="\n  ")
            for argv in commands.values():  # warm the page cache and .pyc files
                _time(argv)
            times: dict[str, list[float]] = {name: [] for name in commands}
            for _ in range(args.runs):
                for name, argv in commands.items():
                    times[name].append(_time(argv))
        finally:
            emulator.terminate()
            emulator.wait()
    floor = statistics.median(times["python -c pass"])
    print(f"start-up, {args.runs} runs each (wall clock, s)")
    print(f"{'command':<32}{'median':>8}{'fastest':>9}{'over python':>13}  target {TARGET} s")
    for name, values in times.items():
        median = statistics.median(values)
        mark = "" if name == "python -c pass" else ("under" if median < TARGET else "OVER")
        print(f"{name:<32}{median:8.3f}{min(values):9.3f}{median - floor:13.3f}  {mark}")


if __name__ == "__main__":
    main()
