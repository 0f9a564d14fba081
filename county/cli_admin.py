"""`county serve | seed-demo | enroll | terminals | complaints`."""

from __future__ import annotations

import argparse
import io
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from county.cli import (
    CliError,
    Subparsers,
    add_db_options,
    config_value,
    database_url,
    open_db,
    print_json,
)

if TYPE_CHECKING:
    from county.complaints import ComplaintView
from kiosk import clock
from kiosk.textsafe import say
from kiosk.timefmt import format_local

__all__ = ["register"]

CATEGORY_ZH = {"not_received": "未收到", "wrong_amount": "金额不对", "impersonated": "被冒领",
               "not_mine": "不该有我的名字", "conduct": "办事作风", "other": "其他"}


def _now() -> datetime:
    return clock.now()


def _local(moment: datetime | None) -> str:
    return "-" if moment is None else format_local(moment)


# --- serve ----------------------------------------------------------------------------------

def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from county.app import create_app
    from county.serve_protocol import PROTOCOL, ServeLimits, accept_backlog

    engine = open_db(args)  # migrates once, before any worker starts
    # Every worker process reads the request deadlines and the connection cap from here.
    os.environ.update(ServeLimits(args.header_timeout, args.body_timeout,
                                  args.max_connections).to_env())
    limits = ServeLimits.from_env()
    options: dict[str, Any] = {"host": args.host, "port": args.port,
                               "log_level": args.log_level, "proxy_headers": True,
                               "forwarded_allow_ips": args.forwarded_allow_ips,
                               "http": PROTOCOL,
                               "backlog": accept_backlog(limits.max_connections)}
    if args.workers > 1:
        engine.dispose()
        os.environ["VILLAGE_COUNTY_DB"] = database_url(args)
        os.environ["VILLAGE_COUNTY_MAX_BODY"] = str(args.max_body)
        uvicorn.run("county.asgi:app_from_env", factory=True, workers=args.workers, **options)
    else:
        uvicorn.run(create_app(engine, max_body_bytes=args.max_body), **options)
    return 0


def _seed_demo(args: argparse.Namespace) -> int:
    from county.seed import seed_demo, write_cards
    from kiosk.demo_data import generate_village

    engine = open_db(args)
    village = generate_village(today=args.today)
    counts = seed_demo(engine, now=_now(), village=village)
    cards = write_cards(args.cards, village=village) if args.cards else None
    if args.json:
        print_json({"added": counts, "cards": cards})
    else:
        say("demo county loaded: " + ", ".join(f"{k} +{v}" for k, v in counts.items()))
        if cards is not None:
            say(f"{cards} card profiles written to {args.cards}")
    return 0


# --- enroll / terminals ---------------------------------------------------------------------

def _enroll_new(args: argparse.Namespace) -> int:
    from county.terminals import new_enrollment_code

    engine = open_db(args)
    try:
        code, expires = new_enrollment_code(
            engine, township=args.township, village=args.village, scope=args.scope,
            valid_for=timedelta(hours=args.valid_hours), now=_now())
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json({"code": code, "expires_at": expires})
        return 0
    say(f"one-time enrollment code for {args.township} {args.village}: {code}")
    say(f"valid until {_local(expires)}; on the terminal: kiosk enroll {code} --server URL")
    if not args.no_qr:
        import qrcode

        qr = qrcode.QRCode(border=1)
        qr.add_data(code)
        out = io.StringIO()
        qr.print_ascii(out=out)
        print(out.getvalue(), end="")
    return 0


