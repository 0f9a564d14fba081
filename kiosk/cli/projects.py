"""`kiosk projects [--json]`: what the 村级工程 screens would show (issue 17)."""

from __future__ import annotations

import argparse

from kiosk.cli.common import (
    Subparsers,
    add_common_options,
    load_cli_config,
    open_cli_store,
    print_json,
)
from kiosk.textsafe import say

__all__ = ["register"]


def register(sub: Subparsers) -> None:
    """Add the `projects` command."""
    p = sub.add_parser("projects", help="show the village's projects (村级工程) and their "
                                        "stages as the kiosk screens would")
    p.add_argument("--json", action="store_true", help="print the documented JSON shape")
    add_common_options(p)
    p.set_defaults(handler=_projects)


def _projects(args: argparse.Namespace) -> int:
    from kiosk.money import format_yuan
    from kiosk.projects import read_projects

    engine = open_cli_store(load_cli_config(args))
    try:
        projects = read_projects(engine)
    finally:
        engine.dispose()
    if args.json:
        print_json({"projects": [p.to_json() for p in projects]})
        return 0
    if not projects:
        say("还没有村级工程公开到这台机器上")
        return 0
    for p in projects:
        budget, final = p.amount_of("budget"), p.amount_of("final")
        money = "  ".join(f"{label} {format_yuan(fen)}" for label, fen in
                          (("预算", budget), ("决算", final)) if fen)
        say(f"{p.name}  {money}".rstrip())
        for s in p.stages:
            amount = format_yuan(s.amount_fen) if s.amount_fen else ""
            image = "  [有图片]" if s.image_sha256 else ""
            say(f"  {s.day.isoformat()}  {s.label:<6}{amount:>14}  {s.who}  {s.note}{image}"
                .rstrip())
    return 0
