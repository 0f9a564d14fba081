"""The installer's content-addressed store of wheels (kiosk/release_dirs.py).

After an install the store holds every wheel of the new version by SHA-256,
public (0644) for the unprivileged sync daemon; pruning keeps exactly the
wheels some complete version's manifest lists.
"""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest

from kiosk.release_dirs import ReleaseDirs
from updater.conftest import UpdTerminal


def _listed(dirs: ReleaseDirs, version: str) -> set[str]:
    manifest = json.loads((dirs.path_of(version) / "manifest.json").read_text())
    return {entry["sha256"] for entry in manifest["files"]}


def test_installs_fill_the_store_and_pruning_keeps_what_versions_list(
        term: UpdTerminal, bundles: dict[str, Path]) -> None:
    for version in ("1.0.0", "2.0.0", "3.0.0"):
        outcome = term.install(bundles[version])
        assert outcome.version == version, outcome
    dirs = term.dirs
    kept = dirs.installed()
    assert kept == ["2.0.0", "3.0.0"]  # keep = 2
    held = {p.name for p in dirs.store.iterdir()}
    assert held == _listed(dirs, "2.0.0") | _listed(dirs, "3.0.0")
    for name in held:
        path = dirs.store / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == name
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        assert dirs.stored(name) == path
    assert dirs.stored("0" * 64) is None
    assert dirs.stored("../../etc/passwd") is None


def test_keep_in_store_refuses_a_name_that_is_not_a_hash(tmp_path: Path) -> None:
    source = tmp_path / "a.whl"
    source.write_bytes(b"x")
    dirs = ReleaseDirs(tmp_path / "opt")
    with pytest.raises(ValueError, match="not a SHA-256"):
        dirs.keep_in_store([(source, "../evil")])
    dirs.keep_in_store([(source, hashlib.sha256(b"x").hexdigest())])
    assert dirs.prune_store() == [hashlib.sha256(b"x").hexdigest()]  # no version lists it
    assert list(dirs.store.iterdir()) == []
