"""`county import FILE --kind ledger --village V`: a village's finance ledger (issue 17);
`county ledger attach IMAGE --village V --month M --voucher NO`: a voucher image later."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from county.cli.common import CliError, Subparsers, add_db_options, open_db, print_json
from kiosk import clock
from kiosk.textsafe import say

__all__ = ["import_ledger_file", "register"]


def import_ledger_file(args: argparse.Namespace) -> int:
    """Run a ledger import; exit 0 stored (or would be, --dry-run), 1 refused (bad rows)."""
    from county.importer.sources import SourceError
    from county.ledger.store import LedgerImportError, import_ledger

    if not args.village:
        raise CliError("--kind ledger needs --village V (the village whose books these are)")
    engine = open_db(args)
    try:
        result = import_ledger(engine, args.file, village=args.village, township=args.township,
                               now=clock.now(), dry_run=args.dry_run, sheet=args.sheet,
                               batch=args.file.name[:40])
    except (SourceError, LedgerImportError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(result.as_json())
        return result.exit_code
    for note in result.notes:
        say(note)
    for problem in result.problems:
        say(f"第 {problem.row} 行：{problem.reason}")
    months = "、".join(result.months) or "无"
    if result.problems:
        say(f"有 {len(result.problems)} 行不对，整个文件没有导入：改好后再导入一次。")
    elif result.stored:
        say(f"{result.township} {result.village}：导入 {result.entries} 笔（{months}），"
            f"替换旧账 {result.replaced} 笔，凭证图片 {result.images} 张")
    else:
        say(f"检查通过：{result.entries} 笔（{months}），凭证图片 {result.images} 张"
            "（--dry-run，没有写入）")
    return result.exit_code


def _attach(args: argparse.Namespace) -> int:
    from county.ledger.images import ImageError
    from county.ledger.store import LedgerImportError, attach_image

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.month):
        raise CliError(f"--month {args.month!r}: expected YYYY-MM")
    try:
        count = attach_image(open_db(args), args.image, village=args.village,
                             township=args.township, month=args.month, voucher_no=args.voucher,
                             now=clock.now())
    except (LedgerImportError, ImageError, OSError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json({"entries": count})
    else:
        say(f"凭证图片已挂到 {args.village} {args.month} 凭证号 {args.voucher} 的 {count} 笔账上")
    return 0


def register(sub: Subparsers) -> None:
    """Add `ledger attach` (the import itself is `county import FILE --kind ledger`)."""
    p = sub.add_parser("ledger", help="the village finance ledger (村级财务): "
                                      "`county ledger attach IMAGE …`")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("attach", help="attach a voucher image (JPEG/PNG) to the entries "
                                          "of a month with that voucher number")
    add_db_options(a, json_output=True)
    a.add_argument("image", type=Path, metavar="IMAGE")
    a.add_argument("--village", required=True)
    a.add_argument("--township", help="default: the one its terminals are enrolled in")
    a.add_argument("--month", required=True, metavar="YYYY-MM")
    a.add_argument("--voucher", required=True, metavar="NO", help="凭证号, as in the ledger")
    a.set_defaults(handler=_attach)
