"""`county notice add | list | retire`: notices published to terminals."""

from __future__ import annotations

import argparse

from county.cli.common import (
    CliError,
    Subparsers,
    add_db_options,
    open_db,
    open_listing_db,
    parse_date,
    print_json,
    read_text_file,
)
from kiosk import clock
from kiosk.catalogue import NOTICE_KINDS
from kiosk.textsafe import say

__all__ = ["register"]


def _notice_add(args: argparse.Namespace) -> int:
    from county.notices import add_notice

    body = args.body if args.body is not None else (
        read_text_file(args.body_file) if args.body_file else "")
    try:
        notice_id = add_notice(open_db(args), kind=args.kind, title=args.title, body=body,
                               scope=args.scope, township=args.township or "",
                               village=args.village or "",
                               published_on=args.published or clock.now().date(),
                               expires_on=args.expires, now=clock.now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json({"id": notice_id})
    else:
        say(f"notice {notice_id} published")
    return 0


def _notice_list(args: argparse.Namespace) -> int:
    from county import plain_lists
    from county.plainread import PlainDb

    db = open_listing_db(args)
    if isinstance(db, PlainDb):
        rows = plain_lists.list_notices(db, include_retired=args.all)
    else:
        from county.notices import list_notices

        rows = list_notices(db, include_retired=args.all)
    if args.json:
        print_json(rows)
        return 0
    for n in rows:
        where = {"county": "全县", "township": n.township, "village": f"{n.township}{n.village}"}
        say(f"{n.id:5}  {n.kind:4}  {n.published_on}  {where[n.scope]:12}  {n.title}"
            + (f"  (至 {n.expires_on})" if n.expires_on else "")
            + ("  [已撤下]" if n.retired else ""))
    return 0


def _notice_retire(args: argparse.Namespace) -> int:
    from county.notices import retire_notice

    if not retire_notice(open_db(args), args.id, now=clock.now()):
        raise CliError(f"no live notice {args.id}")
    say(f"notice {args.id} retired; terminals drop it on their next sync")
    return 0


def register(sub: Subparsers) -> None:
    """Add `notice` and its actions."""
    p = sub.add_parser("notice", help="publish notices to terminals")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    na = actions.add_parser("add", help="publish a notice")
    add_db_options(na, json_output=True)
    na.add_argument("--kind", required=True, choices=NOTICE_KINDS)
    na.add_argument("--title", required=True)
    group = na.add_mutually_exclusive_group()
    group.add_argument("--body")
    group.add_argument("--body-file", metavar="FILE")
    na.add_argument("--scope", choices=("village", "township", "county"), default="county")
    na.add_argument("--township")
    na.add_argument("--village")
    na.add_argument("--published", type=parse_date, metavar="YYYY-MM-DD", help="default today")
    na.add_argument("--expires", type=parse_date, metavar="YYYY-MM-DD")
    na.set_defaults(handler=_notice_add)
    nl = actions.add_parser("list", help="live notices, newest first")
    add_db_options(nl, json_output=True)
    nl.add_argument("--all", action="store_true", help="include retired notices")
    nl.set_defaults(handler=_notice_list)
    nr = actions.add_parser("retire", help="withdraw a notice from every terminal")
    add_db_options(nr)
    nr.add_argument("id", type=int)
    nr.set_defaults(handler=_notice_retire)
