"""`county complaints list | show | assign | start | draft | approve | reply | close |
escalate | escalate-overdue | register | limits`: complaint handling for scripts and cron
(registered into the ``complaints`` group by county/cli/complaints.py).

Every step goes through county/complaint_flow/service.py: a change that does
not follow from the complaint's state is refused (exit 1, one line naming
the state). ``--by NAME`` names who acts (default: the login name); ``--now
ISO`` fixes the clock (for cron replays and tests). ``export`` stays in
county/cli/complaints.py. Output escapes control characters (kiosk.textsafe).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from county.cli.common import (
    CliError,
    Subparsers,
    actor_name,
    add_db_options,
    local_time,
    open_db,
    open_listing_db,
    print_json,
    read_text_file,
)
from kiosk import clock
from kiosk.textsafe import say

if TYPE_CHECKING:
    from county.complaint_flow.service import HistoryEntry
    from county.complaints import ComplaintView

__all__ = ["register"]

CATEGORY_ZH = {"not_received": "未收到", "wrong_amount": "金额不对", "impersonated": "被冒领",
               "not_mine": "不该有我的名字", "conduct": "办事作风", "other": "其他"}
CATEGORIES = tuple(CATEGORY_ZH)


def instant(text: str) -> datetime:
    """``--now``: an ISO 8601 time; without an offset it is Beijing time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("Asia/Shanghai"))


def _now(args: argparse.Namespace) -> datetime:
    return args.now or clock.now()


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def complaint_json(c: ComplaintView, steps: list[HistoryEntry]) -> dict[str, Any]:
    """One complaint as `list --json` and `show --json` print it."""
    return {"server_id": c.server_id, "terminal_id": c.terminal_id, "ticket_no": c.ticket_no,
            "channel": c.channel, "category": c.category, "item_code": c.item_code,
            "payment_id": c.payment_id, "text": c.text, "phone": c.phone,
            "anonymous": c.anonymous, "name": c.name, "id_hash": c.id_hash,
            "township": c.township, "village": c.village, "status": c.status,
            "level": c.level, "assignee": c.assignee, "due_at": _iso(c.due_at),
            "about_official": c.about_official, "satisfied": c.satisfied,
            "created_at": _iso(c.created_at), "received_at": _iso(c.received_at),
            "reply_text": c.reply_text, "reply_at": _iso(c.reply_at),
            "draft_reply": c.draft_reply, "draft_by": c.draft_by,
            "concerns": json.loads(c.concerns) if c.concerns else None,
            "history": [{"at": _iso(h.at), "actor": h.actor, "action": h.action,
                         "from_status": h.from_status, "to_status": h.to_status,
                         "level": h.level, "note": h.note} for h in steps]}


def _list(args: argparse.Namespace) -> int:
    from county import plain_lists
    from county.plainread import PlainDb

    db = open_listing_db(args)
    if isinstance(db, PlainDb):
        listed = plain_lists.list_complaints(db, unreplied=args.unreplied,
                                             terminal_id=args.terminal)
    else:
        from county.complaints import list_complaints

        listed = list(list_complaints(db, unreplied=args.unreplied, terminal_id=args.terminal))
    rows = [c for c in listed
            if (not args.status or c.status == args.status)
            and (not args.level or c.level == args.level)
            and (not args.township or c.township == args.township)]
    if args.json:
        ids = [int(c.server_id[1:]) for c in rows]  # C0000042 → 42 (county.models.server_id)
        if isinstance(db, PlainDb):
            steps = plain_lists.complaint_histories(db, ids)
        else:
            from county.complaint_flow.service import histories

            steps = histories(db, ids)
        print_json([complaint_json(c, steps.get(i, [])) for c, i in zip(rows, ids, strict=True)])
        return 0
    from county.complaint_flow.states import LEVEL_WORDS, STATUS_WORDS, Level, Status

    for c in rows:
        who = "匿名" if c.anonymous else (c.name or "实名")
        text = c.text.replace("\n", " ")
        say(f"{c.server_id}  {c.ticket_no:16} {local_time(c.created_at)}  {c.township}  "
            f"{LEVEL_WORDS[Level(c.level)]}  {STATUS_WORDS[Status(c.status)]}  "
            f"限 {local_time(c.due_at)}  {CATEGORY_ZH.get(c.category, c.category)}  {who}  "
            f"{text[:30]}")
    if not rows:
        say("no complaints")
    return 0


