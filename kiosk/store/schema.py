"""Schema versions: Alembic migrations applied on start, future databases refused.

A terminal may be rolled back to an older release while its database was
already migrated by a newer one; the older code must then refuse to touch
the file (it would misread it) rather than "upgrade" it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError

__all__ = [
    "FutureDatabaseError",
    "StoreError",
    "StoreUnavailableError",
    "current_revision",
    "head_revision",
    "upgrade",
]

_MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(Exception):
    """Base of the store's errors; ``code`` is stable for logs and the clerk screen."""

    code = "store.error"


class FutureDatabaseError(StoreError):
    """The database was migrated by newer software than this one."""

    code = "store.future_schema"


class StoreUnavailableError(StoreError):
    """The database file cannot be opened or is not a SQLite database."""

    code = "store.unavailable"


def _alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest migration this software knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database.

    Raises :class:`StoreUnavailableError` if the file is not a database.
    """
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
        raise StoreUnavailableError(f"cannot read database {engine.url.database}: "
                                    f"{exc.orig if hasattr(exc, 'orig') else exc}") from exc


def upgrade(engine: Engine) -> str:
    """Bring the database to the newest schema; return the revision now in force.

    Raises :class:`FutureDatabaseError` if the database is at a revision this
    software does not know (migrated by a newer release), and
    :class:`StoreUnavailableError` if the file cannot be used.
    """
    script = ScriptDirectory.from_config(_alembic_config())
    current = current_revision(engine)
    head = head_revision()
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise FutureDatabaseError(
            f"database {engine.url.database} is at schema revision {current}, which is newer "
            f"than this software knows (newest known: {head}); refusing to start — install "
            "the newer release or restore a backup")
    if current != head:
        cfg = _alembic_config()
        try:
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except (DatabaseError, OperationalError) as exc:
            raise StoreUnavailableError(f"migrating {engine.url.database} failed: "
                                        f"{exc.orig}") from exc
    return head
