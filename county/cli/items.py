"""`county item list | add | disclose | disclosures`: the benefit catalogue."""

from __future__ import annotations

import argparse

from county.cli.common import (
    CliError,
    Subparsers,
    add_db_options,
    open_db,
    open_listing_db,
    print_json,
)
from kiosk import clock
from kiosk.textsafe import say

__all__ = ["register"]


def _item_list(args: argparse.Namespace) -> int:
    from county import plain_lists
    from county.plainread import PlainDb

    db = open_listing_db(args)
    if isinstance(db, PlainDb):
        items = plain_lists.list_items(db)
    else:
        from county.catalogue import list_items

        items = list_items(db)
    if args.json:
        print_json(items)
        return 0
    for item in items:
        aliases = "、".join(item.aliases)
        say(f"{item.code:12} {item.name}  [{item.category} / {item.department} / "
            f"{'按户' if item.scope == 'household' else '按人'}]  {aliases}")
    return 0


def _item_add(args: argparse.Namespace) -> int:
    from county.catalogue import upsert_item
    from kiosk.catalogue import BenefitItemSpec

    spec = BenefitItemSpec(args.code.upper(), args.name, args.category, args.department,
                           args.scope, args.standard, args.policy, tuple(args.alias))
    try:
        new = upsert_item(open_db(args), spec, now=clock.now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    say(f"item {spec.code} {'added' if new else 'updated'}")
    return 0


def register(sub: Subparsers) -> None:
    """Add `item` and its actions."""
    p = sub.add_parser("item", help="the benefit catalogue")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="catalogue items and their aliases")
    add_db_options(ls, json_output=True)
    ls.set_defaults(handler=_item_list)
    add = actions.add_parser("add", help="add or replace an item")
    add_db_options(add)
    add.add_argument("code", help="A–Z, 0–9, _ (e.g. CHANJIA)")
    add.add_argument("name")
    add.add_argument("--category", default="")
    add.add_argument("--department", default="")
    add.add_argument("--scope", choices=("person", "household"), default="person")
    add.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    add.add_argument("--standard", default="")
    add.add_argument("--policy", default="")
    add.set_defaults(handler=_item_add)
    from county.cli.disclosure import register_item_actions

    register_item_actions(actions)