def _show(args: argparse.Namespace) -> int:
    from county.complaint_flow.service import history
    from county.complaint_flow.states import (
        ACTION_WORDS,
        LEVEL_WORDS,
        STATUS_WORDS,
        Action,
        Level,
        Status,
    )
    from county.complaints import NoSuchComplaintError, get_complaint

    engine = open_db(args)
    try:
        c = get_complaint(engine, args.server_id)
    except NoSuchComplaintError as exc:
        raise CliError(str(exc)) from None
    steps = history(engine, c.server_id)
    if args.json:
        print_json(complaint_json(c, steps))
        return 0
    say(f"投诉编号 {c.server_id}   票号 {c.ticket_no}   渠道 {c.channel}   "
        f"终端 {c.terminal_id or '-'}")
    say(f"{c.township} {c.village}   {LEVEL_WORDS[Level(c.level)]}   "
        f"{STATUS_WORDS[Status(c.status)]}   承办 {c.assignee or '-'}   "
        f"限办 {local_time(c.due_at)}")
    say(f"类别 {CATEGORY_ZH.get(c.category, c.category)}   项目 {c.item_code or '-'}   "
        f"提交 {local_time(c.created_at)}   收到 {local_time(c.received_at)}")
    say(f"{'匿名' if c.anonymous else '实名: ' + (c.name or '')}   电话 {c.phone or '-'}")
    if c.concerns:  # issue 17: e.g. a ledger entry's 这一笔有问题
        from county.ledger.concerns import describe_concerns
        say(f"关于: {describe_concerns(engine, c.concerns)}")
    say(f"内容: {c.text or '(无)'}")
    if c.draft_reply:
        say(f"待审核答复（{c.draft_by}）: {c.draft_reply}")
    say(f"答复: {c.reply_text or '(尚未答复)'}" + (f"  ({local_time(c.reply_at)})"
                                                 if c.reply_at else ""))
    for h in steps:
        say(f"  {local_time(h.at)}  {h.actor}  {ACTION_WORDS.get(Action(h.action), h.action)}  "
            f"{h.from_status} → {h.to_status} ({h.level})  {h.note}")
    return 0


def _step(args: argparse.Namespace) -> int:
    if args.step == "escalate" and args.server_id is None:
        return _escalate_overdue(args)
    from county.complaint_flow.service import act
    from county.complaint_flow.states import Action, ComplaintFlowError
    from county.complaints import NoSuchComplaintError

    text = ""
    if getattr(args, "text", None) is not None:
        text = args.text
    elif getattr(args, "text_file", None) is not None:
        text = read_text_file(args.text_file)
    try:
        c = act(open_db(args), args.server_id, Action(args.step), actor=actor_name(args),
                now=_now(args), note=args.note or "", assignee=getattr(args, "to", "") or "",
                text=text)
    except (ComplaintFlowError, NoSuchComplaintError) as exc:
        raise CliError(f"{exc}") from None
    if args.json:
        from county.complaint_flow.service import history

        print_json(complaint_json(c, history(open_db(args), c.server_id)))
    else:
        say(f"{c.server_id}: {args.step} done; now {c.status} at the {c.level} level"
            + (f", due {local_time(c.due_at)}" if c.due_at else ""))
    return 0


def _escalate_overdue(args: argparse.Namespace) -> int:
    from county.complaint_flow.service import escalate_overdue

    done = escalate_overdue(open_db(args), now=_now(args), actor=args.by or "system")
    if args.json:
        print_json({"escalated": done})
    else:
        say(f"{len(done)} overdue complaints escalated to the county"
            + (f": {' '.join(done)}" if done else ""))
    return 0


def _register(args: argparse.Namespace) -> int:
    from county.complaint_flow.service import register as register_complaint
    from county.complaint_flow.states import ComplaintFlowError

    try:
        c = register_complaint(open_db(args), channel=args.channel, category=args.category,
                               text=args.text, township=args.township, village=args.village,
                               name=args.name, phone=args.phone, item_code=args.item,
                               about_official=args.about_official, actor=actor_name(args),
                               now=_now(args))
    except ComplaintFlowError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json({"server_id": c.server_id, "ticket_no": c.ticket_no, "level": c.level,
                    "due_at": _iso(c.due_at)})
    else:
        say(f"registered {c.server_id} (ticket {c.ticket_no}) at the {c.level} level, "
            f"due {local_time(c.due_at)}")
    return 0


