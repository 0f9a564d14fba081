"""The release tree at boot: repairing ``current``, removing half-built versions, pruning."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.release_dirs import VERIFIED, ReleaseDirs
from updater.conftest import write_update_terminal


def _fake_version(dirs: ReleaseDirs, version: str, *, complete: bool = True) -> None:
    python = dirs.venv_python(version)
    python.parent.mkdir(parents=True)
    python.write_text("")
    if complete:
        (dirs.path_of(version) / VERIFIED).write_text("{}")


def test_recover_points_a_broken_current_at_a_complete_version(tmp_path: Path) -> None:
    dirs = ReleaseDirs(tmp_path / "opt")
    dirs.ensure()
    _fake_version(dirs, "1.0.0")
    _fake_version(dirs, "1.1.0")
    _fake_version(dirs, "2.0.0", complete=False)  # killed while its venv was being built
    (dirs.releases / "3.0.0.tmp" / "wheels").mkdir(parents=True)
    (dirs.releases / ".3.0.0.tmp.partial").mkdir()
    os.symlink("releases/2.0.0", dirs.current_link)
    report = dirs.recover()
    assert report.relinked and report.current == "1.1.0"  # the newest complete one
    assert os.readlink(dirs.current_link) == "releases/1.1.0"
    assert sorted(p.name for p in dirs.releases.iterdir()) == ["1.0.0", "1.1.0"]

    # Dangling, with a complete previous: the version that ran before is preferred.
    os.symlink("releases/1.0.0", dirs.previous_link)
    dirs.current_link.unlink()
    os.symlink("releases/9.9.9", dirs.current_link)
    assert dirs.recover().current == "1.0.0"

    # Missing; previous gone too: the newest complete version, and no dangling previous.
    dirs.current_link.unlink()
    dirs.remove(dirs.path_of("1.0.0"))
    report = dirs.recover()
    assert report.current == "1.1.0" and not dirs.previous_link.is_symlink()

    # Nothing wrong: nothing changes.
    assert dirs.recover().relinked is False


def test_prune_keeps_current_previous_and_the_newest(tmp_path: Path) -> None:
    dirs = ReleaseDirs(tmp_path / "opt")
    dirs.ensure()
    for version in ("1.0.0", "1.2.0", "1.10.0", "2.0.0"):
        _fake_version(dirs, version)
    dirs.point(dirs.current_link, "1.10.0")
    dirs.point(dirs.previous_link, "1.0.0")
    assert dirs.installed() == ["1.0.0", "1.2.0", "1.10.0", "2.0.0"]  # PEP 440 order
    assert sorted(dirs.prune(2)) == ["1.2.0", "2.0.0"]
    assert dirs.installed() == ["1.0.0", "1.10.0"]
    dirs.point(dirs.previous_link, None)
    assert dirs.prune(2) == []  # room for one more than current


def test_recover_command_repairs_the_tree(tmp_path: Path,
                                          release_key: Ed25519PrivateKey) -> None:
    term = write_update_terminal(tmp_path / "terminal", release_key)
    dirs = term.dirs
    dirs.ensure()
    _fake_version(dirs, "1.0.0")
    _fake_version(dirs, "2.0.0", complete=False)
    dirs.point(dirs.current_link, "2.0.0")
    done = term.cli("recover")
    assert done.returncode == 0, done.stderr
    assert "removed incomplete: 2.0.0" in done.stdout
    assert "current: 1.0.0" in done.stdout
    assert dirs.current() == "1.0.0"
