"""Opening the county database: SQLite (default) or PostgreSQL, migrated on open.

The URL is an SQLAlchemy URL: ``sqlite:///county.db`` (a file in the working
directory, the default) or ``postgresql+psycopg://user:pass@host/db``. SQLite
connections run in WAL mode with a busy timeout so the server and a CLI
command can share the file; PostgreSQL needs nothing special.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Engine,
    column,
    create_engine,
    event,
    func,
    inspect,
    select,
    table,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from county.catalogue import ensure_catalogue
from county.db_light import DEFAULT_URL, default_url, scripts_head
from county.errors import CountyError
from county.models import BenefitItem
from county.tx import writing
from kiosk import clock
from kiosk.sqlite import configure_sqlite, private_database_file

if TYPE_CHECKING:  # Alembic loads only when the database is not at the scripts' head
    from alembic.config import Config as AlembicConfig

__all__ = [
    "APP_THREADS",
    "DEFAULT_URL",
    "DatabaseError",
    "FutureSchemaError",
    "app_pool_size",
    "create_county_engine",
    "default_url",
    "open_county_db",
    "upgrade",
]

_MIGRATIONS = Path(__file__).with_name("migrations")
_VERSION_TABLE = table("alembic_version", column("version_num"))
_SQLITE_BUSY_MS = 15000
#: Worker threads of one app process (county.app.create_app): at most this many requests
#: use the database at once.
APP_THREADS = 8
#: Connections an app process may open beyond its pool in a burst.
APP_OVERFLOW = 2


class DatabaseError(CountyError):
    """The county database cannot be opened or migrated; ``code`` is stable."""

    code = "db.unavailable"


class FutureSchemaError(DatabaseError):
    """The database was migrated by a newer county server than this one."""

    code = "db.future_schema"


def app_pool_size(threads: int = APP_THREADS) -> int:
    """Pooled connections of one app process to one database (the primary, and the
    replica if any): one per worker thread, one for the heartbeat batch writer, one
    spare. A process may open :data:`APP_OVERFLOW` more in a burst, and on PostgreSQL
    two more to the primary, LISTEN and its reader (county/pollcache.py), so with
    ``--workers N`` the primary needs ``max_connections`` ≥ N × (threads + 6) plus the CLI's and
    imports' few (docs/it-staff-guide.md, "Connection pools")."""
    return threads + 2


def create_county_engine(url: str, *, pool_size: int = 10,
                         max_overflow: int | None = None) -> Engine:
    """An engine for ``url`` (no I/O yet). Raises :class:`DatabaseError` for a bad URL.

    ``max_overflow``: connections beyond ``pool_size`` (default: 3× the pool on SQLite,
    2× on PostgreSQL)."""
    try:
        if url.startswith("sqlite"):
            _private_sqlite(url)
            # Pooled: opening a connection runs four PRAGMAs, too much per request.
            engine = create_engine(url, connect_args={"timeout": _SQLITE_BUSY_MS / 1000,
                                                      "check_same_thread": False},
                                   pool_size=pool_size,
                                   max_overflow=pool_size * 3 if max_overflow is None
                                   else max_overflow)
            return configure_sqlite(engine, busy_timeout_ms=_SQLITE_BUSY_MS)
        engine = create_engine(url, pool_size=pool_size,
                               max_overflow=pool_size * 2 if max_overflow is None
                               else max_overflow, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError(f"bad database URL: {exc}") from None
    if engine.dialect.name == "postgresql":
        _binary_arrays(engine)
    return engine


def _private_sqlite(url: str) -> None:
    """county.db holds the lookup key and payees: owner-only, like the kiosk's cache."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.parent.is_dir():  # else SQLite's own error says what is wrong
        try:
            private_database_file(path)
        except OSError as exc:
            raise DatabaseError(f"cannot create {path}: {exc.strerror}") from None


def _binary_arrays(engine: Engine) -> None:
    """Send Python lists (the key arrays of county.bulk.matching) in binary.

    psycopg sends a list of strings as an array literal in text by default,
    which the server then parses: looking up the 100 000 content keys of an
    import took 0.3 s that way and 0.07 s in binary.
    """
    from psycopg.types.array import ListBinaryDumper

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.adapters.register_dumper(list, ListBinaryDumper)


def plain_head() -> str | None:
    """The newest migration as the scripts' text names it, read without importing them
    (county.migration_head.scripts_head on this package's scripts)."""
    return scripts_head(_MIGRATIONS / "versions")


def _current_revision(engine: Engine) -> str | None:
    """The revision recorded in ``alembic_version`` (None: none, or not exactly one)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(select(_VERSION_TABLE.c.version_num)).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def _alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def upgrade(engine: Engine) -> str:
    """Migrate the database to the newest schema; return the revision in force.

    Raises :class:`FutureSchemaError` for a database from a newer release and
    :class:`DatabaseError` if it cannot be reached.
    """
    try:
        # A database at the scripts' head (every start but the first after an update):
        # no Alembic to import and no scripts to load.
        plain = plain_head()
        if plain is not None and _current_revision(engine) == plain:
            return plain
        from alembic import command
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(_alembic_config())
        head = script.get_current_head()
        assert head is not None
        known = {rev.revision for rev in script.walk_revisions()}
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current is not None and current not in known:
            raise FutureSchemaError(
                f"county database is at schema revision {current}, newer than this software "
                f"knows ({head}); install the newer release or restore a backup")
        if current != head:
            cfg = _alembic_config()
            with writing(engine) as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    except DBAPIError as exc:
        raise DatabaseError(f"cannot use the county database {engine.url!r}: "
                            f"{str(exc.orig).strip()}") from None
    return head


def open_county_db(url: str | None = None, *, migrate: bool = True,
                   app_threads: int | None = None) -> Engine:
    """Engine on ``url`` (default: :func:`default_url`), migrated to head.

    ``app_threads``: pool sized for an app process with that many worker threads
    (:func:`app_pool_size`). Raises :class:`DatabaseError` / :class:`FutureSchemaError`.
    """
    engine = (create_county_engine(url or default_url()) if app_threads is None else
              create_county_engine(url or default_url(), pool_size=app_pool_size(app_threads),
                                   max_overflow=APP_OVERFLOW))
    if migrate:
        upgrade(engine)
        _ship_catalogue(engine)
    return engine


def _ship_catalogue(engine: Engine) -> None:
    """A new county database starts with the shipped benefit catalogue."""
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(BenefitItem)).scalar_one():
            return
    with writing(engine) as conn:
        ensure_catalogue(conn, now=clock.now())
