"""`kiosk print test|receipt`: print (or preview) receipts on the configured printer.

Lives in ``ui/`` because it wires the store and lookup (``kiosk/``) to the
printer driver (``drivers/``), which must not know about the store. No Qt is
imported here: the command runs headless. The printer stack (python-escpos,
Pillow) and the store are imported by the handlers, so that `kiosk --help`
starts fast (see :mod:`kiosk.cli.main`).

    kiosk print test [--printer URI] [--preview OUT.png]
    kiosk print receipt ID_NUMBER [--printer URI] [--preview OUT.png]
                       [--name NAME | --card FILE.json] [--ticket T] [--json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import (
    CliError,
    Subparsers,
    add_common_options,
    load_cli_config,
    print_json,
)
from kiosk.textsafe import say

if TYPE_CHECKING:  # the printer stack and the store load only when a command runs
    from drivers.printer.status import PrinterStatus
    from kiosk.config import Config
    from kiosk.receipt import Block, Receipt

__all__ = ["register"]


def register(sub: Subparsers) -> None:
    """Add the `print` command group."""
    group = sub.add_parser("print", help="print a test page or a person's benefits receipt")
    actions = group.add_subparsers(dest="print_command", metavar="ACTION", required=True)

    test = actions.add_parser("test", help="print a test page (fonts, sizes, QR code)")
    _printer_options(test)
    add_common_options(test, db=False)
    test.set_defaults(handler=_test)

    receipt = actions.add_parser("receipt", help="print the benefits receipt for an ID number")
    receipt.add_argument("id_number", metavar="ID_NUMBER", help="18-character resident ID number")
    who = receipt.add_mutually_exclusive_group()
    who.add_argument("--name", default="", help="holder's name as on the card")
    who.add_argument("--card", type=Path, metavar="FILE.json",
                     help="card profile JSON (DESIGN §4): name taken from it")
    receipt.add_argument("--ticket", metavar="TICKET", help="complaint ticket to print")
    receipt.add_argument("--json", action="store_true",
                         help="print what was done as JSON (receipt id, QR URL, printer state)")
    _printer_options(receipt)
    add_common_options(receipt)
    receipt.set_defaults(handler=_receipt)


def _printer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--printer", metavar="URI",
                        help="printer URI (default: printer.uri from the config)")
    parser.add_argument("--preview", type=Path, metavar="OUT.png",
                        help="also save the rendered receipt as a PNG")
    parser.add_argument("--paper", type=int, choices=(80, 58),
                        help="paper width in mm (default: printer.paper_mm)")
    parser.add_argument("--mode", choices=("raster", "text"),
                        help="raster image or GB18030 text (default: printer.mode)")


def _settings(args: argparse.Namespace, config: Config) -> tuple[str | None, int, str]:
    uri = args.printer or config.printer.uri or None
    paper = args.paper or config.printer.paper_mm
    mode = args.mode or config.printer.mode
    if uri is None and args.preview is None:
        raise CliError("no printer: give --printer URI, set printer.uri in the config, "
                       "or save a --preview OUT.png", exit_code=2)
    return uri, paper, mode


def _emit(uri: str | None, paper: int, mode: str, blocks: tuple[Block, ...],
          preview: Path | None, config: Config) -> PrinterStatus | None:
    """Save the preview, print. Raises CliError for printer failures."""
    from drivers.printer.errors import PrinterError
    from drivers.printer.render import ReceiptRenderer, paper_dots
    from drivers.printer.worker import PrinterWorker
    from ui.printing import ReceiptService

    try:
        if preview is not None:
            ReceiptRenderer(paper_dots(paper)).render(blocks).save(preview, format="PNG")
        if uri is None:
            return None
        with PrinterWorker() as worker:
            return worker.call(lambda: ReceiptService.send_blocks(
                config, blocks, uri=uri, paper_mm=paper, mode=mode))
    except PrinterError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    except OSError as exc:
        raise CliError(f"cannot write preview {preview}: {exc.strerror}") from None


def _test(args: argparse.Namespace) -> int:
    from drivers.printer.render import paper_dots
    from ui.printing import test_page_blocks

    config = load_cli_config(args)
    uri, paper, mode = _settings(args, config)
    status = _emit(uri, paper, mode, test_page_blocks(uri or "-", paper_dots(paper)),
                   args.preview, config)
    if args.preview:
        say(f"preview: {args.preview}")
    if uri:
        say(f"printed test page on {uri}: printer {status.state.value if status else '-'}")
    return 0


def _holder_name(args: argparse.Namespace) -> str:
    if args.card is None:
        return str(args.name)
    try:
        profile: Any = json.loads(args.card.read_text(encoding="utf-8"))
        return str(profile["name"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CliError(f"cannot read the name from card profile {args.card}: {exc}") from None


def _build(args: argparse.Namespace, config: Config) -> Receipt:
    from kiosk.cli.lookup import run_lookup
    from kiosk.enrollment import EnrollmentError, load_enrollment
    from kiosk.identity import IdNumberError, mask_id, validate_id
    from ui.printing import ReceiptService

    try:
        enrollment = load_enrollment(config.enrollment.file)
    except EnrollmentError as exc:
        raise CliError(str(exc)) from None
    try:
        number = validate_id(args.id_number)
    except IdNumberError as exc:
        raise CliError(f"{exc} [{exc.code}]", exit_code=2) from None
    result = run_lookup(args, config)  # a current cache: plain sqlite3, no SQLAlchemy
    return ReceiptService(config, enrollment).build(
        result, holder_name=_holder_name(args), masked_id=mask_id(number), ticket=args.ticket)


def _receipt(args: argparse.Namespace) -> int:
    from kiosk.receipt import receipt_blocks
    from kiosk.receipt.offline import offline_text

    config = load_cli_config(args)
    uri, paper, mode = _settings(args, config)
    receipt = _build(args, config)
    status = _emit(uri, paper, mode, receipt_blocks(receipt), args.preview, config)
    if args.json:
        print_json({
            "receipt_id": receipt.receipt_id,
            "verify_url": receipt.verify_url,
            "offline_text": offline_text(receipt),
            "total_paid_fen": receipt.total_paid_fen,
            "lines": receipt.line_count,
            "printer": uri,
            "printer_state": status.state.value if status else None,
            "preview": str(args.preview) if args.preview else None,
        })
        return 0
    if args.preview:
        say(f"preview: {args.preview}")
    if uri:
        say(f"printed receipt {receipt.receipt_id} on {uri}: printer "
            f"{status.state.value if status else '-'}")
    return 0
