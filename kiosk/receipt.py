"""The printed receipt as data: content, layout blocks and the QR signature.

Pure functions and frozen dataclasses, no I/O. :func:`build_receipt` turns a
lookup result plus what the card says (holder name, masked ID) into a
:class:`Receipt`; :func:`receipt_blocks` lays it out as a list of simple
blocks (text, a row with a right-aligned amount, a rule, a QR code) that any
renderer can draw without knowing Chinese: every word a villager reads is
written here, the printer driver (``drivers/printer``) only draws blocks.

Long histories: the most recent years are printed line by line, older years
as one line each (year, number of payments, amount paid) — see
:class:`ReceiptPolicy` and docs/printing.md. A household with twenty years of
payments thus prints at most ``max_detail_lines`` payment lines plus one line
a year.

The QR code carries a URL with the receipt id, terminal id, masked ID and the
total paid, signed with an HMAC whose key is derived from the enrollment's
lookup key (the county holds the same key, so it can check a receipt offline
with :func:`verify_receipt_url`). This module deliberately does not import
``kiosk.lookup`` (which needs SQLAlchemy): printer drivers import this module
and must stay free of the store. Lookup results are accepted structurally.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, Protocol
from urllib.parse import parse_qs, quote, unquote, urlsplit

from kiosk.money import format_yuan, to_capitals
from kiosk.timefmt import format_local, to_local

__all__ = [
    "HOTLINE",
    "Block",
    "Gap",
    "QrCode",
    "Receipt",
    "ReceiptError",
    "ReceiptLine",
    "ReceiptPolicy",
    "ReceiptYear",
    "Row",
    "Rule",
    "Text",
    "VerifiedReceipt",
    "build_receipt",
    "receipt_blocks",
    "receipt_key",
    "sign_receipt",
    "verify_receipt_url",
]

#: The national 12388 discipline-inspection reporting hotline, on every receipt.
HOTLINE = "12388"
_SIGNATURE_VERSION = "1"
_KEY_LABEL = b"village-kiosk/receipt-signature/v1"


class ReceiptError(ValueError):
    """A receipt URL that cannot be verified; ``code`` is a stable identifier."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{message} [{code}]")
        self.code = code


# ---- input shapes (structural, so this module never imports kiosk.lookup) ----

