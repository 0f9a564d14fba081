"""Updater fixtures: a release key, fake signed bundles, a terminal's install tree.

Bundles are built once per session (milliseconds each); every test gets its
own install root, spool, health directory and database under tmp_path, and
a config whose restart command is ``ROOT/current/venv/bin/kiosk start`` — the
fake release's own script, which writes the health marks (or does not).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from reference import system_clock  # noqa: F401  (this directory runs on the system clock)

# The demo county on a private SQLite copy: the sync daemon tests' fixtures, shared.
from syncd.conftest import _county_template, county_engine

from kiosk.config import load_config
from kiosk.release_dirs import ReleaseDirs
from sync.protocol.release import generate_private_key, public_key_pem
from sync.protocol.release.trust import load_release_key
from update.installer import InstallOutcome, UpdaterSettings, install_bundle
from updater.fakerelease import Behaviour, make_bundle

__all__ = ["_county_template", "county_engine"]  # fixtures pytest finds here

UPDATE_CLI = [sys.executable, "-m", "update.cli"]


@pytest.fixture(scope="session")
def release_key() -> Ed25519PrivateKey:
    """The county's release key of these tests."""
    return generate_private_key()


@pytest.fixture(scope="session")
def bundles(tmp_path_factory: pytest.TempPathFactory,
            release_key: Ed25519PrivateKey) -> dict[str, Path]:
    """Signed fake bundles by name: "1.0.0", "2.0.0", "0.9.0", "3.0.0",
    "2.0.0-no_start", "2.0.0-bad_migration"."""
    out = tmp_path_factory.mktemp("bundles")
    specs: list[tuple[str, Behaviour]] = [
        ("1.0.0", "ok"), ("2.0.0", "ok"), ("0.9.0", "ok"), ("3.0.0", "ok"),
        ("2.0.0", "no_start"), ("2.0.0", "bad_migration")]
    made = {}
    for version, behaviour in specs:
        path = make_bundle(out, version, key=release_key, behaviour=behaviour)
        made[path.name.removesuffix(".tar")] = path
    return made


@dataclass(frozen=True)
class UpdTerminal:
    """One terminal's update world under a temporary directory."""

    dir: Path
    config: Path
    root: Path
    spool: Path
    health: Path
    db: Path

    @property
    def dirs(self) -> ReleaseDirs:
        """The release tree."""
        return ReleaseDirs(self.root)

    def settings(self) -> UpdaterSettings:
        """The updater settings of this terminal's config."""
        return UpdaterSettings.from_config(load_config(self.config), self.config)

    def install(self, bundle: Path, *, pinned: bool = False) -> InstallOutcome:
        """Install in this process (the API)."""
        key = load_release_key(load_config(self.config))
        return install_bundle(bundle, self.settings(), public_key=key, pinned=pinned)

    def cli(self, *args: str, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """``kiosk update ARGS --config CONFIG`` in a subprocess (the fast entry)."""
        return subprocess.run([*UPDATE_CLI, *args, "--config", str(self.config)], text=True,
                              capture_output=True, timeout=timeout, check=False,
                              env={**os.environ, **(env or {})})

    def current_runs(self) -> str:
        """What ``current/venv/bin/kiosk --version`` prints (the venv really runs)."""
        done = subprocess.run([str(self.root / "current" / "venv" / "bin" / "kiosk"),
                               "--version"], capture_output=True, text=True, timeout=30,
                              check=True)
        return done.stdout.strip()


def write_update_terminal(directory: Path, release_key: Ed25519PrivateKey, *,
                          health_timeout_s: int = 3, pubkey_file: bool = True,
                          sync: str = "", restart: list[str] | None = None) -> UpdTerminal:
    """A terminal config under ``directory`` whose [update] section points at it.

    ``pubkey_file`` False leaves ``[update] pubkey`` out (the enrollment's key is
    used); ``sync`` is extra TOML for a ``[sync]`` section; ``restart`` replaces the
    restart command."""
    directory.mkdir(parents=True, exist_ok=True)
    root, spool, health = directory / "opt", directory / "spool", directory / "run-health"
    pubkey = directory / "release-public.pem"
    pubkey.write_bytes(public_key_pem(release_key.public_key()))
    restart = restart or [str(root / "current" / "venv" / "bin" / "kiosk"), "start",
                          "--health-dir", str(health)]
    lines = ["[store]", f'path = "{directory / "kiosk.db"}"',
             "[enrollment]", f'file = "{directory / "enrollment.json"}"',
             "[log]", 'level = "DEBUG"',
             "[update]", f'root = "{root}"', f'spool = "{spool}"', f'health_dir = "{health}"',
             f"health_timeout_s = {health_timeout_s}",
             f"restart_command = {json.dumps(restart)}", "keep = 2"]
    if pubkey_file:
        lines.append(f'pubkey = "{pubkey}"')
    if sync:
        lines += ["[sync]", sync]
    config = directory / "kiosk.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return UpdTerminal(directory, config, root, spool, health, directory / "kiosk.db")


@pytest.fixture
def term(tmp_path: Path, release_key: Ed25519PrivateKey) -> UpdTerminal:
    """A terminal with nothing installed yet."""
    return write_update_terminal(tmp_path / "terminal", release_key)


@pytest.fixture
def running(term: UpdTerminal, bundles: dict[str, Path]) -> Iterator[UpdTerminal]:
    """A terminal running release 1.0.0 (installed by the updater itself)."""
    outcome = term.install(bundles["1.0.0"])
    assert outcome.changed and term.dirs.current() == "1.0.0"
    yield term


def tree_fingerprint(root: Path) -> dict[str, str]:
    """Every file, link and directory under ``root`` with its content hash or link
    target, except the updater's own record of the last attempt."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for name in dirnames + filenames:
            path = base / name
            rel = str(path.relative_to(root))
            if rel == "update-state.json" or "__pycache__" in rel:
                continue
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "dir"
    return out
