"""`county item | notice | setting | import`: what the county publishes to terminals."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from county.catalogue import list_items, upsert_item
from county.cli import CliError, Subparsers, add_db_options, open_db, print_json
from county.exports import EXPORT_SUFFIXES
from county.importer import ImportOptions, SourceError, import_payments
from county.notices import KINDS, add_notice, list_notices, retire_notice
from county.settings import list_settings, set_setting, unset_setting
from kiosk.catalogue import BenefitItemSpec
from kiosk.textsafe import say

__all__ = ["register"]


def _now() -> datetime:
    return datetime.now(UTC)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


# --- items ----------------------------------------------------------------------------------

def _item_list(args: argparse.Namespace) -> int:
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
    if not retire_notice(open_db(args), args.id, now=_now()):
        raise CliError(f"no live notice {args.id}")
    say(f"notice {args.id} retired; terminals drop it on their next sync")
    return 0


# --- settings -------------------------------------------------------------------------------

def _setting_set(args: argparse.Namespace) -> int:
    try:
        version = set_setting(open_db(args), args.key, args.value, scope=args.scope, now=_now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json({"key": args.key, "scope": args.scope, "version": version})
    else:
        say(f"{args.key} = {args.value!r} for {args.scope} (version {version})")
    return 0


def _setting_unset(args: argparse.Namespace) -> int:
    try:
        done = unset_setting(open_db(args), args.key, scope=args.scope, now=_now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if not done:
        raise CliError(f"{args.key} is not set for {args.scope}")
    say(f"{args.key} unset for {args.scope}")
    return 0


def _setting_list(args: argparse.Namespace) -> int:
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


def _import(args: argparse.Namespace) -> int:
    if args.reject_file is not None and args.reject_file.suffix.lower() not in EXPORT_SUFFIXES:
        raise CliError("--reject-file must end in .csv or .xlsx")
    engine = open_db(args)
    options = ImportOptions(item=args.item, department=args.department, dry_run=args.dry_run,
                            skip_bad=args.skip_bad, reject_file=args.reject_file,
                            column_map=_column_map(args.map), max_fen=args.max_yuan * 100)
    progress, close = (_progress_bar(args.file.name) if not args.json and sys.stderr.isatty()
                       else (None, None))
    try:
        result = import_payments(engine, args.file, options, now=_now(), progress=progress)
    except (SourceError, ValueError) as exc:
        raise CliError(str(exc)) from None
    finally:
        if close is not None:
            close()
    if args.json:
        print_json(result.as_json())
    else:
        for bad in result.bad:
            say(f"{bad.file}:{bad.row}: {bad.reason} [{bad.code}]", file=sys.stderr)
        verdict = ("dry run: nothing written" if args.dry_run else
                   "imported" if result.imported else
                   "NOTHING imported (fix the rows above, or use --skip-bad)")
        say(f"{result.file}: {result.rows} rows, {result.good} good, {len(result.bad)} bad, "
            f"{result.new} new, {result.already_present} already present"
            f"{f' ({result.corrected} moved to another 乡镇/村)' if result.corrected else ''}"
            f" — {verdict}")
        if result.reject_file:
            say(f"bad rows written to {result.reject_file}")
    return 1 if result.bad and not result.imported and not args.dry_run else 0


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
    na.add_argument("--kind", required=True, choices=KINDS)
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

    p = sub.add_parser("import", help="import a department payment file (.csv or .xlsx)")
    add_db_options(p, json_output=True)
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--kind", choices=("payments",), default="payments",
                   help="what the file holds (only payments so far)")
    p.add_argument("--item", help="item code or name, for files without a 项目 column")
    p.add_argument("--department", help="发放部门, for files without that column")
    p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    p.add_argument("--skip-bad", action="store_true",
                   help="import the good rows and write the bad ones to a reject file")
    p.add_argument("--reject-file", type=Path, metavar="FILE",
                   help="where --skip-bad writes bad rows, .csv or .xlsx (default "
                        "FILE.rejects.csv); created 0600, formulas written as text")
    p.add_argument("--map", action="append", default=[], metavar="列名=field",
                   help="map a column to a field (id_number, amount, paid_on, item, "
                        "department, name, fund_source, head_id, household_id, period, "
                        "status, township, village, batch); repeatable")
    p.add_argument("--max-yuan", type=int, default=500_000,
                   help="largest single payment accepted (default 500000 yuan)")
    p.set_defaults(handler=_import)
