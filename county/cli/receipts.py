"""`county verify-receipt URL | --text FILE`: is the receipt whose QR code says this genuine?

A printed receipt's QR code is a URL; the one a kiosk shows on screen when its
printer is out of paper is the receipt as text (kiosk.receipt.offline), which a
villager's phone saved: ``--text FILE`` (``-``: standard input) checks that.
"""

from __future__ import annotations

import argparse
import sys

from county.cli.common import CliError, Subparsers, add_db_options, open_db, print_json
from kiosk.textsafe import say

__all__ = ["register"]

#: A receipt's text is a few hundred bytes; more is not a receipt.
_MAX_TEXT = 8192


def register(sub: Subparsers) -> None:
    """Add `verify-receipt`."""
    p = sub.add_parser("verify-receipt",
                       help="check the signature in a receipt's QR code (exit 0: genuine)")
    add_db_options(p, json_output=True)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("url", metavar="URL", nargs="?",
                      help="the URL in a printed receipt's QR code")
    what.add_argument("--text", metavar="FILE",
                      help="a file holding the text of the QR code a kiosk showed on screen "
                           "(- for standard input)")
    p.set_defaults(handler=_verify)


def _read_text(name: str) -> str:
    try:
        if name == "-":
            return sys.stdin.read(_MAX_TEXT)
        with open(name, encoding="utf-8") as handle:
            return handle.read(_MAX_TEXT)
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"cannot read {name}: {exc}") from None


def _verify(args: argparse.Namespace) -> int:
    from county.receipts import check_receipt, check_receipt_text
    from kiosk.money import format_yuan
    from kiosk.receipt import ReceiptError

    try:
        if args.text is not None:
            claim = check_receipt_text(open_db(args), _read_text(args.text))
        else:
            claim = check_receipt(open_db(args), args.url)
    except ReceiptError as exc:
        if args.json:
            print_json({"genuine": False, "code": exc.code, "message": str(exc)})
            return 1
        raise CliError(f"not a genuine receipt: {exc} [{exc.code}]") from None
    if args.json:
        print_json({"genuine": True, "receipt_id": claim.receipt_id,
                    "terminal_id": claim.terminal_id, "masked_id": claim.masked_id,
                    "total_paid_fen": claim.total_paid_fen})
    else:
        say(f"genuine: receipt {claim.receipt_id} from terminal {claim.terminal_id}, "
            f"holder {claim.masked_id}, total paid {format_yuan(claim.total_paid_fen)}")
    return 0
