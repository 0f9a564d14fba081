"""`county import FILE --kind ledger --village V`: a village's finance ledger (issue 17)."""

from __future__ import annotations

import argparse

from county.cli.common import CliError, open_db, print_json
from kiosk import clock
from kiosk.textsafe import say

__all__ = ["import_ledger_file"]


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
