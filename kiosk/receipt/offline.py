"""The receipt as text a phone shows offline: the QR code on the screen when printing fails.

A printed receipt's QR code is a link to the county server (:mod:`.signature`),
which a villager's phone cannot reach from most villages. When the printer is
out of paper, the screen's QR code carries the receipt itself instead: a few
lines of plain text that any phone's scanner shows without a network — the
holder's name masked, the masked ID number, each recent year's totals, the data
time and the same signature as the printed receipt's link, so that the county
can still tell a genuine one from a forgery (:func:`verify_offline_text`,
``county verify-receipt --text``).

Pure functions, standard library only.
"""

from __future__ import annotations

import hmac

from kiosk.money import format_yuan
from kiosk.receipt.model import Receipt
from kiosk.receipt.signature import (
    ReceiptSignatureError,
    ReceiptUrlError,
    VerifiedReceipt,
    sign_receipt,
)
from kiosk.timefmt import format_local

__all__ = ["MAX_YEARS", "mask_name", "offline_text", "verify_offline_text"]

#: Years listed (newest first): enough for a villager, small enough for a QR code that a
#: cheap phone reads from a screen (about 330 bytes: version 12 at error correction L).
MAX_YEARS = 3

_TITLE = "惠民资金凭条"
_FIELDS = {"receipt_id": "凭条号", "terminal_id": "终端", "masked_id": "身份证",
           "total": "合计已发", "signature": "校验码"}


def mask_name(name: str) -> str:
    """The name as a stranger may read it: 谭开生 → 谭*生, 李四 → 李*, 欧阳小明 → 欧**明."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def _yuan(fen: int) -> str:
    return format_yuan(fen, symbol=False) + "元"


def offline_text(receipt: Receipt, *, max_years: int = MAX_YEARS) -> str:
    """The receipt as lines of plain text (see the module docstring)."""
    lines = [_TITLE, f"{mask_name(receipt.holder_name)}  {_FIELDS['masked_id']} "
             f"{receipt.masked_id}"]
    for year in receipt.years[:max_years]:
        line = f"{year.year}年 已发{_yuan(year.paid_fen)}"
        if year.pending_fen:
            line += f" 待发{_yuan(year.pending_fen)}"
        if year.returned_fen:
            line += f" 退回{_yuan(year.returned_fen)}"
        lines.append(line)
    if len(receipt.years) > max_years:
        lines.append(f"更早{len(receipt.years) - max_years}年见打印凭条")
    lines.append(f"{_FIELDS['total']} {_yuan(receipt.total_paid_fen)}")
    if receipt.data_as_of is not None:
        lines.append(f"数据时间 {format_local(receipt.data_as_of)}")
    lines += [f"{_FIELDS['receipt_id']} {receipt.receipt_id}",
              f"{_FIELDS['terminal_id']} {receipt.terminal_id}",
              f"{_FIELDS['signature']} {receipt.signature}",
              f"举报电话 {receipt.hotline}"]
    return "\n".join(lines)


def _field(text: str, label: str) -> str:
    found = [line[len(label) + 1:].strip() for line in text.splitlines()
             if line.startswith(label + " ")]
    if len(found) != 1:
        raise ReceiptUrlError(f"receipt text lacks the line {label!r}")
    return found[0]


def _masked_id(text: str) -> str:
    label = _FIELDS["masked_id"]
    for line in text.splitlines()[1:2]:
        if f"  {label} " in line:
            return line.split(f"  {label} ", 1)[1].strip()
    raise ReceiptUrlError(f"receipt text lacks {label!r} on its second line")


def _fen(amount: str) -> int:
    digits = amount.removesuffix("元").replace(",", "")
    yuan, _, cents = digits.partition(".")
    if not (yuan.isascii() and yuan.isdigit() and cents.isascii() and cents.isdigit()
            and len(cents) == 2):
        raise ReceiptUrlError(f"total is not an amount in yuan: {amount!r}")
    return int(yuan) * 100 + int(cents)


def verify_offline_text(text: str, lookup_key: bytes) -> VerifiedReceipt:
    """Check the signature of a receipt's offline text (what :func:`offline_text` wrote).

    Raises :class:`~kiosk.receipt.signature.ReceiptUrlError` (``receipt.bad_url``) if
    a line is missing or malformed and :class:`ReceiptSignatureError`
    (``receipt.bad_signature``) if the total, ID, terminal or receipt id were altered.
    """
    claim = VerifiedReceipt(_field(text, _FIELDS["receipt_id"]),
                            _field(text, _FIELDS["terminal_id"]), _masked_id(text),
                            _fen(_field(text, _FIELDS["total"])))
    expected = sign_receipt(lookup_key, claim.receipt_id, claim.terminal_id, claim.masked_id,
                            claim.total_paid_fen)
    given = _field(text, _FIELDS["signature"])
    if not hmac.compare_digest(expected.encode("ascii"), given.encode("ascii", "replace")):
        raise ReceiptSignatureError("receipt signature does not match")
    return claim
