"""`county payments correct | withdraw | history`: changing a stored payment."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from county.cli.common import (
    CliError,
    Subparsers,
    actor_name,
    add_db_options,
    open_db,
    parse_date,
    print_json,
)
from kiosk import clock
from kiosk.money import AmountError, format_yuan, parse_yuan
from kiosk.textsafe import say

if TYPE_CHECKING:
    from county.corrections import ChangeEntry

__all__ = ["register"]


def _payment_correct(args: argparse.Namespace) -> int:
    from county.corrections import CorrectionError, correct_payment

    try:
        fen = parse_yuan(args.amount) if args.amount is not None else None
    except AmountError as exc:
        raise CliError(f"--amount: {exc}") from None
    try:
        entry = correct_payment(open_db(args), args.id, reason=args.reason, actor=actor_name(args),
                                now=clock.now(), amount_fen=fen, paid_on=args.paid_on,
                                status=args.status, period=args.period)
    except CorrectionError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    return _print_change(args, entry)


def _payment_withdraw(args: argparse.Namespace) -> int:
    from county.corrections import CorrectionError, withdraw_payment

    try:
        entry = withdraw_payment(open_db(args), args.id, reason=args.reason, actor=actor_name(args),
                                 now=clock.now())
    except CorrectionError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    return _print_change(args, entry)


def _print_change(args: argparse.Namespace, entry: ChangeEntry) -> int:
    if args.json:
        print_json(entry)
    else:
        say(f"payment {entry.payment_id}: {entry.action} {_fields(entry.before)} → "
            f"{_fields(entry.after)}; terminals follow at their next sync")
    return 0


def _fields(values: dict[str, object]) -> str:
    parts = []
    for key, value in values.items():
        shown = format_yuan(int(str(value))) if key == "amount_fen" else value
        parts.append(f"{key}={shown}")
    return "{" + ", ".join(parts) + "}"


def _payment_history(args: argparse.Namespace) -> int:
    from county.corrections import payment_history

    entries = payment_history(open_db(args), args.id)
    if args.json:
        print_json(entries)
        return 0
    if not entries:
        say(f"payment {args.id}: no changes since it was imported")
    for e in entries:
        by = f"batch {e.batch_id}" if e.batch_id is not None else ""
        say(f"{e.changed_at:%Y-%m-%d %H:%M}  {e.action:9} {e.actor} {by}  "
            f"{_fields(e.before)} → {_fields(e.after)}  {e.reason}")
    return 0


def register(sub: Subparsers) -> None:
    """Add `payments` and its actions."""
    p = sub.add_parser("payments", help="correct or withdraw a stored payment; its history")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    pc = actions.add_parser("correct", help="give a payment new values (terminals follow)")
    add_db_options(pc, json_output=True)
    pc.add_argument("id", type=int)
    pc.add_argument("--reason", required=True)
    pc.add_argument("--by", metavar="NAME", help="who (default: the login name)")
    pc.add_argument("--amount", metavar="YUAN", help="the right amount in yuan, e.g. 760")
    pc.add_argument("--paid-on", type=parse_date, metavar="YYYY-MM-DD")
    pc.add_argument("--status", choices=("paid", "pending", "returned"))
    pc.add_argument("--period", help="e.g. 2025年5月")
    pc.set_defaults(handler=_payment_correct)
    pw = actions.add_parser("withdraw", help="withdraw a payment never made (terminals drop it)")
    add_db_options(pw, json_output=True)
    pw.add_argument("id", type=int)
    pw.add_argument("--reason", required=True)
    pw.add_argument("--by", metavar="NAME", help="who (default: the login name)")
    pw.set_defaults(handler=_payment_withdraw)
    ph = actions.add_parser("history", help="every change of a payment")
    add_db_options(ph, json_output=True)
    ph.add_argument("id", type=int)
    ph.set_defaults(handler=_payment_history)
