"""The one crash-safe write: temp file, fsync, mode, rename, fsync of the directory."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from kiosk.files import atomic_file, atomic_write_bytes, atomic_writer


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_streamed_file_replaces_the_old_one_with_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "bundle.tar"
    atomic_write_bytes(target, b"old", mode=0o644)
    with atomic_writer(target, mode=0o644) as out:
        for chunk in (b"one ", b"two ", b"three"):
            out.write(chunk)
        assert target.read_bytes() == b"old"  # nothing visible before the end
    assert target.read_bytes() == b"one two three"
    assert _mode(target) == 0o644
    assert os.listdir(target.parent) == ["bundle.tar"]


def test_personal_files_are_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        atomic_write_bytes(tmp_path / "enrollment.json", b"{}")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "enrollment.json") == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    atomic_write_bytes(target, b"kept")
    with pytest.raises(ValueError, match="changed while"), atomic_writer(target) as out:
        out.write(b"half")
        raise ValueError("source changed while copying")
    assert target.read_bytes() == b"kept"
    assert os.listdir(tmp_path) == ["state.json"]


def test_atomic_file_for_a_writer_that_needs_a_name(tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    part = tmp_path / "backup.db.part"
    part.symlink_to(tmp_path / "elsewhere")  # left over (or planted): removed, not followed
    with atomic_file(target, mode=0o640, temp=part) as path:
        assert path == part and not path.exists()
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
        assert not target.exists()
    assert _mode(target) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["backup.db"]
    con = sqlite3.connect(target)
    assert con.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    con.close()


def test_atomic_file_failure_removes_the_temp(tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    with pytest.raises(sqlite3.OperationalError), atomic_file(target) as path:
        path.write_bytes(b"partial")
        raise sqlite3.OperationalError("disk I/O error")
    assert os.listdir(tmp_path) == []
