"""Request and response bodies of the sync API (``/api/v1``), and the error body.

Requests are strict (unknown fields refused with ``request.invalid``) so a
typo on the terminal side shows up in tests, not as silently lost data;
responses inherit :class:`~sync.protocol.records.WireModel`'s tolerance so
an older terminal keeps working against a newer server.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from sync.protocol.ledger import LedgerEntryRecord
from sync.protocol.progress import ComplaintProgress
from sync.protocol.projects import ProjectRecord
from sync.protocol.records import (
    BenefitItemRecord,
    Entity,
    HouseholdMemberRecord,
    IdHash,
    NoticeRecord,
    PaymentRecord,
    PowerRecord,
    RollEntryRecord,
    SettingRecord,
    WireModel,
)

__all__ = [
    "COMPLAINT_CATEGORIES",
    "MAX_COMPLAINT_TEXT",
    "Action",
    "Category",
    "ChangesPage",
    "ComplaintAnswer",
    "ComplaintConcerns",
    "ComplaintReply",
    "ComplaintSubmission",
    "DeviceState",
    "EnrollRequest",
    "EnrollResponse",
    "ErrorBody",
    "ErrorDetail",
    "HeartbeatAnswer",
    "HeartbeatRequest",
    "PersonKdfWire",
    "ReleaseInfo",
    "RequestModel",
    "SnapshotLine",
    "Tombstone",
    "UpdateReport",
    "UpdateResult",
]

#: Complaint category codes: the values of kiosk.complaints.Reason (a test keeps them equal;
#: this module cannot import kiosk.complaints, which pulls in the terminal store).
COMPLAINT_CATEGORIES = ("not_received", "wrong_amount", "impersonated", "not_mine", "conduct",
                        "other")
Category = Literal["not_received", "wrong_amount", "impersonated", "not_mine", "conduct", "other"]
#: Longest complaint text (characters), as kiosk.complaints.MAX_TEXT_CHARS.
MAX_COMPLAINT_TEXT = 2000

_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
_LATEST = datetime(2100, 1, 1, tzinfo=UTC)

DeviceState = Annotated[str, Field(max_length=40, examples=["ready", "paper_out", "absent"])]


class RequestModel(BaseModel):
    """Base of request bodies: unknown fields are an error.

    Text must be storable as is: no NUL characters (PostgreSQL refuses them)
    and no lone surrogates (not encodable as UTF-8).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*")
    @classmethod
    def _storable_text(cls, value: object) -> object:
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                _check_storable(text)
        return value


def _check_storable(value: str) -> None:
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text is not valid Unicode (lone surrogate)") from None


# --- enrollment -----------------------------------------------------------------------------

class EnrollRequest(RequestModel):
    """``POST /api/v1/enroll``: trade a one-time code for the terminal's credentials."""

    code: str = Field(min_length=4, max_length=32, examples=["K7QF-9XMP"])
    version: str = Field(default="", max_length=40, description="terminal software version")
    terminal_code: str = Field(
        default="", pattern=r"^([A-Z0-9]{2,12})?$", examples=["QS01"],
        description="the terminal's `[terminal] code`, which its ticket numbers carry: "
                    "bound to this terminal from now on (empty: older terminals)")


class PersonKdfWire(WireModel):
    """A village's person-key derivation (kiosk/person_key.py): scrypt over the ID number."""

    scheme: Literal["scrypt"] = "scrypt"
    salt: str = Field(description="base64, ≥ 16 bytes, one per village")
    n: int = Field(ge=2, le=1 << 20, description="scrypt N, a power of two")
    r: int = Field(ge=1, le=32)
    p: int = Field(ge=1, le=4)
    generation: int = Field(ge=1, description="grows when the county rotates the salt")


class EnrollResponse(WireModel):
    """The terminal's credentials; the token is shown only this once.

    A village terminal (``scope`` ``village``) gets no ``lookup_key`` (empty)
    but ``lookup_kdf`` and ``receipt_key`` instead (issue 12).
    """

    terminal_id: str = Field(examples=["T00001"])
    token: str = Field(description="bearer token for every later request")
    lookup_key: str = Field(default="", description="county lookup key, base64 (≥ 16 bytes); "
                                                    "empty for a village terminal")
    lookup_kdf: PersonKdfWire | None = Field(
        default=None, description="village terminal: the village's person-key derivation")
    receipt_key: str = Field(default="", description="village terminal: the receipt-signing "
                                                     "key, base64")
    release_public_key: str = Field(description="Ed25519 public key of releases, base64; "
                                                "empty while the county has none")
    county: str = ""
    township: str
    village: str
    scope: Literal["county", "township", "village"] = Field(
        description="which payments the terminal receives: the whole county, its township, "
                    "or its village's under person keys")


# --- changes and snapshot -------------------------------------------------------------------

