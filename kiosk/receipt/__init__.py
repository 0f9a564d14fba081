"""The printed receipt: its content, its QR signature and its layout, one module each.

- :mod:`.model` — the receipt as data: :func:`build_receipt` turns a lookup
  result plus what the card says into a :class:`Receipt` (the long-history
  policy lives here).
- :mod:`.signature` — the HMAC signature in the QR code's URL, which the county
  checks with the same key (:func:`verify_receipt_url`, county/receipts.py).
- :mod:`.layout` — the receipt laid out as blocks (text, rows, rules, a QR
  code) that a renderer draws without knowing Chinese: every word a villager
  reads on paper is written there; ``drivers/printer`` only draws blocks.

Pure functions and frozen dataclasses, no I/O and no database: printer drivers
and the county import this package. The names below are re-exported so that
``from kiosk.receipt import …`` keeps working.
"""

from __future__ import annotations

from kiosk.receipt.layout import Align, Block, Gap, QrCode, Row, Rule, Size, Text, receipt_blocks
from kiosk.receipt.model import (
    HOTLINE,
    Receipt,
    ReceiptLine,
    ReceiptPolicy,
    ReceiptYear,
    build_receipt,
)
from kiosk.receipt.signature import (
    ReceiptError,
    ReceiptSignatureError,
    ReceiptUrlError,
    ReceiptVersionError,
    VerifiedReceipt,
    receipt_key,
    sign_receipt,
    verify_receipt_url,
)

__all__ = [
    "HOTLINE",
    "Align",
    "Block",
    "Gap",
    "QrCode",
    "Receipt",
    "ReceiptError",
    "ReceiptLine",
    "ReceiptPolicy",
    "ReceiptSignatureError",
    "ReceiptUrlError",
    "ReceiptVersionError",
    "ReceiptYear",
    "Row",
    "Rule",
    "Size",
    "Text",
    "VerifiedReceipt",
    "build_receipt",
    "receipt_blocks",
    "receipt_key",
    "sign_receipt",
    "verify_receipt_url",
]
