"""`county complaints list | show | reply | export`: villagers' complaints."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from county.cli.common import (
    CliError,
    Subparsers,
    add_db_options,
    local_time,
    open_db,
    print_json,
    read_text_file,
)
from kiosk import clock
from kiosk.textsafe import say
from kiosk.timefmt import format_local

if TYPE_CHECKING:
    from county.complaints import ComplaintView

__all__ = ["register"]


CATEGORY_ZH = {"not_received": "未收到", "wrong_amount": "金额不对", "impersonated": "被冒领",
               "not_mine": "不该有我的名字", "conduct": "办事作风", "other": "其他"}


def _complaint_json(c: ComplaintView) -> dict[str, Any]:
    return {"server_id": c.server_id, "terminal_id": c.terminal_id, "ticket_no": c.ticket_no,
            "category": c.category, "item_code": c.item_code, "payment_id": c.payment_id,
            "text": c.text, "phone": c.phone, "anonymous": c.anonymous, "name": c.name,
            "id_hash": c.id_hash, "created_at": c.created_at.isoformat(),
            "received_at": c.received_at.isoformat(), "reply_text": c.reply_text,
            "reply_at": c.reply_at.isoformat() if c.reply_at else None}


def _complaints_list(args: argparse.Namespace) -> int:
    from county.complaints import list_complaints

    rows = list_complaints(open_db(args), unreplied=args.unreplied, terminal_id=args.terminal)
    if args.json:
        print_json([_complaint_json(c) for c in rows])
        return 0
    for c in rows:
        who = "匿名" if c.anonymous else (c.name or "实名")
        state = "已答复" if c.replied else "待答复"
        text = c.text.replace("\n", " ")
        say(f"{c.server_id}  {c.ticket_no:16} {local_time(c.created_at)}  "
            f"{CATEGORY_ZH.get(c.category, c.category)}  {who}  {state}  {text[:30]}")
    if not rows:
        say("no complaints")
    return 0


def _complaints_show(args: argparse.Namespace) -> int:
    from county.complaints import NoSuchComplaintError, get_complaint

    try:
        c = get_complaint(open_db(args), args.server_id)
    except NoSuchComplaintError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(_complaint_json(c))
        return 0
    say(f"投诉编号 {c.server_id}   票号 {c.ticket_no}   终端 {c.terminal_id}")
    say(f"类别 {CATEGORY_ZH.get(c.category, c.category)}   项目 {c.item_code or '-'}   "
        f"提交 {local_time(c.created_at)}   收到 {local_time(c.received_at)}")
    say(f"{'匿名' if c.anonymous else '实名: ' + (c.name or '')}   电话 {c.phone or '-'}")
    say(f"内容: {c.text or '(无)'}")
    say(f"答复: {c.reply_text or '(尚未答复)'}" + (f"  ({local_time(c.reply_at)})"
                                                 if c.reply_at else ""))
    return 0


def _complaints_reply(args: argparse.Namespace) -> int:
    from county.complaints import NoSuchComplaintError, reply_to

    text = args.text if args.text is not None else read_text_file(args.text_file)
    try:
        c = reply_to(open_db(args), args.server_id, text, now=clock.now())
    except (NoSuchComplaintError, ValueError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(_complaint_json(c))
    else:
        say(f"reply stored for {c.server_id}; terminal {c.terminal_id} gets it on its next sync")
    return 0


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
    p = sub.add_parser("complaints", help="list, show, reply to and export complaints")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="complaints, oldest first")
    add_db_options(ls, json_output=True)
    ls.add_argument("--unreplied", action="store_true")
    ls.add_argument("--terminal", metavar="ID")
    ls.set_defaults(handler=_complaints_list)
    show = actions.add_parser("show", help="one complaint")
    add_db_options(show, json_output=True)
    show.add_argument("server_id", metavar="ID", help="e.g. C0000042")
    show.set_defaults(handler=_complaints_show)
    reply = actions.add_parser("reply", help="reply; the terminal shows it after its next sync")
    add_db_options(reply, json_output=True)
    reply.add_argument("server_id", metavar="ID")
    group = reply.add_mutually_exclusive_group(required=True)
    group.add_argument("--text")
    group.add_argument("--text-file", metavar="FILE")
    reply.set_defaults(handler=_complaints_reply)
    export = actions.add_parser("export", help="write complaints to CSV or XLSX")
    add_db_options(export, json_output=True)
    export.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    export.add_argument("--unreplied", action="store_true")
    export.set_defaults(handler=_complaints_export)
