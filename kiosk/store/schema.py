"""Schema versions: Alembic migrations applied on start, future databases refused.

A terminal may be rolled back to an older release while its database was
already migrated by a newer one; the older code must then refuse to touch
the file (it would misread it) rather than "upgrade" it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from kiosk.cachefile import HEAD_REVISION  # kept there: read-only status checks need no SQLAlchemy

if TYPE_CHECKING:  # Alembic loads only when a database is not at HEAD_REVISION
    from alembic.config import Config as AlembicConfig

from kiosk.errors import KioskError

__all__ = [
    "FutureDatabaseError",
    "StoreError",
    "StoreUnavailableError",
    "current_revision",
    "head_revision",
    "upgrade",
]

_MIGRATIONS = Path(__file__).with_name("migrations")



class StoreError(KioskError):
    """Base of the store's errors; ``code`` is stable for logs and the clerk screen."""

    code = "store.error"


class FutureDatabaseError(StoreError):
    """The database was migrated by newer software than this one."""

    code = "store.future_schema"


class StoreUnavailableError(StoreError):
    """The database file cannot be opened or is not a SQLite database."""

    code = "store.unavailable"


def _alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest migration this software knows."""
    return HEAD_REVISION


def alembic_head() -> str:
    """The newest migration as Alembic finds it in the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database.

    Reads Alembic's ``alembic_version`` table directly (what
    ``MigrationContext.get_current_revision`` does for one head). Raises
    :class:`StoreUnavailableError` if the file is not a database.
    """
    try:
        with engine.connect() as conn:
            if not conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                        "AND name = 'alembic_version'").first():
                return None
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
            if len(rows) > 1:  # several heads: let Alembic say what it says about them
                from alembic.runtime.migration import MigrationContext

                return MigrationContext.configure(conn).get_current_revision()
            return str(rows[0][0]) if rows else None
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
        raise StoreUnavailableError(f"cannot read database {engine.url.database}: "
                                    f"{exc.orig if hasattr(exc, 'orig') else exc}") from exc


def upgrade(engine: Engine) -> str:
    """Bring the database to the newest schema; return the revision now in force.

    Raises :class:`FutureDatabaseError` if the database is at a revision this
    software does not know (migrated by a newer release), and
    :class:`StoreUnavailableError` if the file cannot be used.
    """
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return current
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    head = alembic_head()
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
