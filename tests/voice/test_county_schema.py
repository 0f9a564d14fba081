"""County migration 0601 creates complaint_voice exactly as the model says."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import county.voice.models  # noqa: F401  (the model into Base.metadata)
from county.db import open_county_db
from county.models import Base


def test_migration_0601_matches_the_model(tmp_path: Path) -> None:
    engine = open_county_db(f"sqlite:///{tmp_path / 'county.db'}")
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            tables = {r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        engine.dispose()
    assert "complaint_voice" in tables
    assert [d for d in diff if "complaint_voice" in repr(d)] == []
