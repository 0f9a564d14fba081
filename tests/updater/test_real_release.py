"""A release built from this very checkout with its real dependency set, installed on a
terminal root.

`county release build CHECKOUT --version V` runs ``pip wheel`` on a copy of the
checkout stamped with V (the wheels come from pip's configured index: the
machine's wheel folders, else PyPI); the set holds PySide6 and a wheel whose
file name is over 100 bytes (charset_normalizer's, with its three platform
tags), which the old ustar format could not hold. `kiosk update install`
then verifies it, builds the venv and migrates the database with the real
kiosk, and the restart command — the installed kiosk's own code — reports V
healthy. The slowest updater test (a real PySide6 venv), so it runs once.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from county.releases.build import build_release
from sync.protocol.release import write_keypair
from updater.conftest import write_update_terminal

CHECKOUT = Path(__file__).resolve().parents[2]
VERSION = "99.1.0"
_MARK = ("import sys, kiosk; from pathlib import Path; from kiosk.health import mark_healthy; "
         "[mark_healthy(c, kiosk.__version__, health_dir=Path(sys.argv[1])) "
         "for c in ('ui', 'syncd')]")


def test_a_release_of_the_project_with_its_real_dependencies_installs(
        tmp_path: Path, release_key: Ed25519PrivateKey) -> None:
    private, _public = write_keypair(tmp_path / "key", release_key)
    bundle = tmp_path / f"village-kiosk-{VERSION}.bundle"
    manifest = build_release(CHECKOUT, bundle, version=VERSION, key_path=private,
                             channel="stable", expires_days=30, now=datetime.now(UTC))
    names = [entry.path.removeprefix("wheels/") for entry in manifest.files]
    assert f"village_kiosk-{VERSION}-py3-none-any.whl" in names
    assert any(name.startswith("pyside6_essentials-") for name in names)
    long_names = [name for name in names if len(name) > 100]
    assert long_names, "the real set has no wheel name over 100 bytes any more"
    assert f'version = "{VERSION}"' not in (CHECKOUT / "pyproject.toml").read_text()

    health = tmp_path / "terminal" / "run-health"
    python = tmp_path / "terminal" / "opt" / "current" / "venv" / "bin" / "python"
    term = write_update_terminal(tmp_path / "terminal", release_key, health_timeout_s=120,
                                 restart=[str(python), "-I", "-c", _MARK, str(health)])
    done = term.cli("install", str(bundle), timeout=900)
    assert done.returncode == 0, done.stderr
    assert term.dirs.current() == VERSION
    # -I: the installed venv's kiosk, not this checkout's (the working directory).
    ran = subprocess.run([str(python), "-I", "-c", "import kiosk, PySide6, charset_normalizer; "
                          "print(kiosk.__version__)"], capture_output=True, text=True,
                         timeout=120, check=True)
    assert ran.stdout.strip() == VERSION
    held = {p.name for p in term.dirs.store.iterdir()}
    assert {entry.sha256 for entry in manifest.files} == held
