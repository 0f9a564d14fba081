"""What every `county` command group shares: the error, the options, the database, output.

Light on purpose: `county --help` imports this module and every command
group, so nothing here imports SQLAlchemy, pydantic or the database layer at
module level.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from county.errors import CountyError
from kiosk.textsafe import safe_json

if TYPE_CHECKING:  # the database layer loads only when a subcommand opens it
    from sqlalchemy import Engine

    from county.config import CountyConfig
    from county.plainread import PlainDb

__all__ = ["CliError", "Handler", "Subparsers", "actor_name", "add_config_option",
           "add_db_options", "check_config", "close_opened", "county_config", "database_url",
           "local_time", "open_db", "open_listing_db", "parse_date", "print_json",
           "read_text_file", "replica_url"]

Handler: TypeAlias = Callable[[argparse.Namespace], int]
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class CliError(CountyError):
    """A failure reported as one line on stderr with exit code 1 (the message as it is)."""

    code = "cli.failed"


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--config FILE`` to a subcommand (every `county` subcommand takes it)."""
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="TOML file with a [county] table (db = URL)")


def county_config(args: argparse.Namespace) -> CountyConfig:
    """The ``[county]`` table of ``--config`` (every key None without the option), checked by
    :func:`county.config.load_county_config`; raises :class:`CliError` for a bad file."""
    from county.config import CountyConfigError, load_county_config

    try:
        return load_county_config(getattr(args, "config", None))
    except CountyConfigError as exc:
        raise CliError(str(exc)) from None


def check_config(args: argparse.Namespace) -> None:
    """Read ``--config`` (if given) and raise :class:`CliError` if it is unreadable or wrong,
    for subcommands that use no value of it but must not ignore a broken file."""
    county_config(args)


def add_db_options(parser: argparse.ArgumentParser, *, json_output: bool = False) -> None:
    """Add ``--config FILE``, ``--db URL`` (and ``--json``) to a subcommand."""
    add_config_option(parser)
    parser.add_argument("--db", metavar="URL",
                        help="database URL: sqlite:///county.db (default) or "
                             "postgresql+psycopg://user:pass@host/dbname")
    if json_output:
        parser.add_argument("--json", action="store_true", help="print JSON")


def database_url(args: argparse.Namespace) -> str:
    """The database URL from ``--db``, the config, the environment or the default."""
    from county.db_light import default_url  # no SQLAlchemy: a listing may need none

    return str(getattr(args, "db", None) or county_config(args).db or default_url())


#: Where `county serve`'s worker processes find the replica's URL.
REPLICA_ENV = "VILLAGE_COUNTY_DB_REPLICA"


def replica_url(args: argparse.Namespace) -> str | None:
    """The read replica's URL from ``--db-replica``, ``[county] db_replica`` or
    ``$VILLAGE_COUNTY_DB_REPLICA``; None: no replica."""
    return (getattr(args, "db_replica", None) or county_config(args).db_replica
            or os.environ.get(REPLICA_ENV) or None)


#: Engines opened by :func:`open_db` during this run of :func:`county.cli.main.main`.
_opened: list[Engine] = []
#: Connections opened by :func:`open_listing_db` during this run.
_plain_opened: list[PlainDb] = []


def open_db(args: argparse.Namespace, *, app_threads: int | None = None) -> Engine:
    """Open (and migrate) the database the options name; raises :class:`CliError`.
    ``app_threads``: pool sized for an app process (county.db.app_pool_size)."""
    from county.db import DatabaseError, open_county_db

    try:
        engine = open_county_db(database_url(args), app_threads=app_threads)
    except DatabaseError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    _opened.append(engine)  # closed by main(), so an in-process run leaves no connection open
    return engine


def open_listing_db(args: argparse.Namespace) -> PlainDb | Engine:
    """The database the options name, for a read-only listing: a plain DB-API connection
    (county/plainread.py, no SQLAlchemy) when the database is current and its driver is
    one that module reads, else what :func:`open_db` opens. A database that is not
    current is opened through :func:`open_db` first, which migrates it (as any command
    does) or raises :class:`CliError`."""
    from county.plainread import open_plain

    url = database_url(args)
    db = open_plain(url)
    if db is None:
        engine = open_db(args)
        db = open_plain(url)
        if db is None:  # a URL only SQLAlchemy reads (another driver, in memory)
            return engine
    _plain_opened.append(db)
    return db


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


def local_time(moment: datetime | None) -> str:
    """``moment`` in Beijing time for a table, ``-`` for none."""
    from kiosk.timefmt import format_local

    return "-" if moment is None else format_local(moment)


def parse_date(text: str) -> date:
    """An argparse ``type`` for ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def actor_name(args: argparse.Namespace) -> str:
    """Who runs the command (``--by``, else the login name): recorded in the history."""
    if getattr(args, "by", None):
        return str(args.by)[:60]
    try:
        return getpass.getuser()[:60]
    except (KeyError, OSError):  # no passwd entry (a container)
        return f"uid {os.getuid()}"


def close_opened() -> None:
    """Dispose of the engines :func:`open_db` opened (called by ``main`` when a run ends)."""
    while _opened:
        _opened.pop().dispose()
    while _plain_opened:
        _plain_opened.pop().close()


def read_text_file(path: str | Path) -> str:
    """The UTF-8 text of a file named on the command line (``--body-file``, ``--text-file``);
    raises :class:`CliError` for a file that cannot be read or is not UTF-8."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CliError(f"cannot read {path}: not UTF-8 text") from None
