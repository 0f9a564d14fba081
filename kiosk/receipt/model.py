"""The printed receipt as data: what one card holder's receipt says.

Pure functions and frozen dataclasses, no I/O. :func:`build_receipt` turns a
lookup result plus what the card says (holder name, masked ID) into a
:class:`Receipt`, signed for its QR code (:mod:`kiosk.receipt.signature`).

Long histories: the most recent years are printed line by line, older years
as one line each (year, number of payments, amount paid) — see
:class:`ReceiptPolicy` and docs/printing.md. A household with twenty years of
payments thus prints at most ``max_detail_lines`` payment lines plus one line
a year.

This module deliberately does not import ``kiosk.lookup`` (which needs
SQLAlchemy): printer drivers import the receipt package and must stay free of
the store. Lookup results are accepted structurally.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from kiosk.receipt.signature import receipt_url, sign_receipt
from kiosk.timefmt import to_local

__all__ = [
    "HOTLINE",
    "Receipt",
    "ReceiptLine",
    "ReceiptPolicy",
    "ReceiptYear",
    "build_receipt",
]

#: The national 12388 discipline-inspection reporting hotline, on every receipt.
HOTLINE = "12388"


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
    complaint_query_code: str = ""
    """Six digits printed beside the complaint ticket: ticket + code follow the
    complaint at any terminal of the county (查询投诉), no ID card needed."""
    signature: str = ""
    """The HMAC in ``verify_url`` (kiosk.receipt.signature), also in the offline text."""

    @property
    def line_count(self) -> int:
        """Number of payment lines printed in full."""
        return sum(len(y.lines) for y in self.years)


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
                  complaint_query_code: str = "",
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
    url = receipt_url(verify_base_url, receipt_id, terminal_id, masked_id, total, signature)
    return Receipt(receipt_id, terminal_id, village, township, county, printed_at,
                   result.as_of, holder_name, masked_id, years, total, complaint_ticket, url,
                   complaint_query_code=complaint_query_code if complaint_ticket else "",
                   signature=signature)
