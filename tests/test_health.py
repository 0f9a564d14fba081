"""Health marks: written whole, read back, and unreadable marks count as none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.health import mark_healthy, read_mark


def test_mark_round_trips_with_version_and_pid(tmp_path: Path) -> None:
    mark_healthy("ui", "1.4.0", health_dir=tmp_path / "health")
    mark = read_mark("ui", health_dir=tmp_path / "health")
    assert mark is not None
    assert (mark.component, mark.version, mark.pid) == ("ui", "1.4.0", os.getpid())
    assert mark.at.tzinfo is not None
    assert read_mark("syncd", health_dir=tmp_path / "health") is None


def test_garbled_mark_is_no_mark(tmp_path: Path) -> None:
    (tmp_path / "ui.json").write_text('{"component": "ui", "version": ', encoding="utf-8")
    assert read_mark("ui", health_dir=tmp_path) is None


def test_unwritable_directory_does_not_stop_the_kiosk(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    mark_healthy("syncd", "1.0", health_dir=blocker / "health")  # a file in the way
    assert read_mark("syncd", health_dir=blocker / "health") is None


def test_unknown_component_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown component"):
        mark_healthy("printer", "1.0", health_dir=tmp_path)
