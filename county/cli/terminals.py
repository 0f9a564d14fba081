"""`county enroll new | terminals [revoke ID]`: enrolling terminals and the fleet's health."""

from __future__ import annotations

import argparse
import io
from datetime import timedelta
from typing import TYPE_CHECKING

from county.cli.common import (
    CliError,
    Subparsers,
    add_db_options,
    county_config,
    local_time,
    open_db,
    open_listing_db,
    print_json,
)
from kiosk import clock
from kiosk.textsafe import say

if TYPE_CHECKING:
    from county.terminals import LastUpdate

__all__ = ["register"]


def _enroll_new(args: argparse.Namespace) -> int:
    from county.terminals import new_enrollment_code

    engine = open_db(args)
    try:
        code, expires = new_enrollment_code(
            engine, township=args.township, village=args.village, scope=args.scope,
            valid_for=timedelta(hours=args.valid_hours), now=clock.now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json({"code": code, "expires_at": expires})
        return 0
    say(f"one-time enrollment code for {args.township} {args.village}: {code}")
    say(f"valid until {local_time(expires)}; on the terminal: kiosk enroll {code} --server URL")
    if not args.no_qr:
        import qrcode

        qr = qrcode.QRCode(border=1)
        qr.add_data(code)
        out = io.StringIO()
        qr.print_ascii(out=out)
        print(out.getvalue(), end="")
    return 0


def _outcome(last: LastUpdate | None) -> str:
    """``1.4.0 installed``, ``1.4.0 REFUSED`` (capitals: not installed), ``-`` for none."""
    if last is None:
        return "-"
    return f"{last.version} {last.result if last.ok else last.result.upper()}"


def _terminals(args: argparse.Namespace) -> int:
    from county import plain_lists
    from county.plainread import PlainDb

    db = open_listing_db(args)
    hours = args.silent_hours or county_config(args).silent_hours or 6
    silent_after = timedelta(hours=float(hours))
    if isinstance(db, PlainDb):
        rows = plain_lists.fleet(db, now=clock.now(), silent_after=silent_after)
    else:
        from county.terminals import fleet

        rows = fleet(db, now=clock.now(), silent_after=silent_after)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        say("no terminals enrolled (county enroll new --village V --township T)")
        return 0
    say(f"{'id':8} {'village':14} {'last heartbeat':20} {'version':10} {'lag':>6} "
        f"{'outbox':>6} {'reader':10} {'printer':10} {'disk free':>10}  {'last update':20}  "
        "flags")
    for r in rows:
        flags = ",".join(f for f, on in (("REVOKED", r.revoked), ("SILENT", r.silent)) if on)
        disk = "-" if r.disk_free_bytes is None else f"{r.disk_free_bytes / 2**30:.1f} GiB"
        say(f"{r.terminal_id:8} {r.township + r.village:14} {local_time(r.last_heartbeat_at):20} "
            f"{r.version or '-':10} {'-' if r.cursor_lag is None else r.cursor_lag:>6} "
            f"{'-' if r.outbox_depth is None else r.outbox_depth:>6} {r.reader or '-':10} "
            f"{r.printer or '-':10} {disk:>10}  {_outcome(r.last_update):20}  {flags}")
        last = r.last_update
        if last is not None and not last.ok:  # what IT staff must act on: a failed update
            say(f"{'':8} update {last.version} {last.result.upper()} [{last.code}] "
                f"at {local_time(last.finished_at)}: {last.message}".rstrip(": "))
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from county.terminals import revoke

    if not revoke(open_db(args), args.terminal_id, now=clock.now()):
        raise CliError(f"no active terminal {args.terminal_id}")
    say(f"terminal {args.terminal_id} revoked: its token is refused from now on")
    return 0


def register(sub: Subparsers) -> None:
    """Add `enroll new` and `terminals` (with `terminals revoke`)."""
    p = sub.add_parser("enroll", help="one-time codes for enrolling terminals")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="create a one-time enrollment code")
    add_db_options(new, json_output=True)
    new.add_argument("--village", required=True)
    new.add_argument("--township", required=True)
    new.add_argument("--scope", choices=("village", "county", "township"), default="village",
                     help="people the terminal holds: its village's only, under slow per-village "
                          "person keys, without the county lookup key (default); or (legacy) "
                          "the whole county / its township, with the lookup key")
    new.add_argument("--valid-hours", type=float, default=72, help="default 72")
    new.add_argument("--no-qr", action="store_true", help="do not print the QR code")
    new.set_defaults(handler=_enroll_new)

    p = sub.add_parser("terminals", help="fleet health; `terminals revoke ID`")
    add_db_options(p, json_output=True)
    p.add_argument("--silent-hours", type=float,
                   help="flag terminals silent for longer (default 6, or [county] silent_hours)")
    p.set_defaults(handler=_terminals)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    rv = actions.add_parser("revoke", help="revoke a terminal's token")
    add_db_options(rv)
    rv.add_argument("terminal_id", metavar="ID")
    rv.set_defaults(handler=_revoke)
