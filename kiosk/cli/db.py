"""`kiosk db upgrade|stats|seed-demo`."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

from kiosk.cli.common import (
    CliError,
    Subparsers,
    add_common_options,
    load_cli_config,
    open_cli_store,
    print_json,
)
from kiosk.config import Config
from kiosk.demo_data import DEMO_LOOKUP_KEY, generate_village, iter_profiles
from kiosk.enrollment import (
    Enrollment,
    EnrollmentError,
    NotEnrolledError,
    load_enrollment,
    save_enrollment,
)
from kiosk.money import format_yuan
from kiosk.store import head_revision
from kiosk.store.seed import seed_village
from kiosk.store.stats import store_stats

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
    p.set_defaults(handler=_seed_demo)


def _upgrade(args: argparse.Namespace) -> int:
    config = load_cli_config(args)
    open_cli_store(config).dispose()
    print(f"{config.store.path}: schema at {head_revision()}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    config = load_cli_config(args)
    engine = open_cli_store(config, migrate=False)
    try:
        stats = store_stats(engine)
    finally:
        engine.dispose()
    if args.json:
        print_json(stats.to_json())
        return 0
    print(f"database      {stats.path}")
    print(f"schema        {stats.schema_revision}")
    print(f"size          {stats.file_bytes:,} bytes (+ WAL {stats.wal_bytes:,})")
    print(f"data as of    {stats.data_as_of.isoformat() if stats.data_as_of else 'never synced'}")
    print(f"cursor        {stats.cursor or '-'}")
    print(f"outbox        {stats.outbox_pending} complaint(s) waiting to be sent")
    for table, count in stats.rows.items():
        print(f"  {table:<18}{count:>10,}")
    return 0


def _ensure_demo_enrollment(config: Config) -> None:
    """Write the demo enrollment unless the terminal is really enrolled."""
    path = config.enrollment.file
    try:
        current = load_enrollment(path)
    except NotEnrolledError:
        current = None
    except EnrollmentError as exc:
        raise CliError(str(exc)) from None
    if current is not None:
        if current.lookup_key != DEMO_LOOKUP_KEY:
            raise CliError(f"refusing to seed demo data: this terminal is enrolled ({path}) "
                           "with a real lookup key")
        return
    try:
        save_enrollment(path, Enrollment("DEMO-0001", "demo-token", DEMO_LOOKUP_KEY,
                                         "http://127.0.0.1:8470", "", datetime.now(UTC)))
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror}") from None


def _seed_demo(args: argparse.Namespace) -> int:
    config = load_cli_config(args)
    _ensure_demo_enrollment(config)
    village = generate_village()
    engine = open_cli_store(config)
    try:
        counts = seed_village(engine, village, DEMO_LOOKUP_KEY)
    finally:
        engine.dispose()
    if args.cards:
        args.cards.mkdir(parents=True, exist_ok=True)
        for stem, profile in iter_profiles(village):
            data = json.dumps(profile, ensure_ascii=False, indent=2).encode("utf-8")
            (args.cards / f"{stem}.json").write_bytes(data)
    total = sum(p.amount_fen for p in village.payments if p.status == "paid")
    print(f"seeded {config.store.path}: {len({p.household_id for p in village.people})} "
          f"households, {len(village.people)} people, {counts['payment']:,} payments "
          f"({format_yuan(total)} paid), {counts['notice']} notices")
    if args.cards:
        print(f"card profiles: {args.cards}/ ({len(village.people)} files)")
    return 0
