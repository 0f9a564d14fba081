"""`county setting set | unset | list | keys`: settings pushed to terminals."""

from __future__ import annotations

import argparse

from county.cli.common import (
    CliError,
    Subparsers,
    add_config_option,
    add_db_options,
    open_db,
    open_listing_db,
    print_json,
)
from kiosk import clock
from kiosk.pushable import PUSHABLE, check_setting
from kiosk.textsafe import say

__all__ = ["register"]


def _setting_set(args: argparse.Namespace) -> int:
    from county.settings import set_setting

    try:
        version = set_setting(open_db(args), args.key, args.value, scope=args.scope,
                              now=clock.now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    value = check_setting(args.key, args.value)  # as stored: checked by set_setting
    if args.json:
        print_json({"key": args.key, "value": str(value), "scope": args.scope,
                    "version": version})
    else:
        say(f"{args.key} = {value} for {args.scope} (version {version}); terminals apply it "
            "after their next sync")
    return 0


def _setting_keys(args: argparse.Namespace) -> int:
    if args.json:
        print_json([{"key": p.name, "config_key": p.config_key, "min": p.minimum,
                     "max": p.maximum, "doc": p.doc} for p in PUSHABLE])
        return 0
    for p in PUSHABLE:
        print(f"{p.name:28} {p.minimum}–{p.maximum} s  (kiosk.toml {p.config_key}) {p.doc}")
    return 0


def _setting_unset(args: argparse.Namespace) -> int:
    from county.settings import unset_setting

    try:
        done = unset_setting(open_db(args), args.key, scope=args.scope, now=clock.now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if not done:
        raise CliError(f"{args.key} is not set for {args.scope}")
    say(f"{args.key} unset for {args.scope}")
    return 0


def _setting_list(args: argparse.Namespace) -> int:
    from county import plain_lists
    from county.plainread import PlainDb

    db = open_listing_db(args)
    if isinstance(db, PlainDb):
        rows = plain_lists.list_settings(db)
    else:
        from county.settings import list_settings

        rows = list_settings(db)
    if args.json:
        print_json(rows)
        return 0
    for s in rows:
        say(f"{s.key:30} {s.target:30} {s.value!r}  (v{s.version})")
    return 0


def register(sub: Subparsers) -> None:
    """Add `setting` and its actions."""
    p = sub.add_parser("setting", help="settings pushed to terminals")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, handler in (("set", _setting_set), ("unset", _setting_unset)):
        sp = actions.add_parser(name, help=f"{name} a setting")
        add_db_options(sp, json_output=name == "set")
        sp.add_argument("key")
        if name == "set":
            sp.add_argument("value")
        sp.add_argument("--scope", default="county",
                        help="county (default), township:NAME, village:TOWNSHIP/VILLAGE or "
                             "terminal:ID")
        sp.set_defaults(handler=handler)
    sl = actions.add_parser("list", help="settings in force")
    add_db_options(sl, json_output=True)
    sl.set_defaults(handler=_setting_list)
    sk = actions.add_parser("keys", help="the settings a terminal takes, with their ranges")
    add_config_option(sk)
    sk.add_argument("--json", action="store_true", help="print JSON")
    sk.set_defaults(handler=_setting_keys)
