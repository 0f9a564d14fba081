"""The village finance ledger on the wire (issue 17): entries and their voucher images.

A terminal receives only its own village's entries (``changes`` and
``snapshot``, entity ``ledger_entry``; a re-imported month tombstones the
entries it replaces). A voucher image is fetched once, by its hash, from
``GET /api/v1/ledger/images/{sha256}`` (resumable with ``Range``), and is
refused by the terminal unless its size and SHA-256 match the entry's.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from sync.protocol.records import WireModel

__all__ = ["IMAGE_PATH", "MAX_IMAGE_BYTES", "LedgerEntryRecord"]

#: Largest voucher image a terminal accepts (bytes); the county re-encodes to less.
MAX_IMAGE_BYTES = 1024 * 1024
#: Path of a voucher image under the API prefix.
IMAGE_PATH = "/ledger/images/{sha256}"


class LedgerEntryRecord(WireModel):
    """One entry of the village's books (terminal table ``ledger_entry``)."""

    id: int = Field(ge=1, description="server id, the terminal's primary key")
    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", examples=["2026-10"])
    entry_date: date
    summary: str = Field(max_length=200)
    kind: Literal["income", "expense"]
    amount_fen: int = Field(ge=1, description="amount in fen (1 yuan = 100 fen)")
    counterparty: str = Field(default="", max_length=100)
    voucher_no: str = Field(default="", max_length=40)
    image_sha256: str = Field(default="", pattern=r"^([0-9a-f]{64})?$",
                              description="SHA-256 of the voucher image; empty: none")
    image_size: int = Field(default=0, ge=0, description="bytes; a terminal refuses an "
                            "image over MAX_IMAGE_BYTES (the entry itself is kept)")
    updated_at: datetime
