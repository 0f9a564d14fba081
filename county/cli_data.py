"""`county item | notice | setting | import`: what the county publishes to terminals."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from county.cli import (
    CliError,
    Subparsers,
    add_config_option,
    add_db_options,
    open_db,
    print_json,
)
from kiosk import clock
from kiosk.catalogue import NOTICE_KINDS
from kiosk.money import AmountError, format_yuan, parse_yuan
from kiosk.pushable import PUSHABLE, check_setting
from kiosk.textsafe import say

if TYPE_CHECKING:
    from county.corrections import ChangeEntry
    from county.importer import ImportResult

__all__ = ["register"]


def _now() -> datetime:
    return clock.now()


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


# --- items ----------------------------------------------------------------------------------

def _item_list(args: argparse.Namespace) -> int:
    from county.catalogue import list_items

    items = list_items(open_db(args))
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
        new = upsert_item(open_db(args), spec, now=_now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    say(f"item {spec.code} {'added' if new else 'updated'}")
    return 0


# --- notices --------------------------------------------------------------------------------

def _notice_add(args: argparse.Namespace) -> int:
    from county.notices import add_notice

    body = args.body if args.body is not None else (
        Path(args.body_file).read_text("utf-8") if args.body_file else "")
    try:
        notice_id = add_notice(open_db(args), kind=args.kind, title=args.title, body=body,
                               scope=args.scope, township=args.township or "",
                               village=args.village or "",
                               published_on=args.published or _now().date(),
                               expires_on=args.expires, now=_now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json({"id": notice_id})
    else:
        say(f"notice {notice_id} published")
    return 0


def _notice_list(args: argparse.Namespace) -> int:
    from county.notices import list_notices

    rows = list_notices(open_db(args), include_retired=args.all)
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

    if not retire_notice(open_db(args), args.id, now=_now()):
        raise CliError(f"no live notice {args.id}")
    say(f"notice {args.id} retired; terminals drop it on their next sync")
    return 0


# --- settings -------------------------------------------------------------------------------

def _setting_set(args: argparse.Namespace) -> int:
    from county.settings import set_setting

    try:
        version = set_setting(open_db(args), args.key, args.value, scope=args.scope, now=_now())
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
        done = unset_setting(open_db(args), args.key, scope=args.scope, now=_now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if not done:
        raise CliError(f"{args.key} is not set for {args.scope}")
    say(f"{args.key} unset for {args.scope}")
    return 0


def _setting_list(args: argparse.Namespace) -> int:
    from county.settings import list_settings

    rows = list_settings(open_db(args))
    if args.json:
        print_json(rows)
        return 0
    for s in rows:
        say(f"{s.key:30} {s.target:30} {s.value!r}  (v{s.version})")
    return 0


# --- import ---------------------------------------------------------------------------------

def _column_map(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column or not field:
            raise CliError(f"--map expects 列名=field, got {pair!r}")
        out[column] = field
    return out


#: Rows between two progress lines when tqdm is not installed.
PLAIN_PROGRESS_EVERY = 100_000


def _progress_bar(name: str) -> tuple[Callable[[int], None], Callable[[], None]]:
    """``(progress(rows), close())`` for an import on a terminal: a tqdm bar, or plain
    "N rows checked" lines on stderr where tqdm (the ``county`` extra) is not installed."""
    try:
        from tqdm import tqdm
    except ImportError:
        next_at = 0

        def plain(rows: int) -> None:
            nonlocal next_at
            if rows >= next_at:
                say(f"{name}: {rows:,} rows checked …", file=sys.stderr, flush=True)
                next_at = rows + PLAIN_PROGRESS_EVERY

        return plain, lambda: None
    bar = tqdm(unit=" rows", desc=name, file=sys.stderr, mininterval=0.5)

    def update(rows: int) -> None:
        bar.update(rows - bar.n)

    return update, bar.close


def _actor(args: argparse.Namespace) -> str:
    """Who runs the command (``--by``, else the login name): recorded in the history."""
    if getattr(args, "by", None):
        return str(args.by)[:60]
    try:
        return getpass.getuser()[:60]
    except (KeyError, OSError):  # no passwd entry (a container)
        return f"uid {os.getuid()}"


def _import(args: argparse.Namespace) -> int:
    from county.exports import EXPORT_SUFFIXES
    from county.importer import ImportOptions, SourceError, import_payments

    if str(args.file) == "revert":
        return _import_revert(args)
    if str(args.file) == "list" and args.batch is None:
        return _import_list(args)
    if args.batch is not None:
        raise CliError(f"unexpected argument {args.batch!r} (county import FILE | "
                       "county import revert BATCH | county import list)")
    if args.reject_file is not None and args.reject_file.suffix.lower() not in EXPORT_SUFFIXES:
        raise CliError("--reject-file must end in .csv or .xlsx")
    if args.kind != "payments":  # issue 16: reference lists (county/collision/cli.py)
        from county.collision.cli import import_reference
        return import_reference(args)
    engine = open_db(args)
    options = ImportOptions(item=args.item, department=args.department, dry_run=args.dry_run,
                            skip_bad=args.skip_bad, accept_warnings=args.accept_warnings,
                            reject_file=args.reject_file, column_map=_column_map(args.map),
                            max_fen=args.max_yuan * 100, header_row=args.header_row,
                            sheet=args.sheet, actor=_actor(args))
    progress, close = (_progress_bar(args.file.name) if not args.json and sys.stderr.isatty()
                       else (None, None))
    from county.people import KeyFileError  # issue 16: payees kept encrypted

    try:
        result = import_payments(engine, args.file, options, now=_now(), progress=progress)
    except (SourceError, ValueError, KeyFileError) as exc:
        raise CliError(str(exc)) from None
    finally:
        if close is not None:
            close()
    if not args.json:
        _print_import(result)
    from county.collision.cli import say_leads_after_import  # issue 16: what the batch raised
    leads = say_leads_after_import(args, engine, result)
    if args.json:
        print_json({**result.as_json(), "leads_new": leads})
    return result.exit_code


def _print_import(result: ImportResult) -> None:
    """The human report: sheets, columns, skipped rows, bad rows and warnings, a verdict."""
    for sheet in result.sheets:
        name = f"[{sheet.name}] " if sheet.name else ""
        if sheet.not_imported:
            say(f"{name}not imported: {sheet.not_imported}")
            continue
        how = "found" if sheet.header_detected else "given"
        say(f"{name}header on row {sheet.header_row} ({how}); "
            f"{sheet.rows} rows, {sheet.good} good, {sheet.bad} bad")
        for c in sheet.columns:
            target = c.field or "ignored"
            say(f"  {c.letter} {c.header} → {target}{f'  ({c.note})' if c.note else ''}")
        if sheet.skipped:
            say("  skipped (not data): " + ", ".join(f"row {s.row} {s.word}"
                                                     for s in sheet.skipped))
    for bad in result.bad:
        where = f"{bad.file}[{bad.sheet}]" if bad.sheet else bad.file
        say(f"{where}:{bad.row}: {bad.reason} [{bad.code}]", file=sys.stderr)
    for warn in result.warnings:
        where = f"{warn.file}[{warn.sheet}]" if warn.sheet else warn.file
        say(f"{where}:{warn.row}: 警告: {warn.reason} [{warn.code}]", file=sys.stderr)
    if result.dry_run:
        verdict = {0: "dry run: nothing written; the import would take every row",
                   1: "dry run: nothing written; the import would be REFUSED",
                   2: "dry run: nothing written; the import would skip the bad rows"
                   }[result.exit_code]
    elif result.imported:
        verdict = "imported" + (f" as batch {result.batch}" if result.batch else "") + (
            f", {len(result.bad)} bad rows skipped" if result.bad else "")
    elif result.warnings and not result.warnings_accepted:
        verdict = "NOTHING imported (check the warnings above, or use --accept-warnings)"
    else:
        verdict = "NOTHING imported (fix the rows above, or use --skip-bad)"
    extra = "".join(f", {n} {label}" for n, label in (
        (result.superseded, "replacing stored payments"),
        (result.withdrawn_before, "withdrawn earlier (not brought back)"),
        (len(result.warnings), "warnings")) if n)
    say(f"{result.file}: {result.rows} rows, {result.good} good, {len(result.bad)} bad, "
        f"{result.new} new, {result.already_present} already present{extra}"
        f"{f' ({result.corrected} moved to another 乡镇/村)' if result.corrected else ''}"
        f" — {verdict}")
    if result.reject_file:
        say(f"bad rows written to {result.reject_file}")


def _import_revert(args: argparse.Namespace) -> int:
    from county.corrections import CorrectionError, revert_batch

    if args.batch is None or not args.batch.isdigit():
        raise CliError("usage: county import revert BATCH --reason 原因 (BATCH: a number, "
                       "see county import list)")
    if not args.reason:
        raise CliError("--reason is required (why the batch is reverted)")
    try:
        done = revert_batch(open_db(args), int(args.batch), reason=args.reason,
                            actor=_actor(args), now=_now())
    except CorrectionError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    if args.json:
        print_json(done)
    else:
        say(f"batch {done.batch} reverted: {done.withdrawn} payments withdrawn, "
            f"{done.restored} restored to their earlier values"
            + (f", {done.already_withdrawn} were withdrawn before" if done.already_withdrawn
               else "") + "; terminals follow at their next sync")
    return 0


def _import_list(args: argparse.Namespace) -> int:
    from county.corrections import list_batches

    batches = list_batches(open_db(args))
    if args.json:
        print_json(batches)
        return 0
    for b in batches:
        state = (f"  REVERTED {b.reverted_at:%Y-%m-%d} by {b.reverted_by or ''}"
                 if b.reverted_at else "")
        say(f"{b.id:5}  {b.imported_at:%Y-%m-%d %H:%M}  {b.file_name}  "
            f"{b.rows_new} new, {b.rows_superseded} replaced  {b.imported_by}{state}")
    return 0


# --- payments -------------------------------------------------------------------------------

def _payment_correct(args: argparse.Namespace) -> int:
    from county.corrections import CorrectionError, correct_payment

    try:
        fen = parse_yuan(args.amount) if args.amount is not None else None
    except AmountError as exc:
        raise CliError(f"--amount: {exc}") from None
    try:
        entry = correct_payment(open_db(args), args.id, reason=args.reason, actor=_actor(args),
                                now=_now(), amount_fen=fen, paid_on=args.paid_on,
                                status=args.status, period=args.period)
    except CorrectionError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    return _print_change(args, entry)


def _payment_withdraw(args: argparse.Namespace) -> int:
    from county.corrections import CorrectionError, withdraw_payment

    try:
        entry = withdraw_payment(open_db(args), args.id, reason=args.reason, actor=_actor(args),
                                 now=_now())
    except CorrectionError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    return _print_change(args, entry)


def _print_change(args: argparse.Namespace, entry: ChangeEntry) -> int:
    if args.json:
        print_json(entry)
    else:
        say(f"payment {entry.payment_id}: {entry.action} {_fields(entry.before)} → "
            f"{_fields(entry.after)}; terminals follow at their next sync")
    return 0


def _fields(values: dict[str, object]) -> str:
    parts = []
    for key, value in values.items():
        shown = format_yuan(int(str(value))) if key == "amount_fen" else value
        parts.append(f"{key}={shown}")
    return "{" + ", ".join(parts) + "}"


def _payment_history(args: argparse.Namespace) -> int:
    from county.corrections import payment_history

    entries = payment_history(open_db(args), args.id)
    if args.json:
        print_json(entries)
        return 0
    if not entries:
        say(f"payment {args.id}: no changes since it was imported")
    for e in entries:
        by = f"batch {e.batch_id}" if e.batch_id is not None else ""
        say(f"{e.changed_at:%Y-%m-%d %H:%M}  {e.action:9} {e.actor} {by}  "
            f"{_fields(e.before)} → {_fields(e.after)}  {e.reason}")
    return 0


def register(sub: Subparsers) -> None:
    """Add item, notice, setting and import to ``county``."""
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
    na.add_argument("--published", type=_date, metavar="YYYY-MM-DD", help="default today")
    na.add_argument("--expires", type=_date, metavar="YYYY-MM-DD")
    na.set_defaults(handler=_notice_add)
    nl = actions.add_parser("list", help="live notices, newest first")
    add_db_options(nl, json_output=True)
    nl.add_argument("--all", action="store_true", help="include retired notices")
    nl.set_defaults(handler=_notice_list)
    nr = actions.add_parser("retire", help="withdraw a notice from every terminal")
    add_db_options(nr)
    nr.add_argument("id", type=int)
    nr.set_defaults(handler=_notice_retire)

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

    p = sub.add_parser("import", help="import a department payment file (.csv or .xlsx); "
                                      "`county import revert BATCH`; `county import list`",
                       description="Exit codes: 0 every row imported; 1 refused, nothing "
                                   "stored; 2 imported, bad rows skipped (--skip-bad). "
                                   "--dry-run exits with what the real run would.")
    add_db_options(p, json_output=True)
    p.add_argument("file", type=Path, metavar="FILE", help="the file, or 'revert' or 'list'")
    p.add_argument("batch", nargs="?", metavar="BATCH", help="with revert: the batch number")
    p.add_argument("--reason", help="with revert: why (recorded in the history)")
    p.add_argument("--by", metavar="NAME", help="who (default: the login name)")
    p.add_argument("--header-row", type=int, metavar="N",
                   help="the header is on row N (default: found among the first rows)")
    p.add_argument("--sheet", metavar="NAME",
                   help="only this sheet (default: every sheet with a recognisable header)")
    p.add_argument("--accept-warnings", action="store_true",
                   help="import rows with warnings (ID numbers Excel may have rounded)")
    p.add_argument("--kind", choices=("payments", "deaths", "officials", "households",
                                      "employees", "vehicles", "announcements"),
                   default="payments", help="what the file holds: payments (default) or a "
                   "reference list the collision rules check payments against")
    p.add_argument("--item", help="item code or name, for files without a 项目 column")
    p.add_argument("--department", help="发放部门, for files without that column")
    p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    p.add_argument("--skip-bad", action="store_true",
                   help="import the good rows and write the bad ones to a reject file")
    p.add_argument("--reject-file", type=Path, metavar="FILE",
                   help="where --skip-bad writes bad rows, .csv or .xlsx (default "
                        "FILE.rejects.csv); created 0600, formulas written as text")
    p.add_argument("--map", action="append", default=[], metavar="列名=field",
                   help="map a column (its name in the file) to a field (id_number, amount, "
                        "paid_on, item, department, name, fund_source, head_id, household_id, "
                        "period, status, township, village, group, household_size, note, "
                        "head_name, batch); repeatable")
    p.add_argument("--max-yuan", type=int, default=500_000,
                   help="largest single payment accepted (default 500000 yuan)")
    p.set_defaults(handler=_import)

    p = sub.add_parser("payments", help="correct or withdraw a stored payment; its history")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    pc = actions.add_parser("correct", help="give a payment new values (terminals follow)")
    add_db_options(pc, json_output=True)
    pc.add_argument("id", type=int)
    pc.add_argument("--reason", required=True)
    pc.add_argument("--by", metavar="NAME", help="who (default: the login name)")
    pc.add_argument("--amount", metavar="YUAN", help="the right amount in yuan, e.g. 760")
    pc.add_argument("--paid-on", type=_date, metavar="YYYY-MM-DD")
    pc.add_argument("--status", choices=("paid", "pending", "returned"))
    pc.add_argument("--period", help="e.g. 2025年5月")
    pc.set_defaults(handler=_payment_correct)
    pw = actions.add_parser("withdraw", help="withdraw a payment never made (terminals drop it)")
    add_db_options(pw, json_output=True)
    pw.add_argument("id", type=int)
    pw.add_argument("--reason", required=True)
    pw.add_argument("--by", metavar="NAME", help="who (default: the login name)")
    pw.set_defaults(handler=_payment_withdraw)
    ph = actions.add_parser("history", help="every change of a payment")
    add_db_options(ph, json_output=True)
    ph.add_argument("id", type=int)
    ph.set_defaults(handler=_payment_history)
