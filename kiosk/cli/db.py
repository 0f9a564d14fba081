"""`kiosk db upgrade|stats`, and the actions other packages add (`seed-demo`).

The store (SQLAlchemy, Alembic) is imported by the handlers, not here: see
:mod:`kiosk.cli.main` on start-up time. Actions that do not belong to the core
register themselves in the ``village_kiosk.kiosk_db_commands`` entry-point
group (pyproject.toml), each a ``register(db_subparsers)`` function, the way
the command groups do in :mod:`kiosk.cli.main`: the demo's ``seed-demo``
(demo/cli.py) is one, so the core never imports the demo.
"""

from __future__ import annotations

import argparse
from importlib.metadata import entry_points

from kiosk.cli.common import (
    CliError,
    Subparsers,
    add_common_options,
    load_cli_config,
    open_cli_store,
    print_json,
)
from kiosk.textsafe import say

__all__ = ["ACTIONS", "register"]

#: Entry-point group of extra `kiosk db` actions.
ACTIONS = "village_kiosk.kiosk_db_commands"


def register(sub: Subparsers) -> None:
    """Add the `db` command group."""
    db = sub.add_parser("db", help="the local SQLite cache")
    dbsub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    p = dbsub.add_parser("upgrade", help="apply database migrations (also done on every start)")
    add_common_options(p)
    p.set_defaults(handler=_upgrade)

    p = dbsub.add_parser("stats", help="row counts, sync cursor, file size")
    add_common_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_stats)

    # More actions plug in from outside the core (the demo's `seed-demo`, demo/cli.py).
    for ep in sorted(entry_points(group=ACTIONS), key=lambda e: e.name):
        ep.load()(dbsub)

def _upgrade(args: argparse.Namespace) -> int:
    from kiosk.cachefile import HEAD_REVISION, CacheFileError, open_readonly

    config = load_cli_config(args)
    try:  # already current (every run but the first after an update): no SQLAlchemy needed
        open_readonly(config.store.path, busy_timeout_ms=config.store.busy_timeout_ms).close()
    except CacheFileError:
        open_cli_store(config).dispose()
    say(f"{config.store.path}: schema at {HEAD_REVISION}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    # Plain sqlite3, read-only (no SQLAlchemy to import; the cache is never created).
    from kiosk.cachefile import CacheFileError, read_store_stats

    config = load_cli_config(args)
    try:
        stats = read_store_stats(config.store.path, busy_timeout_ms=config.store.busy_timeout_ms)
    except CacheFileError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    if args.json:
        print_json(stats.to_json())
        return 0
    say(f"database      {stats.path}")
    say(f"schema        {stats.schema_revision}")
    say(f"size          {stats.file_bytes:,} bytes (+ WAL {stats.wal_bytes:,})")
    say(f"data as of    {stats.data_as_of.isoformat() if stats.data_as_of else 'never synced'}")
    say(f"cursor        {stats.cursor or '-'}")
    say(f"outbox        {stats.outbox_pending} complaint(s) waiting to be sent")
    for table, count in stats.rows.items():
        say(f"  {table:<18}{count:>10,}")
    return 0

