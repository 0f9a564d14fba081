"""Terminal update benchmark: building a release's venv, and a whole install.

    .venv/bin/python tests/bench/bench_update.py [--repeat 3]

1. Venv: the venv of a tiny release (one wheel) built the way the updater
   does it — ``python -m venv --without-pip`` plus this interpreter's pip
   aimed at it (``pip --python``) — next to a venv with its own pip
   (``python -m venv``, ensurepip) and the same install: the ratio is what
   the fast path saves on every update and every test install.
2. Install: ``install_bundle`` of a tiny signed bundle on a terminal already
   running another version (verify, unpack, venv, migrations, switch,
   restart, health marks), median of ``--repeat`` runs; everything but the
   venv is the updater's own overhead.

Figures are for the tiny fake release of tests/updater; the real bundle's
pip install (PySide6 wheels) takes longer and dwarfs both.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from updater.conftest import write_update_terminal
from updater.fakerelease import build_wheel, make_bundle

from sync.protocol.release import generate_private_key
from update.venv import build_venv, clean_env


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-update-"))
    try:
        wheels = work / "wheels"
        build_wheel(wheels, "1.0.0")

        def fast(i: int) -> None:
            build_venv(work / f"fast{i}", wheels, requirement="village-kiosk==1.0.0")

        def with_pip(i: int) -> None:
            venv = work / f"pip{i}"
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=clean_env())
            subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                            "--no-index", "--find-links", str(wheels),
                            "--disable-pip-version-check", "village-kiosk==1.0.0"],
                           check=True, env=clean_env())

        fast_s = statistics.median(_timed(partial(fast, i)) for i in range(args.repeat))
        pip_s = statistics.median(_timed(partial(with_pip, i)) for i in range(args.repeat))
        print(f"venv of a tiny release: {fast_s:.2f} s (--without-pip + pip --python); "
              f"reference with ensurepip {pip_s:.2f} s; ratio {pip_s / fast_s:.1f}x faster")

        key = generate_private_key()
        versions = [f"{n}.0.0" for n in range(1, args.repeat + 2)]
        bundles = [make_bundle(work / "bundles", v, key=key) for v in versions]
        term = write_update_terminal(work / "terminal", key, health_timeout_s=30)
        term.install(bundles[0])
        times = [_timed(partial(term.install, b)) for b in bundles[1:]]
        install_s = statistics.median(times)
        print(f"whole install of a tiny release: {install_s:.2f} s; reference: its venv "
              f"{fast_s:.2f} s; updater overhead {install_s - fast_s:.2f} s "
              f"(ratio {install_s / fast_s:.1f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
