"""`kiosk roll ITEM [--json]` and `kiosk powers [--json]`: what the 村务公开 screens show.

Registered by kiosk/cli/lookup.py's ``register`` (beside `lookup`, whose
style they follow) so that no new entry point is needed.
"""

from __future__ import annotations

import argparse

from kiosk.cli.common import (
    Subparsers,
    add_common_options,
    add_today_option,
    apply_today,
    load_cli_config,
    open_cli_store,
    pad,
    print_json,
)
from kiosk.textsafe import say

__all__ = ["register"]


def register(sub: Subparsers) -> None:
    """Add the `roll` and `powers` commands."""
    p = sub.add_parser("roll", help="this village's public roll of an item (公示花名册)")
    p.add_argument("item", metavar="ITEM", help="item code, e.g. DIBAO (without a roll, the items "
                                                "that have one are named)")
    p.add_argument("--json", action="store_true", help="print the documented JSON shape")
    add_common_options(p)
    add_today_option(p, help="the roll as it stands on this day (entries past their "
                             "disclosure period are hidden even before the county's "
                             "tombstone arrives; default: today)")
    p.set_defaults(handler=_roll)
    p = sub.add_parser("powers", help="the micro-power list (小微权力清单)")
    p.add_argument("--json", action="store_true", help="print the documented JSON shape")
    add_common_options(p)
    p.set_defaults(handler=_powers)


def _roll(args: argparse.Namespace) -> int:
    from kiosk import clock
    from kiosk.money import format_yuan
    from kiosk.rolls import public_items, read_roll

    apply_today(args)
    engine = open_cli_store(load_cli_config(args))
    try:
        today = clock.today()
        roll = read_roll(engine, args.item.upper(), today=today)
        items = public_items(engine, today=today) if not roll.rows else []
    finally:
        engine.dispose()
    if args.json:
        print_json(roll.to_json())
        return 0
    if not roll.rows:
        say(f"{roll.item_name}：本村目前没有公示名单。")
        if items:
            say("正在公示的项目：" + "、".join(f"{i.code} {i.name}" for i in items))
        return 0
    say(f"{roll.item_name} 公示名单  共 {len(roll.rows)} 条  合计 {format_yuan(roll.total_fen)}")
    for r in roll.rows:
        size = f"{r.household_size}人" if roll.household and r.household_size else ""
        cells = ((r.group, 10), (r.name, 10), (size, 6), (r.period, 16))
        say("".join(pad(c, w) for c, w in cells) + pad(format_yuan(r.amount_fen), 14,
                                                           right=True))
    return 0


def _powers(args: argparse.Namespace) -> int:
    from kiosk.powers import read_powers

    engine = open_cli_store(load_cli_config(args))
    try:
        powers = read_powers(engine)
    finally:
        engine.dispose()
    if args.json:
        print_json({"powers": [p.to_json() for p in powers]})
        return 0
    for p in powers:
        say(p.name)
        for i, step in enumerate(p.steps, start=1):
            say(f"  {i}. {step.title}：{step.detail}")
        for label, value in (("谁来决定", p.decides), ("办理时限", p.time_limit),
                             ("需要材料", "、".join(p.documents)), ("投诉渠道", p.complain)):
            if value:
                say(f"  {label}：{value}")
    return 0
