"""Benchmark: a full ID card read over a pty at 115200 baud, and the cost of idle polling.

1. Starts ``kiosk idcard emulate --baud 115200`` (a separate process, so its
   CPU is not ours) with a demo card on the reader and times find → select →
   read → decode through the real pyserial link. The emulator paces every
   byte to the line rate, so the floor is the frames' wire time
   (bytes × 10 / baud, commands and answers). Target (issue 4): ≤ 1.1×.
2. Runs a :class:`CardReader` with the default poll interval against the
   emulator with no card and measures this process's CPU time, scaled to
   one minute. Reference: 1 s a minute (≈ 1.7 % of one core).

Run: ``.venv/bin/python tests/bench/bench_idcard.py [--reads N] [--idle SECONDS]``.
Not collected by pytest; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from demo.village import card_profile, generate_village
from drivers.idcard.cardtext import decode_text
from drivers.idcard.codec import Command, build_command
from drivers.idcard.reader import CardListener, CardReader
from drivers.idcard.serial import SerialLink

BAUD = 115200
RESPONSE_BYTES = {  # answer frame sizes: find 15, select 19, read 1295
    Command.FIND_CARD: 15, Command.SELECT_CARD: 19, Command.READ_BASE: 1295}


def start_emulator(card_file: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli.main", "idcard", "emulate", "--card", str(card_file),
         "--baud", str(BAUD), *extra], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def wire_time() -> float:
    total = sum(len(build_command(c)) + n for c, n in RESPONSE_BYTES.items())
    return total * 10 / BAUD


def bench_read(path: str, reads: int) -> list[float]:
    link = SerialLink(path, baud=BAUD, timeout=2.0)
    link.open()
    times = []
    try:
        for _ in range(reads):
            started = time.perf_counter()
            assert link.find_card()
            assert link.select_card()
            card = decode_text(*link.read_card())
            times.append(time.perf_counter() - started)
            assert card.name
    finally:
        link.close()
    return times


def bench_idle(path: str, seconds: float) -> tuple[float, int]:
    reader = CardReader(SerialLink(path, baud=BAUD), CardListener())
    reader.start()
    time.sleep(1.0)  # connected and polling
    cpu0, wall0 = time.process_time(), time.monotonic()
    time.sleep(seconds)
    cpu = time.process_time() - cpu0
    wall = time.monotonic() - wall0
    reader.stop()
    return cpu * 60 / wall, round(wall / reader.poll_interval)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=30)
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle polling")
    args = parser.parse_args()
    people = {p.name: p for p in generate_village().people}
    with tempfile.TemporaryDirectory() as tmp:
        card_file = Path(tmp) / "card.json"
        card_file.write_text(json.dumps(card_profile(people["龙德贵"]), ensure_ascii=False),
                             encoding="utf-8")
        proc, path = start_emulator(card_file)
        try:
            times = bench_read(path, args.reads)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait()
        proc, path = start_emulator(card_file, "--no-card")
        try:
            cpu_per_minute, polls = bench_idle(path, args.idle)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait()
    wire = wire_time()
    median = statistics.median(times)
    p90 = sorted(times)[int(len(times) * 0.9) - 1]
    print(f"full read over pty at {BAUD} baud ({args.reads} reads, emulator pid separate)")
    print(f"  wire time (bytes x 10 / baud):  {wire * 1000:7.1f} ms")
    print(f"  driver time median:             {median * 1000:7.1f} ms   "
          f"ratio {median / wire:.3f}x   (target <= 1.1x)")
    print(f"  driver time p90:                {p90 * 1000:7.1f} ms   ratio {p90 / wire:.3f}x")
    print(f"idle polling, no card ({args.idle:g} s, ~{polls} polls, "
          f"{os.cpu_count()} cores)")
    print(f"  CPU per minute:                 {cpu_per_minute * 1000:7.1f} ms   "
          f"ratio {cpu_per_minute / 1.0:.3f} of the 1 s/min reference")


if __name__ == "__main__":
    main()
