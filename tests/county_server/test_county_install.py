"""The county server installs and serves without the kiosk's Qt, serial, PC/SC or ESC/POS.

The IT-staff guide's install steps (docs/it-staff-guide.md, "1. Install"):
``python3 -m venv venv`` (no system site-packages) and ``venv/bin/pip install
'./app[county]'`` from a copy of this checkout; pip takes its wheels from the
machine's configured index, as `county release build` does
(tests/updater/test_real_release.py). Then `county --help`, and `county
serve` on loopback answers ``/api/v1/openapi.json``; PySide6 and the other
kiosk-only distributions are not importable there. One venv for the module.
In the test venv (which has everything), importing the county's modules
loads nothing of PySide6 either.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
#: Modules of the kiosk extra (pyproject.toml) and the kiosk's own Qt/hardware packages.
KIOSK_ONLY = ("PySide6", "shiboken6", "serial", "smartcard", "escpos")
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info",
                                     "__pycache__", ".mypy_cache", ".ruff_cache",
                                     ".pytest_cache", ".hypothesis", "demo-data", "tests")


def _env() -> dict[str, str]:
    """This environment without what would leak the test venv into the new one."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def county_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``venv/`` with ``'./app[county]'`` installed, as the guide does it."""
    srv = tmp_path_factory.mktemp("srv-county")
    shutil.copytree(CHECKOUT, srv / "app", ignore=_NOT_COPIED, symlinks=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(srv / "venv")], check=True, env=_env(),
                   cwd=srv, timeout=300)
    done = subprocess.run([str(srv / "venv" / "bin" / "pip"), "install", "--quiet",
                           "./app[county]"], capture_output=True, text=True, env=_env(),
                          cwd=srv, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return srv / "venv"


def test_county_installs_without_the_kiosk_extra(county_venv: Path) -> None:
    python = county_venv / "bin" / "python"
    config = (county_venv / "pyvenv.cfg").read_text()
    assert "include-system-site-packages = false" in config
    for name in KIOSK_ONLY:
        found = subprocess.run(
            [str(python), "-I", "-c",
             f"import importlib.util, sys; sys.exit(importlib.util.find_spec({name!r}) "
             "is not None)"], env=_env(), timeout=60, check=False)
        assert found.returncode == 0, f"{name} is installed in the county venv"
    qt = subprocess.run([str(python), "-I", "-c", "import PySide6"], capture_output=True,
                        text=True, env=_env(), timeout=60, check=False)
    assert qt.returncode != 0 and "No module named 'PySide6'" in qt.stderr

    helped = subprocess.run([str(county_venv / "bin" / "county"), "--help"],
                            capture_output=True, text=True, env=_env(), timeout=120,
                            check=False)
    assert helped.returncode == 0, helped.stderr
    assert "serve" in helped.stdout and "release" in helped.stdout


@pytest.fixture
def served(county_venv: Path, tmp_path: Path) -> Iterator[str]:
    """`county serve` of the county venv on a free loopback port, on a new SQLite db."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(county_venv / "bin" / "county"), "serve", "--db",
         f"sqlite:///{tmp_path / 'county.db'}", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), cwd=tmp_path)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
        assert server.stderr is not None
        server.stderr.close()


def test_the_installed_county_serves_on_loopback(served: str) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            answer = httpx.get(f"{served}/api/v1/openapi.json", timeout=5)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)  # polling for the server to listen, not a fixed wait
    assert answer.status_code == 200
    document = answer.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/heartbeat" in document["paths"]


def test_county_modules_import_nothing_of_the_kiosk_extra() -> None:
    # A fresh interpreter of the test venv, which holds PySide6: nothing may pull it in.
    code = ("import sys, pkgutil, importlib, county, county.app\n"
            "from county.cli.main import build_parser\n"
            "build_parser()\n"
            "for m in pkgutil.walk_packages(county.__path__, 'county.'):\n"
            "    if not m.name.endswith('__main__'):\n"
            "        importlib.import_module(m.name)\n"
            f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {KIOSK_ONLY!r} "
            "or m.split('.')[0] in ('ui', 'drivers'))\n"
            "print(len([m for m in sys.modules if m.startswith('county.')]), bad)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=CHECKOUT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    count, bad = done.stdout.strip().split(" ", 1)
    assert int(count) > 50  # the walk reached the whole package
    assert bad == "[]"
