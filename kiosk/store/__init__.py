"""The terminal's SQLite cache: models, engine, migrations, statistics, seeding."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from kiosk.sqlite import private_database_file
from kiosk.store.engine import create_sqlite_engine, write_connection
from kiosk.store.schema import (
    FutureDatabaseError,
    StoreError,
    StoreUnavailableError,
    alembic_head,
    current_revision,
    head_revision,
    upgrade,
)

__all__ = [
    "FutureDatabaseError",
    "StoreError",
    "StoreUnavailableError",
    "alembic_head",
    "current_revision",
    "head_revision",
    "open_store",
    "write_connection",
]


def open_store(path: Path, *, busy_timeout_ms: int = 5000, migrate: bool = True) -> Engine:
    """Open (creating if needed) the cache at ``path`` and bring its schema up to date.

    The parent directory is created. With ``migrate=False`` the schema is
    only checked. Raises :class:`FutureDatabaseError` for a database written
    by newer software and :class:`StoreUnavailableError` for a file that is
    not a usable SQLite database (or a schema that is not up to date when
    ``migrate`` is False).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreUnavailableError(f"cannot create {path.parent}: {exc.strerror}") from exc
    try:
        private_database_file(path)
    except OSError as exc:
        raise StoreUnavailableError(f"cannot create {path}: {exc.strerror}") from exc
    engine = create_sqlite_engine(path, busy_timeout_ms=busy_timeout_ms)
    try:
        if migrate:
            upgrade(engine)
        elif current_revision(engine) != head_revision():
            raise StoreUnavailableError(
                f"database {path} is not at schema {head_revision()}: run `kiosk db upgrade`")
    except BaseException:
        engine.dispose()
        raise
    return engine
