"""`county verify-receipt URL`: is the receipt whose QR code says URL genuine?"""

from __future__ import annotations

import argparse

from county.cli.common import CliError, Subparsers, add_db_options, open_db, print_json
from kiosk.textsafe import say

__all__ = ["register"]


def register(sub: Subparsers) -> None:
    """Add `verify-receipt`."""
    p = sub.add_parser("verify-receipt",
                       help="check the signature in a receipt's QR code (exit 0: genuine)")
    add_db_options(p, json_output=True)
    p.add_argument("url", metavar="URL", help="the text of the receipt's QR code")
    p.set_defaults(handler=_verify)


def _verify(args: argparse.Namespace) -> int:
    from county.receipts import check_receipt
    from kiosk.money import format_yuan
    from kiosk.receipt import ReceiptError

    try:
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
