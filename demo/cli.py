"""`kiosk db seed-demo`: the demo village into this terminal's cache.

Registered as an action of `kiosk db` through the ``village_kiosk.kiosk_db_commands``
entry-point group (pyproject.toml, kiosk/cli/db.py). Imports only argparse-level
code at the top: the store and the village generator load when the command runs
(start-up time, kiosk/cli/main.py).
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
)
from kiosk.textsafe import say

__all__ = ["register_seed_demo"]


def register_seed_demo(dbsub: Subparsers) -> None:
    """Add ``seed-demo`` to the `kiosk db` actions."""
    p = dbsub.add_parser("seed-demo", help="load the demo village (and write its card profiles)")
    add_common_options(p)
    p.add_argument("--cards", type=Path, metavar="DIR",
                   help="write one ID-card profile JSON per demo person into DIR")
    add_today_option(p)
    p.set_defaults(handler=_seed_demo)


def _seed_demo(args: argparse.Namespace) -> int:
    from demo.terminal import DemoSetupError, seed_demo, write_card_profiles
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
