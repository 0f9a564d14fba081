"""Benchmark: card read → benefits screen on screen, cold start, memory over 1 000 reads.

Prints, for the demo person with the most payments (≈ 200):
* time from the reader's ``on_card_read`` to the benefits screen rendered
  (offscreen, software renderer), next to the lookup alone, and the ratio;
* cold start of a fresh process to the first frame;
* RSS after 10 and after 1 000 simulated card reads, beside the goal (< 250 MB)
  and the growth target (< 10 %).

The demo village is seeded by a separate process (as on a terminal, where the
sync daemon or ``kiosk db seed-demo`` fills the cache): the figure is the
kiosk's own memory, not the demo generator's.

Run: ``.venv/bin/python tests/bench/bench_ui.py``. Not collected by pytest.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from ui.app import prepare_environment

prepare_environment(offscreen=True)

from drivers.idcard.cardtext import card_from_profile
from ui.app import KioskUi
from ui.demo import demo_config
from ui.driver import UiDriver
from ui.services import KioskServices

#: The goal for the kiosk's resident memory after 1 000 card reads (issue 21), in MB.
GOAL_MB = 250

_SEED = textwrap.dedent("""
    import sys
    from pathlib import Path
    from demo.terminal import seed_demo, write_card_profiles
    from ui.demo import demo_config
    village, _ = seed_demo(demo_config(Path(sys.argv[1])))
    write_card_profiles(village, Path(sys.argv[1]) / "cards")
""")


def rss_kib() -> int:
    """Resident set size of this process in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


_COLD = textwrap.dedent("""
    import time, sys
    t0 = time.perf_counter()
    from pathlib import Path
    from ui.app import prepare_environment
    prepare_environment(offscreen=True)
    from ui.app import KioskUi
    from ui.demo import demo_config
    from ui.services import KioskServices
    _app = KioskUi.application()  # keep the application alive for the whole run
    ui = KioskUi(KioskServices.open(demo_config(Path(sys.argv[1]))), link_factory=None,
                 size=(1920, 1080))
    first = []
    ui.window.frameSwapped.connect(lambda: first.append(time.perf_counter()))
    ui.start()
    while not first:
        _app.processEvents()
    print(f"{(first[0] - t0) * 1000:.0f}")
    ui.stop()
""")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    subprocess.run([sys.executable, "-c", _SEED, str(work)], check=True, capture_output=True)
    profiles = {p["id_number"]: p for p in (json.loads(f.read_text(encoding="utf-8"))
                                            for f in sorted((work / "cards").glob("*.json")))}
    config = demo_config(work)
    _app = KioskUi.application()  # keep the application alive for the whole run
    services = KioskServices.open(config)
    counts = {n: 0 for n in profiles}
    for number in profiles:
        result = services.lookup(number)
        counts[number] = sum(len(y.payments) for y in result.years)
    heavy = max(counts, key=lambda n: counts[n])
    light = min(counts, key=lambda n: abs(counts[n] - 20))
    cards = [card_from_profile(profiles[n]) for n in (heavy, light)]
    ui = KioskUi(services, link_factory=None, size=(1920, 1080))
    ui.start()
    driver = UiDriver(ui.window)
    driver.pump(0.3)

    screen: list[float] = []
    lookup: list[float] = []
    for _ in range(30):
        t0 = time.perf_counter()
        services.lookup(heavy)
        lookup.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        ui.app_model.onCardRead(cards[0])
        while ui.app_model.screen != "benefits":
            driver.pump(0)
        ui.window.grabWindow()  # forces the frame to be rendered
        screen.append(time.perf_counter() - t0)
        ui.app_model.home()
        driver.pump(0.02)
    print(f"person with {counts[heavy]} payments (village: {len(profiles)} people)")
    print(f"card read → benefits rendered  median {statistics.median(screen) * 1000:7.1f} ms")
    print(f"lookup alone                   median {statistics.median(lookup) * 1000:7.1f} ms")
    print(f"ratio screen/lookup: {statistics.median(screen) / statistics.median(lookup):.0f}x "
          "(the screen includes QML creation and a software-rendered 1920x1080 frame)")

    for i in range(10):
        ui.app_model.onCardRead(cards[i % 2])
        driver.pump(0.01)
        ui.app_model.home()
    driver.pump(0.2)
    after_10 = rss_kib()
    for i in range(990):
        ui.app_model.onCardRead(cards[i % 2])
        driver.pump(0)
        ui.app_model.home()
        driver.pump(0)
    driver.pump(0.5)
    after_1000 = rss_kib()
    print(f"RSS after 10 reads {after_10 / 1024:.1f} MiB, after 1000 reads "
          f"{after_1000 / 1024:.1f} MiB: growth {(after_1000 / after_10 - 1) * 100:+.1f} % "
          "(target < 10 %)")
    print(f"RSS after 1000 reads {after_1000 * 1024 / 1e6:.0f} MB "
          f"(goal < {GOAL_MB} MB: {'met' if after_1000 * 1024 / 1e6 < GOAL_MB else 'NOT met'})")
    ui.stop()
    driver.pump(0.1)

    colds = []
    for _ in range(3):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _COLD, str(work)], capture_output=True,
                              text=True, check=True)
        wall = time.perf_counter() - t0
        colds.append((int(proc.stdout.strip().splitlines()[-1]), wall))
    inside = statistics.median(c[0] for c in colds)
    print(f"cold start to first frame: {inside:.0f} ms after the interpreter started "
          f"(whole process incl. Python start and exit: "
          f"{statistics.median(c[1] for c in colds) * 1000:.0f} ms)")
    sys.stdout.flush()
    # PySide6 can crash while the interpreter finalizes its wrappers after a
    # window was torn down; the figures are out, skip the finalization.
    os._exit(0)


if __name__ == "__main__":
    main()
