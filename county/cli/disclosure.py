"""`county item disclose | disclosures`, `county rolls refresh | show`, `county powers
import | list`: public disclosure (村务公开) — rolls of public items and the micro-power list."""

from __future__ import annotations

import argparse

from county.cli.common import CliError, Subparsers, add_db_options, open_db, print_json
from kiosk import clock
from kiosk.money import format_yuan
from kiosk.textsafe import say

__all__ = ["register"]


def _disclose(args: argparse.Namespace) -> int:
    from county.disclosure.rolls import set_disclosure

    if not args.off and not (args.days or args.months):
        raise CliError("give --days N or --months N (how long each payment stays on the "
                       "roll), or --off")
    try:
        set_disclosure(open_db(args), args.code.upper(), public=not args.off,
                       days=args.days or 0, months=args.months or 0, now=clock.now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.off:
        say(f"item {args.code.upper()}: roll no longer public (terminals drop it at their "
            "next sync)")
    else:
        span = f"{args.months} months" if args.months else f"{args.days} days"
        say(f"item {args.code.upper()}: roll public for {span} after each payment")
    return 0


def _disclosures(args: argparse.Namespace) -> int:
    from county.disclosure.rolls import list_disclosures

    rows = list_disclosures(open_db(args))
    if args.json:
        print_json(rows)
        return 0
    for d in rows:
        span = (f"{d.period_months} 个月" if d.period_months else "") + (
            f"{d.period_days} 天" if d.period_days else "")
        say(f"{d.item_code:12} {d.item_name}  {'公示 ' + span if d.public else '不公示'}")
    return 0


def _refresh(args: argparse.Namespace) -> int:
    from county.disclosure.rolls import payee_names, refresh_rolls
    from county.tx import writing

    engine = open_db(args)
    with writing(engine) as conn:
        result = refresh_rolls(conn, today=args.today or clock.today(), now=clock.now(),
                               names=payee_names(engine.url.render_as_string(
                                   hide_password=False)))
    if args.json:
        print_json(result)
    else:
        say(f"rolls: {result.added} added, {result.changed} changed, {result.removed} removed")
    return 0


def _show(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from county.disclosure.models import RollEntry

    engine = open_db(args)
    query = (select(RollEntry).where(RollEntry.deleted.is_(False),
                                     RollEntry.item_code == args.item.upper(),
                                     RollEntry.village == args.village)
             .order_by(RollEntry.village_group, RollEntry.name, RollEntry.id))
    if args.township:
        query = query.where(RollEntry.township == args.township)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    out = [{"name": r.name, "amount_fen": r.amount_fen, "period": r.period,
            "group": r.village_group, "household_size": r.household_size,
            "public_until": r.public_until} for r in rows]
    if args.json:
        print_json({"item": args.item.upper(), "village": args.village, "rows": out})
        return 0
    for r in out:
        say(f"{r['group']:6} {r['name']:6} {format_yuan(int(str(r['amount_fen'])))}  "
            f"{r['period']}")
    return 0


def _powers_import(args: argparse.Namespace) -> int:
    from county.disclosure.powers import PowerFileError, import_powers

    try:
        counts = import_powers(open_db(args), args.file, now=clock.now())
    except PowerFileError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(counts)
    else:
        say(", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def _powers_list(args: argparse.Namespace) -> int:
    from county.disclosure.powers import list_powers

    rows = list_powers(open_db(args))
    if args.json:
        print_json(rows)
        return 0
    for p in rows:
        applies = f"; how to apply for {', '.join(p.items)}" if p.items else ""
        say(f"{p.code:16} {p.name}  ({p.steps} steps{applies})")
    return 0


def _day(text: str) -> object:
    try:
        return clock.parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: Subparsers) -> None:
    """Add `rolls` and `powers`; `item disclose` / `item disclosures` are added by
    :func:`register_item_actions`."""
    from pathlib import Path

    rolls = sub.add_parser("rolls", help="public rolls (公示花名册) of the public items")
    actions = rolls.add_subparsers(dest="action", metavar="ACTION", required=True)
    refresh = actions.add_parser("refresh", help="bring the rolls up to date now (the server "
                                                 "also does it before terminals read)")
    add_db_options(refresh, json_output=True)
    refresh.add_argument("--today", type=_day, help="as of this day (YYYY-MM-DD)")
    refresh.set_defaults(handler=_refresh)
    show = actions.add_parser("show", help="a village's current roll of an item")
    add_db_options(show, json_output=True)
    show.add_argument("item")
    show.add_argument("--village", required=True)
    show.add_argument("--township", default="")
    show.set_defaults(handler=_show)

    powers = sub.add_parser("powers", help="the micro-power list (小微权力清单)")
    actions = powers.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="publish the list in a JSON file (replaces it)")
    add_db_options(imp, json_output=True)
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_powers_import)
    ls = actions.add_parser("list", help="the published powers")
    add_db_options(ls, json_output=True)
    ls.set_defaults(handler=_powers_list)


def register_item_actions(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`county item disclose CODE (--days N | --months N | --off)` and `item disclosures`."""
    disclose = actions.add_parser("disclose", help="publish an item's roll (公示花名册) "
                                                   "for a period after each payment, or stop")
    add_db_options(disclose)
    disclose.add_argument("code")
    span = disclose.add_mutually_exclusive_group()
    span.add_argument("--days", type=int, help="days each payment stays on the roll")
    span.add_argument("--months", type=int, help="months each payment stays on the roll")
    span.add_argument("--off", action="store_true", help="the roll is no longer public")
    disclose.set_defaults(handler=_disclose)
    ls = actions.add_parser("disclosures", help="items whose roll is public, and for how long")
    add_db_options(ls, json_output=True)
    ls.set_defaults(handler=_disclosures)
