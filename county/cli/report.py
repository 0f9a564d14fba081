"""`county report --month YYYY-MM | --quarter YYYY-Qn [--xlsx OUT] [--json]`: the monthly or
quarterly problem report (月、季度问题报表) per township and department
(county/collision/report.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from county.cli.common import CliError, Subparsers, add_db_options, open_db, print_json
from kiosk import clock
from kiosk.money import format_yuan
from kiosk.textsafe import say

if TYPE_CHECKING:
    from county.collision.report import Sheet

__all__ = ["register"]


def _report(args: argparse.Namespace) -> int:
    from county.collision.report import ReportError, parse_period, problem_report, report_sheets

    try:
        period = parse_period(args.month or args.quarter)
    except ReportError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    today = clock.today()
    with open_db(args).connect() as conn:
        towns = problem_report(conn, period, today=today, by="township")
        departments = problem_report(conn, period, today=today, by="department")
    if args.xlsx is not None:
        _write(args.xlsx, report_sheets(period, towns, departments))
    if args.json:
        print_json({"period": period.label, "first": period.first,
                    "last": period.last,
                    "townships": towns, "departments": departments})
        return 0
    say(f"{period.label} 问题报表（{period.first} 至 {period.last}）")
    for title, rows in (("按乡镇", towns), ("按部门", departments)):
        say(title)
        for r in rows:
            say(f"  {r.key or '合计':20} 发现 {r.found:5}  已处理 {r.handled:5}  "
                f"追回 {format_yuan(r.recovered_fen)}  红牌 {r.red}  黄牌 {r.yellow}  "
                f"投诉 {r.complaints}")
    if args.xlsx is not None:
        say(f"report written to {args.xlsx} (0600)")
    return 0


def _write(path: Path, sheets: list[Sheet]) -> None:
    from county.spreadsheet import xlsx_bytes
    from kiosk.files import atomic_write_bytes

    if path.suffix.lower() != ".xlsx":
        raise CliError(f"{path.name}: the report is written as .xlsx")
    try:
        atomic_write_bytes(path, xlsx_bytes(sheets), mode=0o600)
    except OSError as exc:
        raise CliError(str(exc)) from None


def register(sub: Subparsers) -> None:
    """Add `report`."""
    p = sub.add_parser("report", help="月、季度问题报表: leads, cards and complaints per "
                                      "township and department")
    add_db_options(p, json_output=True)
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--month", metavar="YYYY-MM")
    when.add_argument("--quarter", metavar="YYYY-Qn")
    p.add_argument("--xlsx", type=Path, metavar="OUT",
                   help="also write the report to OUT (.xlsx, 0600, formulas written as text)")
    p.set_defaults(handler=_report)
