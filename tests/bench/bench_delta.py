"""Small-update benchmark: bytes a terminal fetches for a release, beside the full bundle.

    pip wheel . -w /tmp/wheelhouse            # the real release's wheels (once)
    .venv/bin/python tests/bench/bench_delta.py --wheelhouse /tmp/wheelhouse
    .venv/bin/python tests/bench/bench_delta.py          # synthetic wheels (--mib, --wheels)

Three releases of the same wheel set go through a real county server on
loopback (a demo county on SQLite) and the real fetch code
(sync/release_fetch_files.py) of a terminal holding the previous release's
wheels in its store:

* 1.0.1 — app-only change: the project wheel rebuilt with one file changed;
* 1.0.2 — dependency bump: also one dependency wheel (``--bump``, default
  cryptography) replaced by a new version.

Each line prints the bytes fetched and the files fetched, and the reference
is measured in the same run: the full bundle of the same release downloaded
from the same server (GET /releases/V, what a terminal without a store, or
an older county, transfers). Goal (issue 14): app-only under 2 % of it.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from county_server.live import LiveServer, seeded_sqlite_county
from syncd.conftest import enrollment_code
from updater.conftest import write_update_terminal

from county.db import open_county_db
from county.releases import Scope, publish, trust_key
from kiosk.config import load_config
from kiosk.release_dirs import ReleaseDirs
from kiosk.store import open_store
from sync.client import ClientSettings, CountyClient
from sync.enroll import enroll_terminal
from sync.protocol import ReleaseInfo
from sync.protocol.release import Manifest, generate_private_key, public_key_pem, write_bundle
from sync.release_fetch_files import clear_fetched, fetch_by_files


def _project_wheel(out: Path, version: str, template: Path | None, change: str) -> Path:
    """The project wheel at ``version``: ``template``'s files (or 1.5 MiB of filler) with
    ``change`` appended to kiosk/__init__.py — a one-file app change."""
    path = out / f"village_kiosk-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        if template is None:
            rng = random.Random(7)
            new.writestr("kiosk/data.bin", rng.randbytes(1_500_000))
            new.writestr("kiosk/__init__.py", f"__version__ = {version!r}\n{change}")
        else:
            with zipfile.ZipFile(template) as old:
                for info in old.infolist():
                    data = old.read(info)
                    if info.filename == "kiosk/__init__.py":
                        data += change.encode()
                    new.writestr(info.filename, data)
    return path


def _synthetic(out: Path, mib: int, count: int) -> list[Path]:
    rng = random.Random(1)
    sizes = [rng.paretovariate(1.2) for _ in range(count)]
    scale = mib * (1 << 20) / sum(sizes)
    wheels = []
    for i, size in enumerate(sizes):
        name = "cryptography" if i == 3 else f"dep{i:02d}"
        path = out / f"{name}-1.0-py3-none-any.whl"
        path.write_bytes(rng.randbytes(max(1000, int(size * scale))))
        wheels.append(path)
    return wheels


def _bumped(out: Path, wheel: Path) -> Path:
    name = wheel.name.split("-")[0]
    path = out / f"{name}-999.0-{'-'.join(wheel.name.split('-')[2:])}"
    data = bytearray(wheel.read_bytes())
    random.Random(3).shuffle(data)  # another build: same size class, other bytes
    path.write_bytes(bytes(data))
    return path


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheelhouse", type=Path, help="the real wheels (pip wheel . -w DIR)")
    parser.add_argument("--mib", type=int, default=270, help="synthetic total (default 270)")
    parser.add_argument("--wheels", type=int, default=43, help="synthetic count (default 43)")
    parser.add_argument("--bump", default="cryptography", help="dependency to bump")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-delta-"))
    try:
        run(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, args: argparse.Namespace) -> None:
    """Build, publish and fetch the three releases under ``work``."""
    key = generate_private_key()
    src = work / "src"
    src.mkdir()
    if args.wheelhouse:
        deps = [w for w in sorted(args.wheelhouse.glob("*.whl"))
                if not w.name.startswith("village_kiosk-")]
        template = next(iter(args.wheelhouse.glob("village_kiosk-*.whl")), None)
    else:
        deps, template = _synthetic(src, args.mib, args.wheels - 1), None
    bump = next(w for w in deps if w.name.split("-")[0].lower() == args.bump)
    now = datetime.now(UTC).replace(microsecond=0)
    sets = {"1.0.0": [_project_wheel(src, "1.0.0", template, ""), *deps]}
    sets["1.0.1"] = [_project_wheel(src, "1.0.1", template, "# fix\n"), *deps]
    sets["1.0.2"] = [_project_wheel(src, "1.0.2", template, "# fix 2\n"),
                     *[_bumped(src, w) if w == bump else w for w in deps]]
    bundles: dict[str, Path] = {}
    manifests: dict[str, Manifest] = {}
    for version, wheels in sets.items():
        bundles[version] = work / f"{version}.tar"
        manifests[version] = write_bundle(bundles[version], wheels, version=version,
                                          channel="stable", private_key=key, now=now,
                                          expires_at=now + timedelta(days=30))
    county = open_county_db(f"sqlite:///{seeded_sqlite_county(work / 'county.db')}")
    trust_key(county, public_key_pem(key.public_key()))
    for version, bundle in bundles.items():
        publish(county, version, bundle, releases_dir=work / "county-releases",
                scopes=[Scope("county")], pin=False, now=now)
    term = write_update_terminal(work / "terminal", key)
    config = load_config(term.config)
    store = open_store(term.db)
    dirs = ReleaseDirs(config.update.root)
    dirs.keep_in_store((w, e.sha256) for w, e in zip(sets["1.0.0"], manifests["1.0.0"].files,
                                                   strict=True))
    print(f"{len(deps) + 1} wheels, full bundle {bundles['1.0.1'].stat().st_size / 2**20:.1f} "
          f"MiB ({'real wheelhouse' if args.wheelhouse else 'synthetic'}); the terminal holds "
          "1.0.0")
    with LiveServer(county) as server:
        enroll_terminal(config, store, enrollment_code(county), server.url)
        token = json.loads(term.dir.joinpath("enrollment.json").read_text())["token"]
        with CountyClient(server.url, token, ClientSettings()) as client:
            for version, label in (("1.0.1", "app-only change"), ("1.0.2", "dependency bump")):
                info = ReleaseInfo(version=version, url=f"/api/v1/releases/{version}",
                                   size=bundles[version].stat().st_size, sha256="")
                start = time.perf_counter()
                got = fetch_by_files(client, info, key.public_key(), root=config.update.root,
                                     spool=config.update.spool, channel="stable", now=now,
                                     out=work / f"rebuilt-{version}.tar")
                seconds = time.perf_counter() - start
                assert (work / f"rebuilt-{version}.tar").read_bytes() == \
                    bundles[version].read_bytes()
                full, start = 0, time.perf_counter()
                with client.release_chunks(info.url, 0) as (_, chunks):
                    for chunk in chunks:
                        full += len(chunk)
                full_seconds = time.perf_counter() - start
                print(f"{label:16} fetched {got.bytes:>11,} bytes in {len(got.files)} file(s) "
                      f"({seconds:.2f} s)   reference: full bundle {full:>11,} bytes "
                      f"({full_seconds:.2f} s)   {100 * got.bytes / full:6.2f} %")
                dirs.keep_in_store((work / "terminal" / "spool" / "files" / e.sha256, e.sha256)
                                   for e in manifests[version].files
                                   if dirs.stored(e.sha256) is None)
                clear_fetched(config.update.spool)
    store.dispose()
    county.dispose()


if __name__ == "__main__":
    main()
