"""`county`: the county server and the tools of county IT staff and the inspection office.

Every subcommand takes ``--db URL`` (default: ``[county] db`` of ``--config
FILE``, then ``$VILLAGE_COUNTY_DB``, then ``sqlite:///county.db`` in the
working directory) and ``--json`` wherever it prints data. Exit codes: 0 ok,
1 failure (one line on stderr), 2 usage.

The subcommand modules (``cli_admin``, ``cli_data``, ``cli_receipts``,
``cli_release``) import the database layer, SQLAlchemy, FastAPI and the
release tools inside their handlers, so that `county --help` and a mistyped
command answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from kiosk.textsafe import safe_json, say

if TYPE_CHECKING:  # the database layer loads only when a subcommand opens it
    from sqlalchemy import Engine

__all__ = ["CliError", "add_config_option", "add_db_options", "check_config", "main", "open_db",
           "print_json"]

Handler: TypeAlias = Callable[[argparse.Namespace], int]
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class CliError(Exception):
    """A failure reported as one line on stderr with exit code 1."""


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--config FILE`` to a subcommand (every `county` subcommand takes it)."""
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="TOML file with a [county] table (db = URL)")


def check_config(args: argparse.Namespace) -> None:
    """Read ``--config`` (if given) and raise :class:`CliError` if it is unreadable or wrong,
    for subcommands that use no value of it but must not ignore a broken file."""
    _config_url(getattr(args, "config", None))


def add_db_options(parser: argparse.ArgumentParser, *, json_output: bool = False) -> None:
    """Add ``--config FILE``, ``--db URL`` (and ``--json``) to a subcommand."""
    add_config_option(parser)
    parser.add_argument("--db", metavar="URL",
                        help="database URL: sqlite:///county.db (default) or "
                             "postgresql+psycopg://user:pass@host/dbname")
    if json_output:
        parser.add_argument("--json", action="store_true", help="print JSON")


def _config_url(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CliError(f"bad config {path}: {exc}") from None
    county = data.get("county", {})
    unknown = (set(county) - {"db", "silent_hours", "releases"} if isinstance(county, dict)
               else {"county"})
    if unknown:
        raise CliError(f"bad config {path}: unknown key(s) {', '.join(sorted(unknown))} "
                       "in [county] (known: db, silent_hours, releases)")
    url = county.get("db")
    if url is not None and not isinstance(url, str):
        raise CliError(f"bad config {path}: [county] db must be a string")
    return url


def config_value(args: argparse.Namespace, key: str) -> Any:
    """A value of the ``[county]`` table of ``--config`` (None if absent)."""
    path = getattr(args, "config", None)
    if path is None:
        return None
    return tomllib.loads(path.read_text(encoding="utf-8")).get("county", {}).get(key)


def database_url(args: argparse.Namespace) -> str:
    """The database URL from ``--db``, the config, the environment or the default."""
    from county.db import default_url

    return str(getattr(args, "db", None) or _config_url(getattr(args, "config", None))
               or default_url())


#: Engines opened by :func:`open_db` during this run of :func:`main`.
_opened: list[Engine] = []


def open_db(args: argparse.Namespace) -> Engine:
    """Open (and migrate) the database the options name; raises :class:`CliError`."""
    from county.db import DatabaseError, open_county_db

    try:
        engine = open_county_db(database_url(args))
    except DatabaseError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    _opened.append(engine)  # closed by main(), so an in-process run leaves no connection open
    return engine


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def print_json(data: Any) -> None:
    """Print ``data`` (dataclasses and dates included) as UTF-8 JSON on stdout, with no
    character left raw that could drive a terminal (kiosk.textsafe.safe_json)."""
    sys.stdout.write(safe_json(_plain(data)) + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The full ``county`` argument parser."""
    from county import cli_admin, cli_data, cli_receipts, cli_release, cli_users
    from county.collision import cli as collision_cli

    parser = argparse.ArgumentParser(
        prog="county", description="village-kiosk county server and administration tools")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    cli_admin.register(sub)
    cli_data.register(sub)
    cli_receipts.register(sub)
    cli_release.register(sub)
    cli_users.register(sub)
    collision_cli.register(sub)  # issue 16: collide, lead, standard, cards
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
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `county … | head`: the reader left; say nothing more, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        while _opened:
            _opened.pop().dispose()


if __name__ == "__main__":  # pragma: no cover
    # Under `python -m county.cli` this file runs as __main__ while the command
    # modules import county.cli, a second copy: run that copy's main, which
    # catches the CliError class the commands raise (one line, not a traceback).
    from county.cli import main as _main

    sys.exit(_main())
