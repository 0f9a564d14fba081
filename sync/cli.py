"""`kiosk enroll`, `kiosk syncd [--once]` and `kiosk sync status [--json]`.

Registered through the ``village_kiosk.kiosk_commands`` entry points
(pyproject.toml): sync/ may import kiosk/, never the reverse.
"""

from __future__ import annotations

import argparse
import signal
from collections.abc import Mapping
from datetime import datetime
from types import FrameType
from typing import TYPE_CHECKING, Any

from kiosk import clock
from kiosk.cli.common import (
    CliError,
    Subparsers,
    add_common_options,
    load_cli_config,
    open_cli_store,
    print_json,
)
from kiosk.textsafe import say

if TYPE_CHECKING:  # the daemon's modules load only when its commands run (kiosk.cli.main)
    from sync.daemon import CycleReport
    from sync.status_file import SyncStatus

__all__ = ["register_enroll", "register_sync", "register_syncd"]


def register_enroll(sub: Subparsers) -> None:
    """Add `kiosk enroll CODE --server URL`."""
    p = sub.add_parser("enroll", help="enroll this terminal with the county (one-time code)")
    p.add_argument("code", metavar="CODE", help="one-time code from `county enroll new`")
    p.add_argument("--server", required=True, metavar="URL",
                   help="county server base URL, e.g. https://county.example/")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_common_options(p)
    p.set_defaults(handler=_enroll)


def register_syncd(sub: Subparsers) -> None:
    """Add `kiosk syncd [--once]`."""
    p = sub.add_parser("syncd", help="the sync daemon (pull changes, push outbox, heartbeat)")
    p.add_argument("--once", action="store_true",
                   help="one full cycle; exit 0 only if all of it succeeded")
    add_common_options(p)
    p.set_defaults(handler=_syncd)


def register_sync(sub: Subparsers) -> None:
    """Add `kiosk sync status [--json]`."""
    p = sub.add_parser("sync", help="the terminal's sync state")
    actions = p.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    s = actions.add_parser("status", help="cursor, last success, lag, outbox depth, last error")
    s.add_argument("--json", action="store_true", help="print JSON")
    add_common_options(s)
    s.set_defaults(handler=_status)


def _enroll(args: argparse.Namespace) -> int:
    from sync.enroll import enroll_terminal
    from sync.errors import SyncError

    config = load_cli_config(args)
    server = str(args.server).rstrip("/")
    if not server.startswith(("http://", "https://")):
        raise CliError(f"--server must be an http:// or https:// URL, got {server!r}", exit_code=2)
    engine = open_cli_store(config)
    try:
        answer = enroll_terminal(config, engine, args.code, server)
    except SyncError as exc:
        raise CliError(f"enrollment failed: {exc} [{exc.code}]") from None
    except OSError as exc:
        raise CliError(f"cannot write {config.enrollment.file}: {exc.strerror}") from None
    finally:
        engine.dispose()
    info = {"terminal_id": answer.terminal_id, "server_url": server, "county": answer.county,
            "township": answer.township, "village": answer.village, "scope": answer.scope,
            "enrollment_file": str(config.enrollment.file)}
    if args.json:
        print_json(info)
    else:
        say(f"enrolled as {answer.terminal_id} ({answer.township} {answer.village}, "
            f"scope {answer.scope}) with {server}")
        say(f"credentials in {config.enrollment.file} (mode 0600); now run `kiosk syncd`")
    return 0


def _print_report(report: CycleReport) -> None:
    outbox = report.outbox
    say(f"snapshot {'loaded' if report.snapshot else 'not needed'}, {report.pages} page(s)"
        + (f", outbox: {outbox.sent} sent, {outbox.rejected} rejected, "
           f"{outbox.waiting} waiting" if outbox else ""))
    for error in report.errors:
        say(f"error [{error.code}]: {error}")


def _syncd(args: argparse.Namespace) -> int:
    from sync.daemon import SyncDaemon

    config = load_cli_config(args)
    engine = open_cli_store(config)
    daemon = SyncDaemon(config, engine)
    try:
        if args.once:
            report = daemon.run_once()
            _print_report(report)
            return 0 if report.ok else 1

        def stop(_signum: int, _frame: FrameType | None) -> None:
            daemon.stop_event.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        daemon.run_forever()
        return 0
    finally:
        engine.dispose()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def status_json(status: SyncStatus, *, now: datetime,
                pushed: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The ``kiosk sync status --json`` object; ``pushed``: the usable pushed settings
    (config key → value, kiosk.settings.pushed_values), shown as ``pushed_settings``."""
    lag = (now - status.last_success_at).total_seconds() if status.last_success_at else None
    return {
        "cursor": status.cursor,
        "data_as_of": _iso(status.data_as_of),
        "last_attempt_at": _iso(status.last_attempt_at),
        "last_success_at": _iso(status.last_success_at),
        "lag_s": None if lag is None else round(lag, 1),
        "outbox_depth": status.outbox_depth,
        "outbox_rejected": status.outbox_rejected,
        "last_error": status.last_error,
        "last_error_code": status.last_error_code,
        "revoked": status.revoked,
        "last_heartbeat_at": _iso(status.last_heartbeat_at),
        "settings_version": status.settings_version,
        "pushed_settings": dict(pushed or {}),
        "release_available": status.release_available,
    }


def _status(args: argparse.Namespace) -> int:
    # Plain sqlite3, read-only: status checks must start fast (no SQLAlchemy) and never
    # create or write the cache.
    from kiosk.cachefile import CacheFileError
    from sync.status_file import read_status_file

    config = load_cli_config(args)
    try:
        status, pushed = read_status_file(config.store.path,
                                          busy_timeout_ms=config.store.busy_timeout_ms)
    except CacheFileError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    data = status_json(status, now=clock.now(), pushed=pushed)
    if args.json:
        print_json(data)
        return 0
    lag = data["lag_s"]
    say(f"cursor        {status.cursor or '- (no snapshot yet)'}")
    say(f"data as of    {data['data_as_of'] or 'never synced'}")
    say(f"last success  {data['last_success_at'] or 'never'}"
        + (f" ({lag:.0f} s ago)" if lag is not None else ""))
    say(f"outbox        {status.outbox_depth} waiting, {status.outbox_rejected} rejected")
    say(f"heartbeat     {data['last_heartbeat_at'] or 'never'}")
    for key, value in pushed.items():
        say(f"pushed        {key} = {value} (over the config file)")
    if status.release_available:
        say(f"release       {status.release_available} offered by the county")
    if status.last_error:
        say(f"last error    [{status.last_error_code}] {status.last_error}")
    return 0
