"""`county import FILE --kind projects --village V`: a village's projects (村级工程, issue 17)."""

from __future__ import annotations

import argparse

from county.cli.common import CliError, open_db, print_json
from kiosk import clock
from kiosk.textsafe import say

__all__ = ["import_projects_file"]


def import_projects_file(args: argparse.Namespace) -> int:
    """Run a projects import; exit 0 stored (or would be, --dry-run), 1 refused (bad rows)."""
    from county.importer.sources import SourceError
    from county.ledger.store import LedgerImportError
    from county.projects.store import import_projects

    if not args.village:
        raise CliError("--kind projects needs --village V (the village whose projects these are)")
    engine = open_db(args)
    try:
        result = import_projects(engine, args.file, village=args.village,
                                 township=args.township, now=clock.now(),
                                 dry_run=args.dry_run, sheet=args.sheet)
    except (SourceError, LedgerImportError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(result.as_json())
        return result.exit_code
    for note in result.notes:
        say(note)
    for problem in result.problems:
        say(f"第 {problem.row} 行：{problem.reason}")
    names = "、".join(result.projects) or "无"
    if result.problems:
        say(f"有 {len(result.problems)} 行不对，整个文件没有导入：改好后再导入一次。")
    elif result.stored:
        say(f"{result.township} {result.village}：{len(result.projects)} 个项目（{names}），"
            f"{result.stages} 个阶段，图片 {result.images} 张；新增 {result.added} 个，"
            f"更正 {result.changed} 个，撤下 {result.withdrawn} 个")
    else:
        say(f"检查通过：{len(result.projects)} 个项目（{names}），{result.stages} 个阶段，"
            f"图片 {result.images} 张（--dry-run，没有写入）")
    return result.exit_code
