"""`county status`: the databases the server uses and how far the read replica lags."""

from __future__ import annotations

import argparse
import sys

from county.cli.common import (
    CliError,
    Subparsers,
    add_db_options,
    open_db,
    print_json,
    replica_url,
)
from kiosk.textsafe import say

__all__ = ["register"]


def _status(args: argparse.Namespace) -> int:
    from county.db import DatabaseError
    from county.replica import open_replica
    from county.replica_lag import replica_lag
    from county.seq import current_seq

    primary = open_db(args)
    url = replica_url(args)
    shown = primary.url.render_as_string(hide_password=True)
    if url is None:
        with primary.connect() as conn:
            change = current_seq(conn)
        if args.json:
            print_json({"primary": {"url": shown, "change": change}, "replica": None})
        else:
            say(f"primary  {shown}  change {change}")
            say("replica  none (terminals read the primary)")
        return 0
    if primary.dialect.name != "postgresql":
        raise CliError("a read replica needs a PostgreSQL primary")
    try:
        replica = open_replica(url, app_threads=1)
    except DatabaseError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    try:
        lag = replica_lag(primary, replica)
    finally:
        replica.dispose()
    replica_shown = replica.url.difference_update_query(["connect_timeout"]).render_as_string(
        hide_password=True)
    if args.json:
        print_json({"primary": {"url": shown, "change": lag.primary_change,
                                "wal": lag.primary_lsn},
                    "replica": {"url": replica_shown, "change": lag.replica_change,
                                "replayed": lag.replica_lsn, "paused": lag.paused,
                                "error": lag.error},
                    "lag": {"changes": lag.changes_behind, "bytes": lag.bytes_behind,
                            "seconds": lag.seconds_behind, "behind": lag.behind}})
    else:
        say(f"primary  {shown}  change {lag.primary_change}  WAL {lag.primary_lsn}")
        if lag.error is not None:
            say(f"replica  {replica_shown}  {lag.error}")
        else:
            say(f"replica  {replica_shown}  change {lag.replica_change}  replayed "
                f"{lag.replica_lsn}")
            state = "behind" if lag.behind else "caught up"
            say(f"lag      {state}: {lag.changes_behind} changes, {lag.bytes_behind} bytes, "
                f"{lag.seconds_behind:.1f} s" + ("; replay paused" if lag.paused else ""))
    too_far = lag.error is not None or (
        args.max_lag is not None and lag.behind and (lag.seconds_behind or 0) > args.max_lag)
    if args.max_lag is not None and too_far:
        problem = lag.error or (f"the replica is {lag.changes_behind} changes, "
                                f"{lag.seconds_behind:.0f} s behind")
        say(f"county status: {problem} (--max-lag {args.max_lag:g})", file=sys.stderr)
        return 1
    return 0


def register(sub: Subparsers) -> None:
    """Add `status`."""
    p = sub.add_parser("status", help="the primary database, the read replica and its lag")
    add_db_options(p, json_output=True)
    p.add_argument("--db-replica", metavar="URL",
                   help="the read replica (default: [county] db_replica, then "
                        "$VILLAGE_COUNTY_DB_REPLICA)")
    p.add_argument("--max-lag", type=float, metavar="SECONDS",
                   help="exit 1 when the replica cannot be read or is behind by more than "
                        "this (for monitoring)")
    p.set_defaults(handler=_status)
