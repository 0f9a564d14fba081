"""`kiosk` entry point: common options, then the command groups.

Command groups register themselves through the ``village_kiosk.kiosk_commands``
entry-point group (see pyproject.toml), each a ``register(subparsers)``
function. That keeps this core package free of imports from ``drivers/`` and
``ui/``: they plug their commands (``kiosk idcard``, ``kiosk demo`` …) in from
the outside. A group whose optional dependencies are missing is still listed
and says what is missing when run.

Start-up time matters (clerks, scripts, the updater's health checks and the
sync daemon all start `kiosk`): only the group the command line names is
loaded, and every group's module imports only ``argparse``-level code at the
top, leaving SQLAlchemy, Qt and the drivers to its handlers. `kiosk --help`
loads every group, still without them (a test checks ``sys.modules``).
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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every installed command group, or with only the group
    named ``command`` when one is installed under that name."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="village-kiosk terminal: benefit lookup, complaints, receipts")
    parser.add_argument("--version", action="version", version=f"village-kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    groups = sorted(entry_points(group=GROUP), key=lambda e: e.name)
    if any(ep.name == command for ep in groups):
        groups = [ep for ep in groups if ep.name == command]
    for ep in groups:
        try:
            register = ep.load()
        except ImportError as exc:
            register = _missing_group(ep.name, exc)
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `kiosk`; returns the process exit code (0 ok, 1 failure, 2 usage)."""
    words = list(sys.argv[1:] if argv is None else argv)
    # The top-level parser has only options without values: the first word that is
    # not an option names the group. Unknown names load every group (for the error).
    command = next((w for w in words if not w.startswith("-")), None)
    parser = build_parser(command)
    args = parser.parse_args(words)
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

