"""The synced records: what a terminal holds, as they travel on the wire.

Field names and types mirror the terminal's tables (kiosk/store/models.py)
one to one, so the daemon can insert ``record.model_dump()`` as is. Money is
integer fen, dates are ISO ``YYYY-MM-DD``, timestamps ISO 8601 with offset.
No record carries a plaintext ID number, and none but a public roll entry
(:class:`RollEntryRecord`, sent only to the terminals of its own village)
carries a payee's name: people are known by ``id_hash`` (HMAC-SHA256 of the
normalised number with the county lookup key, kiosk.identity.id_hash).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ENTITIES",
    "BenefitItemRecord",
    "Entity",
    "HouseholdMemberRecord",
    "IdHash",
    "NoticeRecord",
    "PaymentRecord",
    "PowerRecord",
    "RollEntryRecord",
    "SettingRecord",
    "WireModel",
]

#: An ``id_hash``: 64 lower-case hex characters.
IdHash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", examples=["9f86d08…"])]

PaymentStatus = Literal["paid", "pending", "returned"]
NoticeKind = Literal["政策", "村务公开", "村级财务", "公示"]
NoticeScope = Literal["village", "township", "county"]

#: The synced tables, by their terminal table names (also the tombstone ``entity``).
Entity = Literal["payment", "household_member", "benefit_item", "notice", "setting",
                 "ledger_entry"]
ENTITIES: tuple[Entity, ...] = ("benefit_item", "setting", "notice", "household_member",
                                "payment", "ledger_entry")


class WireModel(BaseModel):
    """Base of every wire body: unknown fields are ignored (forward compatible).

    A newer peer may add optional fields; an older one drops them instead of
    failing. Removing or retyping a field needs a new API version.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)


class PaymentRecord(WireModel):
    """One benefit payment (terminal table ``payment``)."""

    id: int = Field(ge=1, description="server id, the terminal's primary key")
    id_hash: IdHash
    household_id: str = Field(default="", max_length=40)
    item_code: str = Field(max_length=32)
    period: str = Field(default="", max_length=40, examples=["2026年10月"])
    amount_fen: int = Field(ge=0, description="amount in fen (1 yuan = 100 fen)")
    paid_on: date
    status: PaymentStatus = "paid"
    department: str = Field(default="", max_length=100)
    fund_source: str = Field(default="", max_length=100)
    batch: str = Field(default="", max_length=60)
    updated_at: datetime


class HouseholdMemberRecord(WireModel):
    """Which household a person belongs to (terminal table ``household_member``)."""

    id_hash: IdHash
    household_id: str = Field(max_length=40)
    updated_at: datetime


class BenefitItemRecord(WireModel):
    """A benefit item of the county catalogue (terminal table ``benefit_item``)."""

    code: str = Field(max_length=32)
    name: str = Field(max_length=100)
    category: str = Field(default="", max_length=40)
    department: str = Field(default="", max_length=100)
    scope: Literal["person", "household"] = "person"
    standard: str = ""
    policy: str = ""
    updated_at: datetime


class NoticeRecord(WireModel):
    """A notice for the terminal's screens (terminal table ``notice``)."""

    id: int = Field(ge=1)
    kind: NoticeKind
    title: str = Field(max_length=200)
    body: str = ""
    scope: NoticeScope = "village"
    published_on: date
    expires_on: date | None = None
    updated_at: datetime


class SettingRecord(WireModel):
    """A pushed setting (terminal table ``setting``); the value in force for this terminal."""

    key: str = Field(max_length=100)
    value: str
    version: int = Field(ge=0, description="grows whenever the value in force changes")
    updated_at: datetime


class RollEntryRecord(WireModel):
    """One payment on the village's public roll (公示花名册; terminal table ``roll_entry``).

    Only a terminal of the payment's own village receives it, and only while
    the item is public and ``public_until`` has not passed. No ID number, no
    ``id_hash``: the name is what the roll shows.
    """

    id: int = Field(ge=1, description="the payment's server id")
    item_code: str = Field(max_length=32)
    name: str = Field(min_length=1, max_length=60)
    amount_fen: int = Field(ge=0)
    period: str = Field(default="", max_length=40)
    village_group: str = Field(default="", max_length=60, description="组 / 村民小组")
    household_size: int | None = Field(default=None, ge=0, le=99, description="家庭人口")
    paid_on: date
    public_until: date = Field(description="last day on the roll (inclusive)")
    updated_at: datetime


class PowerRecord(WireModel):
    """A village-level power of the micro-power list (小微权力清单; terminal table ``power``).

    ``body`` is a JSON object: ``steps`` (list of ``{"title", "detail"}``),
    ``decides``, ``time_limit``, ``documents`` (list of text), ``complain``, optional
    ``items`` (benefit item codes applied for through this power: the item's page links
    to it) (kiosk/powers.py reads it; unknown keys are ignored).
    """

    code: str = Field(max_length=32)
    name: str = Field(max_length=100)
    position: int = Field(default=0, ge=0)
    body: str = Field(default="{}", max_length=20000)
    updated_at: datetime
