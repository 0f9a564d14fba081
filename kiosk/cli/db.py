"""`kiosk db upgrade|stats|seed-demo`.

The store (SQLAlchemy, Alembic) is imported by the handlers, not here: see
:mod:`kiosk.cli.main` on start-up time.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli.common import (
    CliError,
    Subparsers,
    add_common_options,
    add_today_option,
    apply_today,
    load_cli_config,
    open_cli_store,
    print_json,
)
from kiosk.textsafe import say

__all__ = ["register"]


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

    p = dbsub.add_parser("seed-demo", help="load the demo village (and write its card profiles)")
    add_common_options(p)
    p.add_argument("--cards", type=Path, metavar="DIR",
                   help="write one ID-card profile JSON per demo person into DIR")
    add_today_option(p)
    p.set_defaults(handler=_seed_demo)


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


def _seed_demo(args: argparse.Namespace) -> int:
    from kiosk.demo_setup import DemoSetupError, seed_demo, write_card_profiles
    from kiosk.money import format_yuan
    from kiosk.store import StoreError

    config = load_cli_config(args)
    apply_today(args)
    try:
        village, counts = seed_demo(config)
    except DemoSetupError as exc:
        raise CliError(str(exc)) from None
    except StoreError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    total = sum(p.amount_fen for p in village.payments if p.status == "paid")
    say(f"seeded {config.store.path}: {len({p.household_id for p in village.people})} "
        f"households, {len(village.people)} people, {counts['payment']:,} payments "
        f"({format_yuan(total)} paid), {counts['notice']} notices")
    if args.cards:
        written = write_card_profiles(village, args.cards)
        say(f"card profiles: {args.cards}/ ({written} files)")
    return 0
