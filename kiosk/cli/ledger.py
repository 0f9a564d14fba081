"""`kiosk ledger [--month YYYY-MM] [--json]`: what the 村级财务 screen would show."""

from __future__ import annotations

import argparse
import re

from kiosk.cli.common import (
    CliError,
    Subparsers,
    add_common_options,
    load_cli_config,
    open_cli_store,
    print_json,
)
from kiosk.textsafe import say

__all__ = ["register"]

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def register(sub: Subparsers) -> None:
    """Add the `ledger` command."""
    p = sub.add_parser("ledger", help="show the village finance ledger (村级财务) as the "
                                      "kiosk screen would")
    p.add_argument("--month", metavar="YYYY-MM", help="this month (default: the newest)")
    p.add_argument("--json", action="store_true", help="print the documented JSON shape")
    add_common_options(p)
    p.set_defaults(handler=_ledger)
    from kiosk.cli.projects import register as register_projects

    register_projects(sub)  # `projects`: the 村级工程 screens' command (no entry point of its own)


def _ledger(args: argparse.Namespace) -> int:
    if args.month is not None and not _MONTH.match(args.month):
        raise CliError(f"--month {args.month!r}: expected YYYY-MM", exit_code=2)
    from kiosk.ledger import KIND_LABELS_ZH, read_ledger
    from kiosk.money import format_yuan

    engine = open_cli_store(load_cli_config(args))
    try:
        ledger = read_ledger(engine, month=args.month)
    finally:
        engine.dispose()
    if args.json:
        print_json(ledger.to_json())
        return 0
    if not ledger.entries:
        say(f"{ledger.month or '还没有'} 没有村级财务记录")
        return 0
    t, y = ledger.month_totals, ledger.year_totals
    say(f"{ledger.month}  收入 {format_yuan(t.income_fen)}  支出 {format_yuan(t.expense_fen)}"
        f"  结余 {format_yuan(t.balance_fen)}")
    say(f"{y.label}年  收入 {format_yuan(y.income_fen)}  支出 {format_yuan(y.expense_fen)}"
        f"  结余 {format_yuan(y.balance_fen)}")
    for e in ledger.entries:
        say(f"  {e.entry_date.isoformat()}  {KIND_LABELS_ZH[e.kind]}  "
            f"{format_yuan(e.amount_fen):>14}  {e.summary}  {e.counterparty}  {e.voucher}")
    return 0
