"""What every `kiosk` subcommand shares: --config/--db, logging, error exits.

Imported by every command group when `kiosk` starts, so it imports nothing
heavy itself (SQLAlchemy only when a command opens the store).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from kiosk import clock
from kiosk.config import Config, ConfigError, load_config
from kiosk.logs import setup_logging
from kiosk.textsafe import safe_json

if TYPE_CHECKING:
    from sqlalchemy import Engine

from kiosk.errors import KioskError

__all__ = [
    "CliError",
    "Handler",
    "Subparsers",
    "add_common_options",
    "add_today_option",
    "apply_today",
    "load_cli_config",
    "open_cli_store",
    "pad",
    "print_json",
]

Handler: TypeAlias = Callable[[argparse.Namespace], int]
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class CliError(KioskError):
    """A failure to report as one line on stderr, with an exit code."""

    code = "cli.failed"

    def __init__(self, message: str, *, exit_code: int = 1, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.exit_code = exit_code


def add_common_options(parser: argparse.ArgumentParser, *, db: bool = True) -> None:
    """Add ``--config FILE`` (and ``--db FILE`` unless ``db=False``)."""
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="config file (default: $VILLAGE_KIOSK_CONFIG, then "
                             "/etc/village-kiosk/kiosk.toml, then built-in defaults)")
    if db:
        parser.add_argument("--db", type=Path, metavar="FILE",
                            help="SQLite database (overrides store.path from the config)")


def add_today_option(parser: argparse.ArgumentParser, *, help: str | None = None) -> None:
    """Add ``--today YYYY-MM-DD``: the demo's reference date (default: today)."""
    parser.add_argument("--today", type=clock.parse_day, metavar="YYYY-MM-DD",
                        help=help or "run the demo as if today were this day (Beijing): its "
                                     "payments, notices and complaint replies are dated "
                                     "relative to it (default: today)")


def apply_today(args: argparse.Namespace) -> None:
    """Move this process's clock to ``--today`` if it was given (time of day kept)."""
    if getattr(args, "today", None) is not None:
        clock.set_today(args.today)


def load_cli_config(args: argparse.Namespace) -> Config:
    """Load the config named by ``--config``, apply ``--db``, set up logging.

    Raises :class:`CliError` with the config error's one-line message.
    """
    try:
        config = load_config(getattr(args, "config", None))
    except ConfigError as exc:
        raise CliError(f"bad config: {exc}") from None
    config = config.with_db(getattr(args, "db", None))
    setup_logging(config.log.level, config.log.file)
    return config


def open_cli_store(config: Config, *, migrate: bool = True) -> Engine:
    """Open the configured store, turning store errors into :class:`CliError`."""
    from kiosk.store import StoreError, open_store  # SQLAlchemy: only for commands that use it

    try:
        return open_store(config.store.path, busy_timeout_ms=config.store.busy_timeout_ms,
                          migrate=migrate)
    except StoreError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None


def print_json(data: Any) -> None:
    """Print ``data`` as UTF-8 JSON (Chinese unescaped) on stdout, with no character left
    raw that could drive a terminal (kiosk.textsafe.safe_json)."""
    sys.stdout.write(safe_json(data) + "\n")


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (CJK characters take two),
    on the right or, with ``right``, on the left."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    fill = " " * max(0, width - used)
    return fill + text if right else text + fill
