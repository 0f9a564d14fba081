"""The rows county listings return, with no database layer: both the SQLAlchemy listings
(county.catalogue, county.notices, county.settings, county.terminals,
county.corrections) and the plain DB-API ones of the command line
(county/plain_lists.py) build these, so either prints the same."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = [
    "ROLE_NAMES",
    "BatchRow",
    "FleetRow",
    "ItemRow",
    "LastUpdate",
    "NoticeRow",
    "ReleaseRow",
    "SettingRow",
    "User",
    "installed_versions",
]


@dataclass(frozen=True)
class ItemRow:
    """A catalogue item as `county item list` shows it."""

    code: str
    name: str
    category: str
    department: str
    scope: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class NoticeRow:
    """A notice as `county notice list` shows it."""

    id: int
    kind: str
    title: str
    scope: str
    township: str
    village: str
    published_on: date
    expires_on: date | None
    retired: bool


@dataclass(frozen=True)
class SettingRow:
    """A stored setting."""

    key: str
    target: str
    value: str
    version: int


@dataclass(frozen=True)
class LastUpdate:
    """A terminal's last software install attempt, as its heartbeat reported it."""

    version: str
    from_version: str | None
    result: str
    """installed, refused, reverted or failed (sync.protocol.UpdateReport)."""
    code: str
    message: str
    finished_at: datetime | None
    installed: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """The attempt ended with the version installed and healthy."""
        return self.result == "installed"


@dataclass(frozen=True)
class FleetRow:
    """One terminal's health as `county terminals` shows it."""

    terminal_id: str
    township: str
    village: str
    scope: str
    enrolled_at: datetime
    revoked: bool
    last_heartbeat_at: datetime | None
    version: str
    cursor_lag: int | None
    """Changes the terminal has not fetched yet (None before its first heartbeat)."""
    outbox_depth: int | None
    reader: str
    printer: str
    disk_free_bytes: int | None
    silent: bool
    """No heartbeat for more than the silence threshold (or never)."""
    last_update: LastUpdate | None = None
    """The last install attempt the terminal reported (None: none reported yet)."""


@dataclass(frozen=True)
class BatchRow:
    """An import batch as `county import list` shows it."""

    id: int
    file_name: str
    imported_at: datetime
    imported_by: str
    rows_total: int
    rows_new: int
    rows_superseded: int
    rows_rejected: int
    reverted_at: datetime | None
    reverted_by: str | None
    revert_reason: str | None

@dataclass(frozen=True)
class ReleaseRow:
    """One release as `county release list` shows it."""

    version: str
    channel: str
    size: int
    sha256: str
    key_id: str
    created_at: datetime
    expires_at: datetime
    published_at: datetime
    withdrawn_at: datetime | None
    scopes: tuple[str, ...]
    pinned_terminals: tuple[str, ...]
    """Active terminals this release is the pin of (through any pinned scope)."""
    path: str
    pinned_scopes: tuple[str, ...] = ()
    running: int = 0
    """Active terminals whose last heartbeat reported this version."""
    failed: int = 0
    """Active terminals whose last install attempt was this version and did not succeed
    (refused, reverted or failed)."""
    failed_by_code: dict[str, int] = field(default_factory=dict)
    """``failed`` by the reason the terminals reported (``update.no_key``,
    ``update.unhealthy`` …), most frequent first."""
    urgent: bool = False
    """Signed urgent (``county release build --urgent``): terminals install it outside their
    install window. Read from the stored bundle's manifest, not the database."""

ROLE_NAMES = {"it": "信息化管理员", "inspector": "纪委监委", "township": "乡镇监督组",
              "department": "职能部门", "viewer": "只读"}


@dataclass(frozen=True)
class User:
    """A console user as pages and the CLI see it (never the password hash)."""

    id: int
    name: str
    role: str
    township: str
    department: str
    disabled: bool
    locked_until: datetime | None
    failed_logins: int

    @property
    def role_name(self) -> str:
        """The role in Chinese."""
        return ROLE_NAMES.get(self.role, self.role)

    def locked(self, now: datetime) -> bool:
        """Whether wrong passwords keep this account locked at ``now``."""
        return self.locked_until is not None and self.locked_until > now

@dataclass(frozen=True)
class ComplaintView:
    """A complaint as the inspection office sees it."""

    server_id: str
    terminal_id: str | None
    ticket_no: str
    category: str
    item_code: str | None
    payment_id: int | None
    text: str
    phone: str | None
    anonymous: bool
    name: str | None
    id_hash: str | None
    created_at: datetime
    received_at: datetime
    reply_text: str | None
    reply_at: datetime | None
    # Handling (county/complaint_flow/).
    status: str = "new"
    level: str = "township"
    channel: str = "kiosk"
    township: str = ""
    village: str = ""
    assignee: str = ""
    level_since: datetime | None = None
    due_at: datetime | None = None
    draft_reply: str | None = None
    draft_by: str | None = None
    about_official: bool = False
    satisfied: bool | None = None
    concerns: str | None = None
    """The published record it is about, as JSON (``{"kind":"ledger_entry","id":"812"}``)."""

    @property
    def replied(self) -> bool:
        """Whether the county has replied."""
        return self.reply_at is not None


@dataclass(frozen=True)
class HistoryEntry:
    """One step: who did what when, from which state to which, at which level, and why."""

    at: datetime
    actor: str
    action: str
    from_status: str
    to_status: str
    level: str
    note: str


def installed_versions(text: str | None) -> tuple[str, ...]:
    """The versions of a terminal's ``installed_versions`` JSON list (() if it is not one)."""
    try:
        data = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(str(v) for v in data) if isinstance(data, list) else ()
