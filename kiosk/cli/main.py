"""`kiosk` entry point: common options, then the command groups.

Command groups register themselves through the ``village_kiosk.kiosk_commands``
entry-point group (see pyproject.toml), each a ``register(subparsers)``
function. That keeps this core package free of imports from ``drivers/`` and
``ui/``: they plug their commands (``kiosk idcard``, ``kiosk demo`` …) in from
the outside. A group whose optional dependencies are missing is still listed
and says what is missing when run.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points

from kiosk import __version__
from kiosk.cli.common import CliError, Handler, Subparsers
from kiosk.textsafe import say

__all__ = ["build_parser", "main"]

log = logging.getLogger("kiosk.cli")
GROUP = "village_kiosk.kiosk_commands"


def _missing_group(name: str, error: Exception) -> Callable[[Subparsers], None]:
    def register(sub: Subparsers) -> None:
        parser = sub.add_parser(name, help=f"(unavailable: {error})")
        parser.add_argument("rest", nargs=argparse.REMAINDER)

        def run(_args: argparse.Namespace) -> int:
            raise CliError(f"`kiosk {name}` is unavailable here: {error}")

        parser.set_defaults(handler=run)

    return register


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every installed command group."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="village-kiosk terminal: benefit lookup, complaints, receipts")
    parser.add_argument("--version", action="version", version=f"village-kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        try:
            register = ep.load()
        except ImportError as exc:
            register = _missing_group(ep.name, exc)
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `kiosk`; returns the process exit code (0 ok, 1 failure, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except CliError as exc:
        say(f"kiosk: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