class _PaymentLike(Protocol):
    @property
    def item_name(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def amount_fen(self) -> int: ...
    @property
    def paid_on(self) -> date: ...
    @property
    def status(self) -> str: ...
    @property
    def household(self) -> bool: ...


class _YearLike(Protocol):
    @property
    def year(self) -> int: ...
    @property
    def total_fen(self) -> int: ...
    @property
    def pending_fen(self) -> int: ...
    @property
    def returned_fen(self) -> int: ...
    @property
    def payments(self) -> Sequence[_PaymentLike]: ...


class _LookupLike(Protocol):
    @property
    def as_of(self) -> datetime | None: ...
    @property
    def years(self) -> Sequence[_YearLike]: ...


# ---- the receipt as data ----

@dataclass(frozen=True)
class ReceiptPolicy:
    """How much of a long history is printed line by line.

    The newest year is always printed in full. Up to ``detail_years`` years
    are printed in full while their payment lines add up to at most
    ``max_detail_lines``; every other year is one summary line.
    """

    detail_years: int = 2
    max_detail_lines: int = 40


@dataclass(frozen=True)
class ReceiptLine:
    """One payment line: item, period, paid date, amount, status."""

    item_name: str
    household: bool
    period: str
    paid_on: date
    amount_fen: int
    status: str
    """``paid`` | ``pending`` | ``returned`` (lookup status codes)."""
    status_label: str


@dataclass(frozen=True)
class ReceiptYear:
    """One year: totals per status, and its lines if printed in full."""

    year: int
    paid_fen: int
    pending_fen: int
    returned_fen: int
    count: int
    lines: tuple[ReceiptLine, ...]
    """Empty when the year is summarised in one line."""

    @property
    def detailed(self) -> bool:
        """True if this year's payments are printed line by line."""
        return bool(self.lines)


@dataclass(frozen=True)
class Receipt:
    """Everything printed on one receipt."""

    receipt_id: str
    terminal_id: str
    village: str
    township: str
    county: str
    printed_at: datetime
    data_as_of: datetime | None
    holder_name: str
    masked_id: str
    years: tuple[ReceiptYear, ...]
    total_paid_fen: int
    complaint_ticket: str | None
    verify_url: str
    hotline: str = HOTLINE

    @property
    def line_count(self) -> int:
        """Number of payment lines printed in full."""
        return sum(len(y.lines) for y in self.years)


def receipt_key(lookup_key: bytes) -> bytes:
    """The receipt-signing key derived from the enrollment's lookup key.

    A derived key keeps the two uses apart: a leaked receipt signature says
    nothing about the ID hashes. Raises ``ValueError`` for an empty key.
    """
    if not lookup_key:
        raise ValueError("lookup key is empty: the terminal is not enrolled")
    return hmac.new(lookup_key, _KEY_LABEL, hashlib.sha256).digest()


def _payload(receipt_id: str, terminal_id: str, masked_id: str, total_fen: int) -> bytes:
    return "|".join(("v" + _SIGNATURE_VERSION, receipt_id, terminal_id, masked_id,
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


def _verify_url(base_url: str, receipt_id: str, terminal_id: str, masked_id: str,
                total_fen: int, signature: str) -> str:
    return (f"{base_url.rstrip('/')}/r/{quote(receipt_id, safe='')}"
            f"?v={_SIGNATURE_VERSION}&tid={quote(terminal_id, safe='')}"
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

    Raises :class:`ReceiptError` with code ``receipt.bad_url`` if the URL is
    not a receipt URL, ``receipt.version`` for an unknown signature version
    and ``receipt.bad_signature`` if the signature does not match (forged or
    altered). Constant-time comparison.
    """
    parts = urlsplit(url)
    segments = parts.path.rstrip("/").split("/")
    query = parse_qs(parts.query, keep_blank_values=True)

    def one(name: str) -> str:
        values = query.get(name)
        if not values or len(values) != 1:
            raise ReceiptError("receipt.bad_url", f"receipt URL lacks parameter {name!r}")
        return values[0]

    if len(segments) < 2 or segments[-2] != "r" or not segments[-1]:
        raise ReceiptError("receipt.bad_url", f"not a receipt URL: {url!r}")
    if one("v") != _SIGNATURE_VERSION:
        raise ReceiptError("receipt.version", f"unknown receipt signature version {one('v')!r}")
    total_text = one("t")
    if not total_text.isascii() or not total_text.isdigit():
        raise ReceiptError("receipt.bad_url", f"total is not a number of fen: {total_text!r}")
    receipt_id = unquote(segments[-1])
    claim = VerifiedReceipt(receipt_id, one("tid"), one("m"), int(total_text))
    expected = sign_receipt(lookup_key, claim.receipt_id, claim.terminal_id, claim.masked_id,
                            claim.total_paid_fen)
    if not hmac.compare_digest(expected.encode("ascii"), one("s").encode("ascii", "replace")):
        raise ReceiptError("receipt.bad_signature", "receipt signature does not match")
    return claim


def _years(result: _LookupLike, labels: Mapping[str, str],
           policy: ReceiptPolicy) -> tuple[ReceiptYear, ...]:
    out: list[ReceiptYear] = []
    budget = policy.max_detail_lines
    for index, year in enumerate(result.years):  # newest first (lookup order)
        count = len(year.payments)
        full = index == 0 or (index < policy.detail_years and count <= budget)
        lines: tuple[ReceiptLine, ...] = ()
        if full:
            budget -= count
            lines = tuple(
                ReceiptLine(p.item_name, p.household, p.period, p.paid_on, p.amount_fen,
                            p.status, labels.get(p.status, p.status))
                for p in year.payments)
        else:
            budget = -1  # once a year is summarised, older years are too
        out.append(ReceiptYear(year.year, year.total_fen, year.pending_fen, year.returned_fen,
                               count, lines))
    return tuple(out)


def build_receipt(result: _LookupLike, *, holder_name: str, masked_id: str,
                  terminal_code: str, terminal_id: str, village: str, township: str,
                  county: str, printed_at: datetime, lookup_key: bytes, verify_base_url: str,
                  status_labels: Mapping[str, str], complaint_ticket: str | None = None,
                  policy: ReceiptPolicy | None = None,
                  signing_key: bytes | None = None) -> Receipt:
    """The receipt for one card holder.

    ``result`` is a :class:`kiosk.lookup.LookupResult` (or anything shaped
    like it); ``holder_name`` and ``masked_id`` come from the card, never
    from the database; ``printed_at`` must be timezone-aware; the receipt id
    is the terminal code plus the Beijing print time to the second.
    ``status_labels`` maps status codes to the words printed (pass
    ``kiosk.lookup.STATUS_LABELS_ZH``). Raises ``ValueError`` for a naive
    ``printed_at`` or an empty lookup key.
    """
    local = to_local(printed_at)
    receipt_id = f"{terminal_code}-{local:%Y%m%d%H%M%S}"
    years = _years(result, status_labels, policy or ReceiptPolicy())
    total = sum(y.paid_fen for y in years)
    signature = sign_receipt(lookup_key, receipt_id, terminal_id, masked_id, total,
                             signing_key=signing_key)
    url = _verify_url(verify_base_url, receipt_id, terminal_id, masked_id, total, signature)
    return Receipt(receipt_id, terminal_id, village, township, county, printed_at,
                   result.as_of, holder_name, masked_id, years, total, complaint_ticket, url)


# ---- layout blocks: what a renderer draws ----

Size = Literal["small", "body", "large", "title"]
Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the paper width."""

    text: str
    size: Size = "body"
    align: Align = "left"
    bold: bool = False


@dataclass(frozen=True)
class Row:
    """``left`` wrapped on the left, ``right`` (an amount) right-aligned on its last line."""

    left: str
    right: str
    size: Size = "body"
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A horizontal line across the paper (``heavy``: thicker, between sections)."""

    heavy: bool = False


@dataclass(frozen=True)
class Gap:
    """Blank space, in lines of body text."""

    lines: float = 0.5


@dataclass(frozen=True)
class QrCode:
    """A QR code, centred, with a caption under it."""

    data: str
    caption: str


Block = Text | Row | Rule | Gap | QrCode


def _year_total_text(year: ReceiptYear) -> str:
    extra = []
    if year.pending_fen:
        extra.append(f"待发放 {format_yuan(year.pending_fen)}")
    if year.returned_fen:
        extra.append(f"被退回 {format_yuan(year.returned_fen)}")
    return "，".join(extra)


def _short_period(period: str, year: int) -> str:
    """``2026年3月`` → ``3月`` under the 2026 heading; ``2026年度`` stays whole."""
    rest = period.removeprefix(f"{year}年")
    return rest if rest != period and rest[:1] in ("第", *"0123456789") else period


def receipt_blocks(receipt: Receipt) -> tuple[Block, ...]:
    """The receipt laid out top to bottom, in Chinese, for any renderer."""
    place = "".join(part for part in (receipt.county, receipt.township, receipt.village) if part)
    blocks: list[Block] = [
        Text("惠民惠农补贴明细", size="title", align="center", bold=True),
        Text(place or "村级便民服务站", align="center"),
        Rule(heavy=True),
        Text(f"姓名：{receipt.holder_name or '—'}", size="large", bold=True),
        Text(f"身份证：{receipt.masked_id}"),
        Text(f"打印时间：{format_local(receipt.printed_at)}", size="small"),
        Text("数据更新：" + (format_local(receipt.data_as_of) if receipt.data_as_of
                           else "尚未同步"), size="small"),
        Text(f"回执编号：{receipt.receipt_id}", size="small"),
        Rule(heavy=True),
    ]
    if not receipt.years:
        blocks.append(Text("没有查到您的补贴发放记录。如果您认为有误，可以在本机投诉，"
                           f"或拨打 {receipt.hotline}。"))
    for year in receipt.years:
        if not year.detailed:
            continue
        blocks.append(Row(f"{year.year}年 已发放", format_yuan(year.paid_fen), size="large",
                          bold=True))
        if extra := _year_total_text(year):
            blocks.append(Text(extra, size="small"))
        # One heading per item, then one row per payment: a monthly benefit
        # costs one printed line a month, not three.
        current = None
        for line in year.lines:
            name = line.item_name + ("（户）" if line.household else "")
            if name != current:
                blocks += [Rule(), Text(name, bold=True)]
                current = name
            period = _short_period(line.period, year.year)
            blocks.append(Row(f"{period}  {line.paid_on:%m-%d}  {line.status_label}",
                              format_yuan(line.amount_fen)))
        blocks.append(Rule(heavy=True))
    older = [y for y in receipt.years if not y.detailed]
    if older:
        blocks.append(Text("往年合计（每年一行，明细请在屏幕上查看）", size="small"))
        for year in older:
            blocks.append(Row(f"{year.year}年 共{year.count}笔", format_yuan(year.paid_fen)))
            if extra := _year_total_text(year):
                blocks.append(Text(extra, size="small"))
        blocks.append(Rule(heavy=True))
    if receipt.years:
        first, last = receipt.years[-1].year, receipt.years[0].year
        span = f"{first}–{last}年" if first != last else f"{last}年"
        blocks += [
            Text(f"{span}已发放合计", bold=True),
            Text(format_yuan(receipt.total_paid_fen), size="title", align="right", bold=True),
            Text(f"大写：{to_capitals(receipt.total_paid_fen)}", bold=True),
            Rule(heavy=True),
        ]
    if receipt.complaint_ticket:
        blocks += [
            Text(f"投诉受理号：{receipt.complaint_ticket}", size="large", bold=True),
            Text("凭此号可在本机查询办理结果。", size="small"),
            Rule(),
        ]
    blocks += [
        Text(f"发现问题请拨打监督举报电话 {receipt.hotline}", bold=True),
        Gap(0.3),
        QrCode(receipt.verify_url, "扫码核验本回执真伪"),
        Gap(1.0),
    ]
    return tuple(blocks)
