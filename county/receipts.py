"""Is this receipt genuine? The county checks the HMAC in a receipt's QR code.

The terminal signs each receipt with a key derived from the county lookup
key (kiosk.receipt); the county holds that key, so it can vouch for a
receipt without any record of it: who (masked ID), which terminal, what
total. A phone scanning the QR code opens ``/r/{receipt_id}?…`` on this
server and gets a plain page saying so.
"""

from __future__ import annotations

from html import escape

from sqlalchemy import Engine

from county.state import lookup_key
from kiosk.money import format_yuan
from kiosk.receipt import ReceiptError, VerifiedReceipt, verify_receipt_url
from kiosk.receipt.offline import verify_offline_text

__all__ = ["check_receipt", "check_receipt_text", "receipt_page"]


def check_receipt(engine: Engine, url: str) -> VerifiedReceipt:
    """Verify a receipt URL with the county key.

    Raises :class:`kiosk.receipt.ReceiptError` (``receipt.bad_url``,
    ``receipt.version``, ``receipt.bad_signature``) if it is not genuine.
    """
    with engine.begin() as conn:
        key = lookup_key(conn)
    return verify_receipt_url(url, key)


def check_receipt_text(engine: Engine, text: str) -> VerifiedReceipt:
    """Verify the offline text of a receipt (the screen's QR code when printing failed).

    Raises :class:`kiosk.receipt.ReceiptError` like :func:`check_receipt`.
    """
    with engine.begin() as conn:
        key = lookup_key(conn)
    return verify_offline_text(text, key)


def receipt_page(claim: VerifiedReceipt | None, error: ReceiptError | None) -> str:
    """A small HTML page for a phone: genuine (with what it vouches for) or not."""
    if claim is not None:
        title, colour = "这张凭条是真的", "#1B5E20"
        body = (f"<p>凭条编号：{escape(claim.receipt_id)}</p>"
                f"<p>终端：{escape(claim.terminal_id)}</p>"
                f"<p>身份证：{escape(claim.masked_id)}</p>"
                f"<p>已发放合计：<b>{escape(format_yuan(claim.total_paid_fen))}</b></p>"
                "<p>请核对凭条上的金额与这里是否一致。</p>")
    else:
        title, colour = "无法证明这张凭条是真的", "#A31F1A"
        reason = "内容被改动过或不是本县终端打印的" if error and \
            error.code == "receipt.bad_signature" else "二维码内容不完整"
        body = (f"<p>{reason}。</p><p>如有疑问，请拨打监督举报电话 12388。</p>"
                f"<p style='color:#555'>({escape(error.code if error else 'unknown')})</p>")
    return ("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{title}</title></head>"
            "<body style='font-family:sans-serif;font-size:22px;margin:24px'>"
            f"<h1 style='color:{colour}'>{title}</h1>{body}</body></html>")
