"""Fixtures of the speech tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from demo.village import DEMO_LOOKUP_KEY
from kiosk.enrollment import Enrollment, save_enrollment


@pytest.fixture
def demo_config(tmp_path: Path, seeded_db: Path) -> Path:
    """A kiosk.toml on the seeded demo store, enrolled with the demo lookup key."""
    enrollment = tmp_path / "enrollment.json"
    save_enrollment(enrollment, Enrollment("T00042", "token", DEMO_LOOKUP_KEY,
                                           "https://county.example", "", datetime.now(UTC)))
    config = tmp_path / "kiosk.toml"
    config.write_text(f"[store]\npath = '{seeded_db}'\n[enrollment]\nfile = '{enrollment}'\n",
                      encoding="utf-8")
    return config