class Tombstone(WireModel):
    """A record the terminal must delete."""

    entity: Entity
    key: str = Field(description="primary key as text: payment/notice id, id_hash, item code, "
                                 "setting key")


class ComplaintReply(WireModel):
    """The county's reply to a complaint filed on this terminal."""

    server_id: str
    ticket_no: str
    idempotency_key: str
    reply_text: str
    reply_at: datetime


class ChangesPage(WireModel):
    """``GET /api/v1/changes?since=CURSOR&limit=N``: one ordered page of changes.

    Each record appears at most once per page, in its latest state; a record
    is either upserted or tombstoned, never both. Apply the whole page and
    store ``next_cursor`` in one transaction; ask again while ``has_more``.
    """

    benefit_items: list[BenefitItemRecord] = Field(default_factory=list)
    settings: list[SettingRecord] = Field(default_factory=list)
    notices: list[NoticeRecord] = Field(default_factory=list)
    household_members: list[HouseholdMemberRecord] = Field(default_factory=list)
    payments: list[PaymentRecord] = Field(default_factory=list)
    tombstones: list[Tombstone] = Field(default_factory=list)
    complaint_replies: list[ComplaintReply] = Field(default_factory=list)
    complaint_progress: list[ComplaintProgress] = Field(
        default_factory=list, description="status and step dates of this terminal's complaints")
    roll_entries: list[RollEntryRecord] = Field(
        default_factory=list, description="this village's public roll entries (公示花名册)")
    roll_tombstones: list[int] = Field(
        default_factory=list, description="ids of roll entries to remove (period over, item "
                                          "no longer public, payment withdrawn)")
    powers: list[PowerRecord] = Field(default_factory=list,
                                      description="the micro-power list (小微权力清单)")
    power_tombstones: list[str] = Field(default_factory=list,
                                        description="codes of powers withdrawn")
    ledger_entries: list[LedgerEntryRecord] = Field(
        default_factory=list, description="the village's finance ledger (issue 17)")
    projects: list[ProjectRecord] = Field(
        default_factory=list, description="the village's projects (村级工程, issue 17)")
    project_tombstones: list[int] = Field(
        default_factory=list, description="ids of village projects withdrawn")
    next_cursor: str = Field(description="opaque; send it as `since` next time")
    has_more: bool
    server_time: datetime


class SnapshotLine(WireModel):
    """One line of ``GET /api/v1/snapshot`` (gzip-compressed JSON lines).

    The first line is ``header`` (with the ``cursor`` to continue with
    ``changes``), then records (``type`` is the entity name and ``data`` the
    record), a ``checkpoint`` with a ``resume`` token every few thousand
    records, and ``end`` with the number of records. A broken download is
    resumed with ``?resume=TOKEN`` from the last checkpoint; records
    received after that checkpoint are simply sent again.
    """

    type: Literal["header", "checkpoint", "end", "benefit_item", "setting", "notice",
                  "household_member", "payment", "complaint_reply", "roll_entry", "power",
                  "ledger_entry", "village_project"]
    cursor: str | None = None
    resume: str | None = None
    records: int | None = None
    data: dict[str, object] | None = None


# --- complaints -----------------------------------------------------------------------------

class ComplaintConcerns(RequestModel):
    """The published record a complaint is about (issue 17), e.g. a ledger entry."""

    kind: str = Field(pattern=r"^[a-z_]{1,32}$", examples=["ledger_entry"])
    id: str = Field(min_length=1, max_length=40, examples=["812"])


class ComplaintSubmission(RequestModel):
    """``POST /api/v1/complaints``: one complaint from the terminal's outbox.

    Sending the same ``idempotency_key`` again (a retry) stores nothing new
    and answers the same ``server_id``; the same key with a different body is
    refused with 409 ``complaint.key_reused``.
    """

    idempotency_key: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    ticket_no: str = Field(min_length=1, max_length=32)
    category: Category
    item_code: str | None = Field(default=None, max_length=32)
    payment_id: int | None = Field(default=None, ge=1, le=2**62)
    text: str = Field(default="", max_length=MAX_COMPLAINT_TEXT)
    phone: str | None = Field(default=None, max_length=20)
    anonymous: bool = True
    id_hash: IdHash | None = Field(default=None, description="real-name only")
    name: str | None = Field(default=None, max_length=60, description="real-name only")
    created_at: AwareDatetime = Field(description="when the villager filed it, with offset")
    query_code: str | None = Field(
        default=None, pattern=r"^[0-9]{6}$",
        description="printed beside the ticket: with it anyone follows the complaint at any "
                    "terminal (POST /complaints/lookup); needs a county of this version")
    concerns: ComplaintConcerns | None = Field(
        default=None, description="the published record it is about (这一笔有问题)")

    @model_validator(mode="after")
    def _real_name_has_holder(self) -> ComplaintSubmission:
        if not self.anonymous and not self.id_hash:
            raise ValueError("a real-name complaint needs the holder's id_hash")
        if not _EARLIEST <= self.created_at <= _LATEST:
            raise ValueError("created_at is not a plausible time (2000–2100)")
        return self


