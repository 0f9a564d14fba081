"""`county seed-demo`: load the demo county (hashed IDs only)."""

from __future__ import annotations

import argparse
from pathlib import Path

from county.cli.common import Subparsers, add_db_options, open_db, print_json
from kiosk import clock
from kiosk.textsafe import say

__all__ = ["register"]


def _seed_demo(args: argparse.Namespace) -> int:
    from county.demo_keys import seed_demo_person_keys
    from county.seed import generate_village, seed_demo, seed_demo_disclosure, write_cards

    engine = open_db(args)
    village = generate_village(today=args.today)
    counts = seed_demo(engine, now=clock.now(), village=village)
    counts["person_key"] = seed_demo_person_keys(engine, now=clock.now(), village=village)
    counts.update(seed_demo_disclosure(engine, now=clock.now(), village=village))
    cards = write_cards(args.cards, village=village) if args.cards else None
    if args.json:
        print_json({"added": counts, "cards": cards})
    else:
        say("demo county loaded: " + ", ".join(f"{k} +{v}" for k, v in counts.items()))
        if cards is not None:
            say(f"{cards} card profiles written to {args.cards}")
    return 0


def register(sub: Subparsers) -> None:
    """Add `seed-demo`."""
    p = sub.add_parser("seed-demo", help="load the demo county (hashed IDs only)")
    add_db_options(p, json_output=True)
    p.add_argument("--cards", type=Path, metavar="DIR",
                   help="also write the demo ID-card profiles (JSON) for the card emulator")
    p.add_argument("--today", type=clock.parse_day, metavar="YYYY-MM-DD",
                   help="the demo's reference date: payments, notices and replies are dated "
                        "relative to it (default: today, Beijing)")
    p.set_defaults(handler=_seed_demo)
