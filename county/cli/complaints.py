"""`county complaints …`: villagers' complaints; ``export`` here, list, show and the steps of
handling in county/cli/complaint_steps.py."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from county.cli import complaint_steps
from county.cli.common import (
    CliError,
    Subparsers,
    add_db_options,
    open_db,
    print_json,
)
from county.cli.complaint_steps import CATEGORY_ZH
from kiosk.textsafe import say
from kiosk.timefmt import format_local

if TYPE_CHECKING:
    from county.complaints import ComplaintView

__all__ = ["register"]



EXPORT_COLUMNS = (("投诉编号", "server_id"), ("票号", "ticket_no"), ("终端", "terminal_id"),
                  ("类别", "category"), ("项目", "item_code"), ("内容", "text"),
                  ("实名/匿名", "anonymous"), ("姓名", "name"), ("电话", "phone"),
                  ("提交时间", "created_at"), ("收到时间", "received_at"),
                  ("答复", "reply_text"), ("答复时间", "reply_at"))


def _export_rows(rows: list[ComplaintView]) -> list[list[Any]]:
    out = []
    for c in rows:
        values = []
        for _, attr in EXPORT_COLUMNS:
            value = getattr(c, attr)
            if attr == "category":
                value = CATEGORY_ZH.get(value, value)
            elif attr == "anonymous":
                value = "匿名" if value else "实名"
            elif isinstance(value, datetime):
                value = format_local(value)
            values.append("" if value is None else value)
        out.append(values)
    return out


def _complaints_export(args: argparse.Namespace) -> int:
    from county.complaints import list_complaints
    from county.exports import ExportFormatError, write_table

    rows = list(list_complaints(open_db(args), unreplied=args.unreplied))
    out: Path = args.out
    header = [name for name, _ in EXPORT_COLUMNS]
    try:
        # Complaints hold names and phone numbers: the file is readable by the owner only.
        write_table(out, header, _export_rows(rows), sheet="投诉")
    except ExportFormatError:
        raise CliError("--out must end in .csv or .xlsx") from None
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror}") from None
    if args.json:
        print_json({"file": str(out), "complaints": len(rows)})
    else:
        say(f"{len(rows)} complaints written to {out}")
    return 0


def register(sub: Subparsers) -> None:
    """Add `complaints` and its actions."""
    p = sub.add_parser("complaints", help="list, show, handle, register and export complaints")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    complaint_steps.register(actions)  # list, show and every step of handling
    export = actions.add_parser("export", help="write complaints to CSV or XLSX")
    add_db_options(export, json_output=True)
    export.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    export.add_argument("--unreplied", action="store_true")
    export.set_defaults(handler=_complaints_export)
