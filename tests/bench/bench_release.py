"""Release bundle benchmark: write, verify and unpack a bundle the size of a real release.

    .venv/bin/python tests/bench/bench_release.py [--mib 300] [--wheels 40]

A terminal verifies every byte of a bundle before installing it, then hashes
every byte again as it unpacks it (so a file swapped in between is caught).
Prints MiB/s for write_bundle, verify_bundle and extract_verified next to
the reference: plain SHA-256 of the same file read once (hashlib, 1 MiB
reads), which is the floor for "hash every byte". The ratio is the price of
the tar checks, the signature and (for extract) writing and fsyncing the
copies. On a terminal's eMMC, expect disk speed to dominate instead.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sync.protocol.release import (
    extract_verified,
    generate_private_key,
    verify_bundle,
    write_bundle,
)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _timed(label: str, mib: float, fn: Callable[[], object], reference: float) -> None:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"{label:18} {mib / seconds:8.0f} MiB/s  ({seconds:.2f} s)  "
          f"reference {reference:6.0f} MiB/s  ratio {reference / (mib / seconds):.2f}")


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=300, help="total wheel size (default 300)")
    parser.add_argument("--wheels", type=int, default=40, help="number of wheels (default 40)")
    args = parser.parse_args()
    now = datetime.now(UTC)
    key = generate_private_key()
    with tempfile.TemporaryDirectory(prefix="bench-release-") as tmp:
        root = Path(tmp)
        wheels = []
        per = args.mib * 2**20 // args.wheels
        for i in range(args.wheels):
            name = ("village_kiosk-1.4.0-py3-none-any.whl" if i == 0
                    else f"dep{i}-1.0-py3-none-any.whl")
            wheel = root / name
            wheel.write_bytes(os.urandom(per))
            wheels.append(wheel)
        bundle = root / "release.bundle"
        mib = per * args.wheels / 2**20

        start = time.perf_counter()
        _sha256_file(wheels[0])  # warm the code path and the page cache
        for wheel in wheels:
            _sha256_file(wheel)
        reference = mib / (time.perf_counter() - start)

        print(f"bundle of {args.wheels} wheels, {mib:.0f} MiB")
        _timed("write_bundle", mib, lambda: write_bundle(
            bundle, wheels, version="1.4.0", channel="stable",
            expires_at=now + timedelta(days=90), private_key=key, now=now), reference)
        _timed("verify_bundle", mib,
               lambda: verify_bundle(bundle, key.public_key(), now=now), reference)
        dest = root / "unpacked"
        _timed("extract_verified", mib,
               lambda: extract_verified(bundle, key.public_key(), dest, now=now), reference)
        shutil.rmtree(dest)


if __name__ == "__main__":
    main()
