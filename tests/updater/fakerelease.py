"""Tiny but real releases for the updater tests: wheels, venvs, signed bundles.

A fake release is a real wheel of a distribution named ``village-kiosk`` whose
``kiosk`` console script knows three commands, enough to play the part of a
release on a terminal:

* ``kiosk db upgrade --db FILE [--config FILE]`` stamps the version into the
  database (table ``release_marker``) — or, with ``behaviour="bad_migration"``,
  stamps it and then fails, like a migration that dies half-way;
* ``kiosk start --health-dir DIR`` (the tests' restart command) writes both
  health marks with the version, as kiosk.health does — or, with
  ``behaviour="no_start"``, writes nothing, like a UI that crashes on start;
* ``kiosk --version`` prints the version.

The wheel is written with zipfile (a wheel is a zip with a dist-info), which
takes milliseconds where a setuptools build takes seconds.
"""

from __future__ import annotations

import base64
import hashlib
import random
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol.release import write_bundle

__all__ = ["Behaviour", "build_filler_wheel", "build_wheel", "db_marker", "make_bundle"]

Behaviour = Literal["ok", "no_start", "bad_migration"]

_SCRIPT = '''\
import json, os, sqlite3, sys
from datetime import datetime, timezone

VERSION = {version!r}
BEHAVIOUR = {behaviour!r}


def main():
    args = sys.argv[1:]
    if args == ["--version"]:
        print(VERSION)
        return 0
    if args[:2] == ["db", "upgrade"]:
        db = args[args.index("--db") + 1]
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE IF NOT EXISTS release_marker "
                     "(id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL)")
        conn.execute("INSERT OR REPLACE INTO release_marker VALUES (1, ?)", (VERSION,))
        conn.commit()
        conn.close()
        if BEHAVIOUR == "bad_migration":
            print("migration 0042 failed: no such column", file=sys.stderr)
            return 3
        return 0
    if args[:1] == ["start"]:
        if BEHAVIOUR == "no_start":
            return 0  # systemctl restart succeeds; the service then dies at once
        health = args[args.index("--health-dir") + 1]
        os.makedirs(health, exist_ok=True)
        for component in ("ui", "syncd"):
            body = {{"component": component, "version": VERSION, "pid": os.getpid(),
                     "at": datetime.now(timezone.utc).isoformat()}}
            tmp = os.path.join(health, "." + component + ".tmp")
            with open(tmp, "w") as handle:
                json.dump(body, handle)
            os.replace(tmp, os.path.join(health, component + ".json"))
        return 0
    print("unknown command", args, file=sys.stderr)
    return 2
'''


def _record_hash(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheel(directory: Path, version: str, *, behaviour: Behaviour = "ok") -> Path:
    """A real py3-none-any wheel of village-kiosk ``version`` in ``directory``."""
    dist = f"village_kiosk-{version}.dist-info"
    files = {
        "fakekiosk/__init__.py": _SCRIPT.format(version=version, behaviour=behaviour),
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: village-kiosk\nVersion: {version}\n",
        f"{dist}/WHEEL": ("Wheel-Version: 1.0\nGenerator: tests.updater\n"
                          "Root-Is-Purelib: true\nTag: py3-none-any\n"),
        f"{dist}/entry_points.txt": "[console_scripts]\nkiosk = fakekiosk:main\n",
    }
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"village_kiosk-{version}-py3-none-any.whl"
    record = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, text in files.items():
            data = text.encode("utf-8")
            wheel.writestr(name, data)
            record.append(f"{name},sha256={_record_hash(data)},{len(data)}")
        record.append(f"{dist}/RECORD,,")
        wheel.writestr(f"{dist}/RECORD", "\n".join(record) + "\n")
    return path


def build_filler_wheel(directory: Path, size: int) -> Path:
    """A dependency wheel holding ``size`` incompressible bytes: makes a bundle big
    enough for a download to be cut in the middle."""
    dist = "filler-1.0.dist-info"
    payload = random.Random(size).randbytes(size)
    path = directory / "filler-1.0-py3-none-any.whl"
    meta = {f"{dist}/METADATA": b"Metadata-Version: 2.1\nName: filler\nVersion: 1.0\n",
            f"{dist}/WHEEL": (b"Wheel-Version: 1.0\nGenerator: tests.updater\n"
                              b"Root-Is-Purelib: true\nTag: py3-none-any\n"),
            "filler/data.bin": payload}
    record = [f"{name},sha256={_record_hash(data)},{len(data)}" for name, data in meta.items()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as wheel:
        for name, data in meta.items():
            wheel.writestr(name, data)
        wheel.writestr(f"{dist}/RECORD", "\n".join([*record, f"{dist}/RECORD,,"]) + "\n")
    return path


def make_bundle(directory: Path, version: str, *, key: Ed25519PrivateKey,
                behaviour: Behaviour = "ok", channel: str = "stable",
                expires_in: timedelta = timedelta(days=30),
                now: datetime | None = None, filler_bytes: int = 0,
                urgent: bool = False) -> Path:
    """A signed bundle ``directory/VERSION[-behaviour].tar`` of a fake release
    (plus a filler wheel of ``filler_bytes`` when asked; signed urgent when asked)."""
    wheels = directory / f"wheels-{version}-{behaviour}"
    paths = [build_wheel(wheels, version, behaviour=behaviour)]
    if filler_bytes:
        paths.append(build_filler_wheel(wheels, filler_bytes))
    created = now or datetime.now(UTC)
    suffix = "" if behaviour == "ok" else f"-{behaviour}"
    out = directory / f"{version}{suffix}.tar"
    write_bundle(out, paths, version=version, channel=channel,
                 expires_at=created + expires_in, private_key=key, now=created, urgent=urgent)
    return out


def db_marker(db: Path) -> str | None:
    """The version the fake migrations last stamped into ``db``."""
    if not db.exists():
        return None
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT version FROM release_marker").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None
