"""`county serve`: run the county server (uvicorn, one or several processes)."""

from __future__ import annotations

import argparse
import os
from typing import Any

from county.cli.common import (
    REPLICA_ENV,
    CliError,
    Subparsers,
    add_db_options,
    database_url,
    open_db,
    replica_url,
)

__all__ = ["register"]


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from county.app import create_app
    from county.db import APP_THREADS, DatabaseError
    from county.replica import open_replica
    from county.serve_protocol import PROTOCOL, ServeLimits, accept_backlog

    # Migrates once, before any worker starts; pools sized for the worker threads.
    engine = open_db(args, app_threads=APP_THREADS)
    replica = replica_url(args)
    if replica is not None and engine.dialect.name != "postgresql":
        raise CliError("a read replica needs a PostgreSQL primary (--db postgresql+psycopg://…)")
    try:
        standby = None if replica is None else open_replica(replica, app_threads=APP_THREADS)
    except DatabaseError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
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
        if standby is not None:
            standby.dispose()
            os.environ[REPLICA_ENV] = str(replica)
        os.environ["VILLAGE_COUNTY_DB"] = database_url(args)
        os.environ["VILLAGE_COUNTY_MAX_BODY"] = str(args.max_body)
        os.environ["VILLAGE_COUNTY_HEARTBEAT_FLUSH"] = str(args.heartbeat_flush)
        uvicorn.run("county.asgi:app_from_env", factory=True, workers=args.workers, **options)
    else:
        uvicorn.run(create_app(engine, max_body_bytes=args.max_body, replica=standby,
                               heartbeat_every_s=args.heartbeat_flush), **options)
    return 0


def register(sub: Subparsers) -> None:
    """Add `serve`."""
    p = sub.add_parser("serve", help="run the county server (HTTP API under /api/v1)")
    add_db_options(p)
    p.add_argument("--db-replica", metavar="URL",
                   help="a PostgreSQL hot standby of --db: terminals' changes and snapshot "
                        "reads go there when it has what they need (default: [county] "
                        "db_replica, then $VILLAGE_COUNTY_DB_REPLICA; none)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; put nginx with TLS in front)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    p.add_argument("--max-body", type=int, default=64 * 1024, metavar="BYTES",
                   help="largest request body accepted (default 65536)")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes (default 1); the app keeps no state outside the "
                        "database, so more processes serve more terminals")
    p.add_argument("--heartbeat-flush", type=float, default=2.0, metavar="SECONDS",
                   help="write terminals' heartbeats in one batch this often (default 2); "
                        "a killed process loses at most that much, resent with the next beat")
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
