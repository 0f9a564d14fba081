"""`county import FILE | import revert BATCH | import list`: department payment files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from county.cli.common import (
    CliError,
    Subparsers,
    actor_name,
    add_db_options,
    open_db,
    open_listing_db,
    print_json,
)
from kiosk import clock
from kiosk.textsafe import say

if TYPE_CHECKING:
    from county.importer import ImportResult

__all__ = ["register"]


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
    if str(args.file) == "revert":
        return _import_revert(args)
    if str(args.file) == "list" and args.batch is None:
        return _import_list(args)
    from county.exports import EXPORT_SUFFIXES  # the importer loads for an import only
    from county.importer import ImportOptions, SourceError, import_payments

    if args.batch is not None:
        raise CliError(f"unexpected argument {args.batch!r} (county import FILE | "
                       "county import revert BATCH | county import list)")
    if args.reject_file is not None and args.reject_file.suffix.lower() not in EXPORT_SUFFIXES:
        raise CliError("--reject-file must end in .csv or .xlsx")
    if args.kind == "ledger":  # issue 17: a village's finance ledger
        from county.cli.ledger import import_ledger_file
        return import_ledger_file(args)
    if args.kind == "projects":  # issue 17: a village's projects (村级工程)
        from county.cli.projects import import_projects_file
        return import_projects_file(args)
    if args.kind != "payments":  # issue 16: reference lists (county/cli/collide.py)
        from county.cli.collide import import_reference
        return import_reference(args, _print_import)
    engine = open_db(args)
    from county.cli.collide import lead_preview  # issue 16: the rules run on the batch
    preview = lead_preview(args)
    options = ImportOptions(item=args.item, department=args.department, dry_run=args.dry_run,
                            skip_bad=args.skip_bad, accept_warnings=args.accept_warnings,
                            reject_file=args.reject_file, column_map=_column_map(args.map),
                            max_fen=args.max_yuan * 100, header_row=args.header_row,
                            sheet=args.sheet, actor=actor_name(args), after_store=preview)
    progress, close = (_progress_bar(args.file.name) if not args.json and sys.stderr.isatty()
                       else (None, None))
    from county.payees import KeyFileError  # issue 16: payees kept encrypted

    try:
        result = import_payments(engine, args.file, options, now=clock.now(), progress=progress)
    except (SourceError, ValueError, KeyFileError) as exc:
        raise CliError(str(exc)) from None
    finally:
        if close is not None:
            close()
    if not args.json:
        _print_import(result)
    from county.cli.collide import say_leads_after_import  # issue 16: what the batch raised
    leads = say_leads_after_import(args, result, preview)
    if args.json:
        print_json({**result.as_json(), "leads_new": leads,
                    **({"leads": [v.as_json() for v in preview.leads]} if args.dry_run else {})})
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
                            actor=actor_name(args), now=clock.now())
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
    from county import plain_lists
    from county.plainread import PlainDb

    db = open_listing_db(args)
    if isinstance(db, PlainDb):
        batches = plain_lists.list_batches(db)
    else:
        from county.corrections import list_batches

        batches = list_batches(db)
    if args.json:
        print_json(batches)
        return 0
    for b in batches:
        state = (f"  REVERTED {b.reverted_at:%Y-%m-%d} by {b.reverted_by or ''}"
                 if b.reverted_at else "")
        say(f"{b.id:5}  {b.imported_at:%Y-%m-%d %H:%M}  {b.file_name}  "
            f"{b.rows_new} new, {b.rows_superseded} replaced  {b.imported_by}{state}")
    return 0


def register(sub: Subparsers) -> None:
    """Add `import` (with `import revert` and `import list`)."""
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
                                      "employees", "vehicles", "announcements", "ledger",
                                      "projects"),
                   default="payments", help="what the file holds: payments (default) or a "
                   "reference list the collision rules check payments against")
    p.add_argument("--village", help="with --kind ledger or projects: the village whose "
                                     "books / projects these are")
    p.add_argument("--township", help="with --kind ledger or projects: its township (default: "
                                      "the one its terminals are enrolled in)")
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