def _limits(args: argparse.Namespace) -> int:
    from county.complaint_flow.limits import (
        DEFAULT_LIMIT,
        LimitError,
        TimeLimit,
        list_time_limits,
        set_time_limit,
    )

    engine = open_db(args)
    if args.category:
        if args.response_days is None or args.resolve_days is None:
            raise CliError("setting a limit needs --response-days and --resolve-days")
        try:
            set_time_limit(engine, TimeLimit(args.category, args.response_days,
                                             args.resolve_days, args.approval),
                           actor=actor_name(args), now=_now(args))
        except LimitError as exc:
            raise CliError(str(exc)) from None
    rows = list_time_limits(engine)
    if args.json:
        print_json({"default": DEFAULT_LIMIT, "categories": rows})
        return 0
    say(f"default: reply within {DEFAULT_LIMIT.response_days} days, close within "
        f"{DEFAULT_LIMIT.resolve_days}")
    for r in rows:
        say(f"{r.category:14} reply {r.response_days:3} d  close {r.resolve_days:3} d  "
            f"{'two-person reply' if r.needs_approval else ''}")
    return 0


def _common(p: argparse.ArgumentParser, *, actor: bool = True) -> None:
    add_db_options(p, json_output=True)
    p.add_argument("--now", type=instant, metavar="ISO",
                   help="the time to act at (default: now); without offset Beijing time")
    if actor:
        p.add_argument("--by", metavar="NAME", help="who acts (default: your login name)")


def register(actions: Subparsers) -> None:
    """Add the handling subcommands to the ``county complaints`` group (``actions``)."""
    ls = actions.add_parser("list", help="complaints, oldest first")
    add_db_options(ls, json_output=True)
    ls.add_argument("--unreplied", action="store_true")
    ls.add_argument("--terminal", metavar="ID")
    ls.add_argument("--status", choices=("new", "assigned", "in_progress", "replied", "closed",
                                         "reopened"))
    ls.add_argument("--level", choices=("township", "county"))
    ls.add_argument("--township", metavar="NAME")
    ls.set_defaults(handler=_list)
    show = actions.add_parser("show", help="one complaint with its history")
    add_db_options(show, json_output=True)
    show.add_argument("server_id", metavar="ID", help="e.g. C0000042")
    show.set_defaults(handler=_show)
    helps = {"assign": "assign (or reassign) to a township group or a department",
             "start": "the assignee starts handling it", "draft": "save a reply for approval",
             "approve": "a second officer approves the draft: it goes out as the reply",
             "reply": "reply; the terminal shows it after its next sync",
             "close": "close a replied complaint (办结)",
             "escalate": "move a township complaint to the county (县纪委); without ID: "
                         "every overdue one"}
    for name, text in helps.items():
        p = actions.add_parser(name, help=text)
        _common(p)
        if name == "escalate":  # DESIGN.md §7: `escalate [--now ISO]` is the cron job
            p.add_argument("server_id", metavar="ID", nargs="?",
                           help="the complaint; without it: every overdue township complaint")
        else:
            p.add_argument("server_id", metavar="ID")
        p.add_argument("--note", help="why (kept in the history)")
        if name == "assign":
            p.add_argument("--to", required=True, metavar="WHO",
                           help="e.g. 高村镇监督组 or 县民政局")
        if name in ("reply", "draft"):
            group = p.add_mutually_exclusive_group(required=True)
            group.add_argument("--text")
            group.add_argument("--text-file", metavar="FILE")
        p.set_defaults(handler=_step, step=name)
    p = actions.add_parser("escalate-overdue",
                           help="escalate every overdue township complaint (cron)")
    _common(p)
    p.set_defaults(handler=_escalate_overdue)
    p = actions.add_parser("register", help="a complaint by hotline, letter or visit")
    _common(p)
    p.add_argument("--channel", required=True, choices=("hotline", "letter", "visit"))
    p.add_argument("--category", required=True, choices=CATEGORIES)
    p.add_argument("--text", required=True)
    p.add_argument("--township", required=True)
    p.add_argument("--village", default="")
    p.add_argument("--name", help="the complainant (omit: anonymous)")
    p.add_argument("--phone")
    p.add_argument("--item", metavar="CODE", help="the benefit item it concerns")
    p.add_argument("--about-official", action="store_true",
                   help="it concerns a township official: starts at the county level")
    p.set_defaults(handler=_register)
    p = actions.add_parser("limits", help="time limits per category (show, or set one)")
    _common(p)
    p.add_argument("category", nargs="?", choices=CATEGORIES)
    p.add_argument("--response-days", type=int, help="days to reply")
    p.add_argument("--resolve-days", type=int, help="days to close")
    p.add_argument("--approval", action="store_true",
                   help="replies need a second officer's approval")
    p.set_defaults(handler=_limits)
