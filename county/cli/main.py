"""`county`: the county server and the tools of county IT staff and the inspection office.

Every subcommand takes ``--db URL`` (default: ``[county] db`` of ``--config
FILE``, then ``$VILLAGE_COUNTY_DB``, then ``sqlite:///county.db`` in the
working directory) and ``--json`` wherever it prints data. Exit codes: 0 ok,
1 failure (one line on stderr), 2 usage.

Each command group is a module of this package with a ``register(subparsers)``
function, listed in :data:`GROUPS`. The groups import the database layer,
SQLAlchemy, FastAPI and the release tools inside their handlers, so that
`county --help` and a mistyped command answer at once.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from county.cli.common import CliError, Handler, close_opened
from county.errors import CountyError
from kiosk.textsafe import say

__all__ = ["GROUPS", "build_parser", "main"]

#: The command group modules under county.cli, in the order `county --help` lists them.
GROUPS = ("serve", "status", "seed_demo", "terminals", "complaints", "items", "notices", "settings",
          "imports", "payments", "receipts", "release", "users", "person_keys",
          "collide", "disclosure", "ledger", "report")


def build_parser() -> argparse.ArgumentParser:
    """The full ``county`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="county", description="village-kiosk county server and administration tools")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for group in GROUPS:
        importlib.import_module(f"county.cli.{group}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `county`; returns the exit code."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        if exc.code == 2 and argv[:1] == ["import"]:
            # import's exit 2 means "imported, bad rows skipped"; a usage error stores nothing
            return 1
        raise
    handler: Handler = args.handler
    try:
        return handler(args)
    except CliError as exc:
        say(f"county {args.command}: {exc}", file=sys.stderr)
        return 1
    except CountyError as exc:  # one a handler did not word itself: still one line
        say(f"county {args.command}: {exc} [{exc.code}]", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `county … | head`: the reader left; say nothing more, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        close_opened()
