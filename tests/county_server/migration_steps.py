"""Moving a county database to a given Alembic revision, up or down, for the migration tests
(test_migrate_*.py): each seeds data at an old schema, then migrates it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from county.db import create_county_engine
from county.tx import writing

__all__ = ["MIGRATIONS", "downgrade_to", "upgrade_to"]

MIGRATIONS = Path(__file__).resolve().parents[2] / "county" / "migrations"


def upgrade_to(url: str, revision: str) -> None:
    """Upgrade the county database at ``url`` to ``revision`` (not to head)."""
    engine = create_county_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def downgrade_to(url: str, revision: str) -> None:
    """Downgrade the county database at ``url`` to ``revision``; raises what the migration
    raises when it refuses."""
    engine = create_county_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with writing(engine) as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:  # a refused downgrade leaves no connection open
        engine.dispose()