class ComplaintAnswer(WireModel):
    """The county's receipt for a complaint."""

    server_id: str = Field(examples=["C0000042"])
    ticket_no: str
    received_at: datetime
    duplicate: bool = Field(description="true when this key had been received before")


# --- heartbeat ------------------------------------------------------------------------------

#: How the terminal's last install attempt ended: ``installed`` (switched and healthy),
#: ``refused`` (the bundle failed verification; nothing touched), ``reverted`` (switched,
#: then put back: migration failed, restart failed or not healthy in time), ``failed``
#: (the new version could not even be built; nothing touched).
UpdateResult = Literal["installed", "refused", "reverted", "failed"]
#: At most this many installed versions are reported (a terminal keeps two or three).
MAX_REPORTED_VERSIONS = 20


class UpdateReport(RequestModel):
    """The terminal's last software install attempt (``kiosk update status``), for county IT.

    ``code`` is a ``release.*`` refusal code (docs/releases.md) or an
    ``update.*`` code of the updater, e.g. ``update.unhealthy``.
    """

    version: str = Field(max_length=40, description="the version it tried to install")
    from_version: str | None = Field(default=None, max_length=40,
                                     description="what was current before")
    result: UpdateResult
    code: str = Field(max_length=60, examples=["update.unhealthy", "release.bad_signature"])
    message: str = Field(default="", max_length=500, description="for people; no personal data")
    finished_at: AwareDatetime
    installed: list[Annotated[str, Field(max_length=40)]] = Field(
        default_factory=list, max_length=MAX_REPORTED_VERSIONS,
        description="complete versions on disk, oldest first")

    @field_validator("finished_at")
    @classmethod
    def _plausible(cls, value: datetime) -> datetime:
        if not _EARLIEST <= value <= _LATEST:
            raise ValueError("finished_at is not a plausible time (2000–2100)")
        return value


#: A release channel's name (docs/releases.md), in manifests and heartbeats alike.
CHANNEL_PATTERN = r"^[a-z0-9-]{1,32}$"


class HeartbeatRequest(RequestModel):
    """``POST /api/v1/heartbeat``: the terminal's health, every few minutes.

    ``update`` is absent from terminals older than it and from terminals that
    never tried an install; so is ``channel`` from terminals older than it.
    """

    version: str = Field(max_length=40)
    uptime_s: int = Field(ge=0, le=10**10)
    reader: DeviceState
    printer: DeviceState
    cursor: str | None = Field(default=None, max_length=100)
    outbox_depth: int = Field(ge=0, le=10**9)
    disk_free_bytes: int = Field(ge=0, le=2**62)
    disk_total_bytes: int | None = Field(default=None, ge=0, le=2**62)
    update: UpdateReport | None = Field(default=None,
                                        description="the last software install attempt")
    channel: str | None = Field(
        default=None, pattern=CHANNEL_PATTERN, examples=["stable"],
        description="the release channel it installs ([update] channel); the county offers "
                    "only releases of that channel. Absent from older terminals: any channel")


class ReleaseInfo(WireModel):
    """A release the county wants this terminal to run (docs/releases.md).

    ``size`` and ``sha256`` are of the whole bundle file, so a resumed
    download can be checked before the bundle itself is verified; both are
    absent (0, "") from servers older than them.
    """

    version: str
    url: str = Field(description="path of the signed bundle, e.g. /api/v1/releases/1.2.0")
    size: int = Field(default=0, ge=0, description="bytes of the bundle file")
    sha256: str = Field(default="", description="SHA-256 of the bundle file, lower-case hex")
    pinned: bool = Field(default=False,
                         description="the county pinned this terminal to this version: "
                                     "install it even if it is lower than the running one "
                                     "(a terminal rolls back only with a valid ``pin``)")
    pin: str | None = Field(default=None, max_length=4096,
                            description="the pin file signed offline with the release key "
                                        "(sync.protocol.release.pin); without it, or if it "
                                        "does not verify, a lower version is refused")


class Action(WireModel):
    """Something the terminal should do after this heartbeat."""

    kind: Literal["sync", "install_release", "resync"]
    detail: str = ""


class HeartbeatAnswer(WireModel):
    """The server's answer to a heartbeat."""

    pending_actions: list[Action] = Field(default_factory=list)
    settings_version: int = Field(description="the newest setting version in force here")
    release: ReleaseInfo | None = None
    server_time: datetime


# --- errors ---------------------------------------------------------------------------------

class ErrorDetail(WireModel):
    """What went wrong: a stable ``code`` for programs, a ``message`` for people."""

    code: str = Field(examples=["auth.invalid_token"])
    message: str


class ErrorBody(WireModel):
    """Every non-2xx answer: ``{"error": {"code": …, "message": …}}``."""

    error: ErrorDetail

