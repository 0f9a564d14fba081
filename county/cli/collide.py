"""`county collide | lead | standard | cards`, and the lead count after `county import`.

Leads name people by name and masked ID number only; a full number is seen
on the console by the inspector role (county/payees.py), never here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from county.cli.common import (
    CliError,
    Subparsers,
    actor_name,
    add_db_options,
    database_url,
    open_db,
    print_json,
)
from kiosk import clock
from kiosk.money import AmountError, format_yuan, parse_yuan
from kiosk.textsafe import say

if TYPE_CHECKING:

    from county.collision.imports import LeadPreview
    from county.collision.run import LeadView, RunResult
    from county.importer import ImportResult

__all__ = ["import_reference", "register", "say_leads_after_import"]

_STATUS_WORDS = {"new": "新线索", "assigned": "已交办", "confirmed": "已核实",
                 "dismissed": "已排除", "recovered": "已追回", "closed": "证据消失已关闭"}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _fen(text: str) -> int:
    try:
        return parse_yuan(text)
    except AmountError as exc:
        raise argparse.ArgumentTypeError(f"not an amount in yuan: {exc}") from None


def _vault(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from county.payees import KeyFileError, load_vault

    try:
        return load_vault(database_url(args))
    except KeyFileError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None


# --- imports ----------------------------------------------------------------------------------

def import_reference(args: argparse.Namespace,
                     print_report: Callable[[ImportResult], None]) -> int:
    """`county import FILE --kind deaths|officials|…`: store the list, run the rules, say what
    the batch raised (exit codes as for payments); ``print_report`` prints the import report
    as `county import` does for payments."""
    from county.collision.imports import import_list, raised_line
    from county.importer import SourceError
    from county.importer.references import ReferenceOptions
    from county.payees import KeyFileError

    engine = open_db(args)
    options = ReferenceOptions(kind=args.kind, skip_bad=args.skip_bad,
                               accept_warnings=args.accept_warnings,
                               reject_file=args.reject_file, dry_run=args.dry_run)
    try:
        result, leads = import_list(engine, args.file, options, now=clock.now(),
                                    actor=actor_name(args))
    except (SourceError, ValueError) as exc:
        raise CliError(str(exc)) from None
    except KeyFileError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    if args.json:
        print_json({**result.as_json(), "kind": args.kind,
                    "leads_new": None if leads is None else len(leads.new_ids),
                    "leads_closed": None if leads is None else leads.closed})
    else:
        print_report(result)
        if leads is not None:
            say(raised_line(leads, dry_run=args.dry_run))
    return result.exit_code


def lead_preview(args: argparse.Namespace) -> LeadPreview:
    """For `county import` of payments: the rules run on the batch in the import's
    transaction (``ImportOptions.after_store``); a dry run also lists the new leads."""
    from county.collision.imports import LeadPreview

    return LeadPreview(_vault(args), clock.now(), actor_name(args), views=args.dry_run)


def say_leads_after_import(args: argparse.Namespace, result: ImportResult,
                           preview: LeadPreview) -> int | None:
    """After a payment import (or its dry run): say what the batch raised (the ``preview``
    ran in the import's transaction, rolled back for a dry run) and, for a dry run, list
    the leads; returns how many (None when nothing was, or would be, imported)."""
    from county.collision.imports import raised_line

    if result.refused or not (result.imported or args.dry_run):
        return None
    if not args.json:
        say(raised_line(preview.result, dry_run=args.dry_run))
        for v in preview.leads:
            say(f"  {'[发放前] ' if v.before_payment else ''}{v.rule:20} {v.name} "
                f"{v.masked_id}  {v.township}  {format_yuan(v.amount_fen)}")
    return len(preview.result.new_ids)


# --- collide ----------------------------------------------------------------------------------

def _collide(args: argparse.Namespace) -> int:
    from county.collision.rules import RULES, rule_named
    from county.collision.run import collide, lead_views

    try:
        rules = [rule_named(n) for n in args.rule] if args.rule else list(RULES)
    except KeyError as exc:
        raise CliError(str(exc.args[0])) from None
    engine = open_db(args)
    vault = _vault(args)
    with engine.connect() as conn:
        tx = conn.execution_options(sqlite_begin="IMMEDIATE").begin()
        try:
            found = collide(conn, now=clock.now(), rules=rules, since=args.since,
                            actor=actor_name(args))
            views = lead_views(conn, vault, rules=[r.name for r in rules],
                               status=None) if (args.json or args.xlsx) else []
        except BaseException:
            tx.rollback()
            raise
        (tx.rollback if args.dry_run else tx.commit)()
    views = [v for v in views if v.status != "closed"]
    if args.xlsx is not None:
        _write_xlsx(args.xlsx, views)
    if args.json:
        print_json([v.as_json() for v in views])
    else:
        _say_run(found, dry_run=args.dry_run)
        if args.xlsx is not None:
            say(f"{len(views)} leads written to {args.xlsx} (0600)")
    return 0


def _say_run(found: RunResult, *, dry_run: bool) -> None:
    from county.collision.imports import raised_line

    say(f"{found.found} leads found in all; " + raised_line(found, dry_run=dry_run))


_XLSX_HEADER = ("线索号", "规则", "姓名", "身份证号（脱敏）", "乡镇", "部门", "涉及金额（元）",
                "状态", "可在发放前拦截", "证据（项目 金额 日期 状态）")


def _write_xlsx(path: Path, views: list[LeadView]) -> None:
    from county.exports import ExportFormatError, write_table

    rows = ([v.id, v.rule, v.name, v.masked_id, v.township, v.department,
             format_yuan(v.amount_fen, symbol=False), _STATUS_WORDS[v.status],
             "是" if v.before_payment else "",
             "；".join(f"{p.item_name} {format_yuan(p.amount_fen, symbol=False)} {p.paid_on} "
                      f"{p.status}" for p in v.payments)] for v in views)
    try:
        write_table(path, _XLSX_HEADER, rows, sheet="问题线索")
    except (ExportFormatError, OSError) as exc:
        raise CliError(str(exc)) from None


# --- leads ------------------------------------------------------------------------------------

def _lead_list(args: argparse.Namespace) -> int:
    from county.collision.run import lead_views

    with open_db(args).connect() as conn:
        views = lead_views(conn, _vault(args), rules=args.rule, township=args.township,
                           status=args.status, limit=args.limit)
    if args.json:
        print_json([v.as_json() for v in views])
        return 0
    for v in views:
        say(f"{v.id:6}  {'[发放前] ' if v.before_payment else ''}{v.rule:20} {v.name} "
            f"{v.masked_id}  {v.township}  {format_yuan(v.amount_fen)}  "
            f"{_STATUS_WORDS[v.status]}")
    return 0


def _lead_show(args: argparse.Namespace) -> int:
    from county.collision.rules import rule_named
    from county.collision.run import lead_views

    with open_db(args).connect() as conn:
        views = lead_views(conn, _vault(args), ids=[args.id])
    if not views:
        raise CliError(f"no lead {args.id}")
    v = views[0]
    if args.json:
        print_json(v.as_json())
        return 0
    say(f"线索 {v.id}  {v.rule}: {rule_named(v.rule).zh}")
    say(f"  {v.name} {v.masked_id}  {v.township}  {v.department}")
    say(f"  涉及金额 {format_yuan(v.amount_fen)}  状态 {_STATUS_WORDS[v.status]}"
        + (f"  交办 {v.assigned_to}" if v.assigned_to else ""))
    for p in v.payments:
        say(f"  - {p.item_name} {p.period} {format_yuan(p.amount_fen)} {p.paid_on} {p.status}")
    return 0


def _lead_step(args: argparse.Namespace) -> int:
    from county.collision import life

    engine = open_db(args)
    now, actor = clock.now(), actor_name(args)
    try:
        if args.action == "assign":
            life.assign(engine, args.id, args.group, actor=actor, now=now)
        elif args.action == "confirm":
            life.confirm(engine, args.id, args.amount, actor=actor, now=now,
                         note=args.note or "")
        elif args.action == "dismiss":
            life.dismiss(engine, args.id, args.reason, actor=actor, now=now)
        else:
            life.recover(engine, args.id, args.amount, args.on or now.date(), actor=actor,
                         now=now)
    except life.LeadError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    say(f"lead {args.id}: {args.action} done")
    return 0


def _lead_figures(args: argparse.Namespace) -> int:
    from county.collision.life import figures

    with open_db(args).connect() as conn:
        rows = figures(conn, args.by)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        say(f"{r.key or '合计':20} 发现 {r.found:6}  已处理 {r.handled:6}  未处理 {r.open:6}  "
            f"追回 {format_yuan(r.recovered_fen)}")
    return 0


# --- standards and cards ---------------------------------------------------------------------

def _standard_set(args: argparse.Namespace) -> int:
    from county.collision.standards import set_standard

    try:
        set_standard(open_db(args), args.item.upper(), args.year, args.amount,
                     household_size=args.household_size or 0)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    say(f"standard {args.item.upper()} {args.year}"
        + (f" ({args.household_size} 人)" if args.household_size else "")
        + f": at most {format_yuan(args.amount)} a payment")
    return 0


def _standard_list(args: argparse.Namespace) -> int:
    from county.collision.standards import list_standards

    rows = list_standards(open_db(args))
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        size = f"{r.household_size} 人" if r.household_size else "不分人数"
        say(f"{r.item_code:12} {r.year}  {size:6}  {format_yuan(r.max_fen)}")
    return 0


def _cards(args: argparse.Namespace) -> int:
    from county.collision.cards import cards

    with open_db(args).connect() as conn:
        rows = cards(conn, today=clock.today())
    if args.json:
        print_json(rows)
        return 0
    words = {"red": "红牌", "yellow": "黄牌", "": "按时"}
    for c in rows:
        say(f"{words[c.card]}  {c.department}  {c.item_name}  最新 {c.last_period}  "
            f"晚 {c.periods_late} 期  按时率 {c.on_time_rate:.0%}")
    return 0


def register(sub: Subparsers) -> None:
    """Add collide, lead, standard and cards to ``county``."""
    from county.collision.names import RULE_NAMES

    names = ", ".join(RULE_NAMES)
    p = sub.add_parser("collide", help="run the collision rules (数据碰撞) and store new leads")
    add_db_options(p, json_output=True)
    p.add_argument("--rule", action="append", default=[], metavar="NAME",
                   help=f"only this rule (repeatable): {names}")
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD",
                   help="only payments paid since this day (closes nothing)")
    p.add_argument("--xlsx", type=Path, metavar="OUT", help="also write the leads to OUT "
                   "(.xlsx or .csv; 0600, formulas written as text)")
    p.add_argument("--dry-run", action="store_true", help="say what would be stored, store nothing")
    p.add_argument("--by", metavar="NAME", help="who (default: the login name)")
    p.set_defaults(handler=_collide)

    p = sub.add_parser("lead", help="问题线索: list, show and handle leads; headline figures")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="leads, those still stoppable before payment first")
    add_db_options(ls, json_output=True)
    ls.add_argument("--rule", action="append", default=[], metavar="NAME")
    ls.add_argument("--township")
    ls.add_argument("--status", choices=tuple(_STATUS_WORDS))
    ls.add_argument("--limit", type=int)
    ls.set_defaults(handler=_lead_list)
    sh = actions.add_parser("show", help="one lead with its evidence")
    add_db_options(sh, json_output=True)
    sh.add_argument("id", type=int)
    sh.set_defaults(handler=_lead_show)
    for name, helptext in (("assign", "hand to a township supervision group"),
                           ("confirm", "found real: the amount to recover"),
                           ("dismiss", "not a problem: the reason"),
                           ("recover", "money recovered: amount and date")):
        sp = actions.add_parser(name, help=helptext)
        add_db_options(sp)
        sp.add_argument("id", type=int)
        sp.add_argument("--by", metavar="NAME", help="who (default: the login name)")
        if name == "assign":
            sp.add_argument("group", help="the supervision group (e.g. 高村镇监督小组)")
        if name in ("confirm", "recover"):
            sp.add_argument("--amount", type=_fen, required=True, metavar="YUAN")
        if name == "confirm":
            sp.add_argument("--note")
        if name == "dismiss":
            sp.add_argument("--reason", required=True)
        if name == "recover":
            sp.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="default today")
        sp.set_defaults(handler=_lead_step)
    fg = actions.add_parser("figures", help="leads found, handled, money recovered")
    add_db_options(fg, json_output=True)
    fg.add_argument("--by", choices=("township", "rule", "department"), default="township")
    fg.set_defaults(handler=_lead_figures)

    p = sub.add_parser("standard", help="benefit standards the over_standard rule checks")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ss = actions.add_parser("set", help="the most one payment of ITEM may be in YEAR")
    add_db_options(ss)
    ss.add_argument("item")
    ss.add_argument("year", type=int)
    ss.add_argument("amount", type=_fen, metavar="YUAN")
    ss.add_argument("--household-size", type=int, metavar="N",
                    help="for households of N people (default: any size)")
    ss.set_defaults(handler=_standard_set)
    sl = actions.add_parser("list", help="the standards")
    add_db_options(sl, json_output=True)
    sl.set_defaults(handler=_standard_list)

    p = sub.add_parser("cards", help="red/yellow cards: departments publishing late")
    add_db_options(p, json_output=True)
    p.set_defaults(handler=_cards)

