"""The receipt's QR signature: an HMAC over what the receipt vouches for, in a URL.

The QR code carries a URL with the receipt id, terminal id, masked ID and the
total paid, signed with an HMAC whose key is derived from the enrollment's
lookup key. The county holds the same key, so it checks a receipt offline
with :func:`verify_receipt_url` (county/receipts.py); the terminal signs with
:func:`sign_receipt` when it builds a receipt (:mod:`kiosk.receipt.model`).
Standard library only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

from kiosk.errors import KioskError

__all__ = [
    "SIGNATURE_VERSION",
    "ReceiptError",
    "ReceiptSignatureError",
    "ReceiptUrlError",
    "ReceiptVersionError",
    "VerifiedReceipt",
    "receipt_key",
    "receipt_url",
    "sign_receipt",
    "verify_receipt_url",
]

SIGNATURE_VERSION = "1"
_KEY_LABEL = b"village-kiosk/receipt-signature/v1"


class ReceiptError(KioskError, ValueError):
    """A receipt URL that cannot be verified; ``code`` is a stable identifier."""

    code = "receipt.error"


class ReceiptUrlError(ReceiptError):
    """Not a receipt URL: a parameter missing or repeated, a total that is not fen."""

    code = "receipt.bad_url"


class ReceiptVersionError(ReceiptError):
    """A receipt URL signed with a signature version this software does not know."""

    code = "receipt.version"


class ReceiptSignatureError(ReceiptError):
    """The signature does not match what the URL claims: forged or altered."""

    code = "receipt.bad_signature"


def receipt_key(lookup_key: bytes) -> bytes:
    """The receipt-signing key derived from the enrollment's lookup key.

    A derived key keeps the two uses apart: a leaked receipt signature says
    nothing about the ID hashes. Raises ``ValueError`` for an empty key.
    """
    if not lookup_key:
        raise ValueError("lookup key is empty: the terminal is not enrolled")
    return hmac.new(lookup_key, _KEY_LABEL, hashlib.sha256).digest()


def _payload(receipt_id: str, terminal_id: str, masked_id: str, total_fen: int) -> bytes:
    return "|".join(("v" + SIGNATURE_VERSION, receipt_id, terminal_id, masked_id,
                     str(total_fen))).encode("utf-8")


def sign_receipt(lookup_key: bytes, receipt_id: str, terminal_id: str, masked_id: str,
                 total_fen: int, *, signing_key: bytes | None = None) -> str:
    """The URL-safe signature (128-bit truncated HMAC-SHA256, 22 characters).

    ``signing_key``: the receipt key itself (a village terminal holds it, not
    the lookup key it is derived from); otherwise derived from ``lookup_key``.
    """
    mac = hmac.new(signing_key or receipt_key(lookup_key),
                   _payload(receipt_id, terminal_id, masked_id, total_fen),
                   hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")


def receipt_url(base_url: str, receipt_id: str, terminal_id: str, masked_id: str,
                total_fen: int, signature: str) -> str:
    """The URL the receipt's QR code carries (``{base_url}/r/{receipt_id}?v=…&s=…``)."""
    return (f"{base_url.rstrip('/')}/r/{quote(receipt_id, safe='')}"
            f"?v={SIGNATURE_VERSION}&tid={quote(terminal_id, safe='')}"
            f"&m={quote(masked_id, safe='*')}&t={total_fen}&s={signature}")


@dataclass(frozen=True)
class VerifiedReceipt:
    """What a genuine receipt's QR code vouches for."""

    receipt_id: str
    terminal_id: str
    masked_id: str
    total_paid_fen: int


def verify_receipt_url(url: str, lookup_key: bytes) -> VerifiedReceipt:
    """Check the signature in a receipt's QR URL.

    Raises :class:`ReceiptUrlError` (code ``receipt.bad_url``) if the URL is
    not a receipt URL, :class:`ReceiptVersionError` (``receipt.version``) for
    an unknown signature version and :class:`ReceiptSignatureError`
    (``receipt.bad_signature``) if the signature does not match (forged or
    altered); all are :class:`ReceiptError`. Constant-time comparison.
    """
    parts = urlsplit(url)
    segments = parts.path.rstrip("/").split("/")
    query = parse_qs(parts.query, keep_blank_values=True)

    def one(name: str) -> str:
        values = query.get(name)
        if not values or len(values) != 1:
            raise ReceiptUrlError(f"receipt URL lacks parameter {name!r}")
        return values[0]

    if len(segments) < 2 or segments[-2] != "r" or not segments[-1]:
        raise ReceiptUrlError(f"not a receipt URL: {url!r}")
    if one("v") != SIGNATURE_VERSION:
        raise ReceiptVersionError(f"unknown receipt signature version {one('v')!r}")
    total_text = one("t")
    if not total_text.isascii() or not total_text.isdigit():
        raise ReceiptUrlError(f"total is not a number of fen: {total_text!r}")
    receipt_id = unquote(segments[-1])
    claim = VerifiedReceipt(receipt_id, one("tid"), one("m"), int(total_text))
    expected = sign_receipt(lookup_key, claim.receipt_id, claim.terminal_id, claim.masked_id,
                            claim.total_paid_fen)
    if not hmac.compare_digest(expected.encode("ascii"), one("s").encode("ascii", "replace")):
        raise ReceiptSignatureError("receipt signature does not match")
    return claim