def _terminals(args: argparse.Namespace) -> int:
    from county.terminals import fleet

    engine = open_db(args)
    hours = args.silent_hours or config_value(args, "silent_hours") or 6
    rows = fleet(engine, now=_now(), silent_after=timedelta(hours=float(hours)))
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        say("no terminals enrolled (county enroll new --village V --township T)")
        return 0
    say(f"{'id':8} {'village':14} {'last heartbeat':20} {'version':10} {'lag':>6} "
        f"{'outbox':>6} {'reader':10} {'printer':10} {'disk free':>10}  flags")
    for r in rows:
        flags = ",".join(f for f, on in (("REVOKED", r.revoked), ("SILENT", r.silent)) if on)
        disk = "-" if r.disk_free_bytes is None else f"{r.disk_free_bytes / 2**30:.1f} GiB"
        say(f"{r.terminal_id:8} {r.township + r.village:14} {_local(r.last_heartbeat_at):20} "
            f"{r.version or '-':10} {'-' if r.cursor_lag is None else r.cursor_lag:>6} "
            f"{'-' if r.outbox_depth is None else r.outbox_depth:>6} {r.reader or '-':10} "
            f"{r.printer or '-':10} {disk:>10}  {flags}")
        last = r.last_update
        if last is not None and not last.ok:  # what IT staff must act on: a failed update
            say(f"{'':8} update {last.version} {last.result.upper()} [{last.code}] "
                f"at {_local(last.finished_at)}: {last.message}".rstrip(": "))
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from county.terminals import revoke

    if not revoke(open_db(args), args.terminal_id, now=_now()):
        raise CliError(f"no active terminal {args.terminal_id}")
    say(f"terminal {args.terminal_id} revoked: its token is refused from now on")
    return 0


# --- complaints -----------------------------------------------------------------------------

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
    """Add serve, seed-demo, enroll, terminals and complaints to ``county``."""
    p = sub.add_parser("serve", help="run the county server (HTTP API under /api/v1)")
    add_db_options(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; put nginx with TLS in front)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    p.add_argument("--max-body", type=int, default=64 * 1024, metavar="BYTES",
                   help="largest request body accepted (default 65536)")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes (default 1); the app keeps no state outside the "
                        "database, so more processes serve more terminals")
    p.add_argument("--log-level", default="info",
                   choices=("critical", "error", "warning", "info", "debug"))
    p.add_argument("--forwarded-allow-ips", default="127.0.0.1",
                   help="proxies whose X-Forwarded-* headers are trusted (default 127.0.0.1)")
    p.add_argument("--header-timeout", type=float, default=10.0, metavar="SECONDS",
                   help="a request's line and headers must arrive within this (default 10), "
                        "else its connection is closed")
    p.add_argument("--body-timeout", type=float, default=30.0, metavar="SECONDS",
                   help="then its body within this (default 30)")
    p.add_argument("--max-connections", type=int, default=0, metavar="N",
                   help="open connections per process; more are closed at once (default: "
                        "1000, or half the open-file limit if lower)")
    p.set_defaults(handler=_serve)

    p = sub.add_parser("seed-demo", help="load the demo county (hashed IDs only)")
    add_db_options(p, json_output=True)
    p.add_argument("--cards", type=Path, metavar="DIR",
                   help="also write the demo ID-card profiles (JSON) for the card emulator")
    p.add_argument("--today", type=clock.parse_day, metavar="YYYY-MM-DD",
                   help="the demo's reference date: payments, notices and replies are dated "
                        "relative to it (default: today, Beijing)")
    p.set_defaults(handler=_seed_demo)

    p = sub.add_parser("enroll", help="one-time codes for enrolling terminals")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="create a one-time enrollment code")
    add_db_options(new, json_output=True)
    new.add_argument("--village", required=True)
    new.add_argument("--township", required=True)
    new.add_argument("--scope", choices=("county", "township"), default="county",
                     help="payments the terminal receives: the whole county (default) or "
                          "only its township")
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

    from county import cli_complaints

    p = sub.add_parser("complaints", help="list, show, handle, register and export complaints")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    cli_complaints.register(actions)  # list, show and every step of handling
    export = actions.add_parser("export", help="write complaints to CSV or XLSX")
    add_db_options(export, json_output=True)
    export.add_argument("--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx")
    export.add_argument("--unreplied", action="store_true")
    export.set_defaults(handler=_complaints_export)
