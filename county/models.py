"""SQLAlchemy models of the county database (SQLite or PostgreSQL).

People are known only by ``id_hash`` (HMAC-SHA256 with the county lookup
key); no plaintext ID number is stored anywhere. Every synced record carries
``seq``, the value of the county-wide change counter when it last changed:
``GET /changes`` pages through records by ``seq`` (county/changes.py).
Deleted synced records stay as rows with ``deleted = true`` so that the
deletion itself can travel to terminals as a tombstone.

Money is integer fen (BigInteger: a county total exceeds 2^31 fen), dates
are ``date``, timestamps timezone-aware UTC.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.sqltypes import UTCDateTime, utcnow

__all__ = [
    "Base",
    "BenefitItem",
    "ChangeCounter",
    "Complaint",
    "CountyState",
    "EnrollmentCode",
    "HouseholdMember",
    "ImportBatch",
    "Notice",
    "Payment",
    "PaymentChange",
    "PersonKey",
    "ScopeMove",
    "Setting",
    "Terminal",
    "VillageKdf",
    "utcnow",
]


class Base(DeclarativeBase):
    """Declarative base of the county tables (separate from the terminal's)."""


class CountyState(Base):
    """County-wide key/values: the lookup key, county name, release key."""

    __tablename__ = "county_state"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChangeCounter(Base):
    """One row: the last ``seq`` handed out.

    Taken with ``UPDATE … RETURNING`` inside the writing transaction, which
    locks the row until commit: changes commit in ``seq`` order, so a reader
    paging by ``seq`` never skips a change that commits late.
    """

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)


class BenefitItem(Base):
    """The county's benefit catalogue (seeded from kiosk.catalogue)."""

    __tablename__ = "benefit_item"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(40), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    scope: Mapped[str] = mapped_column(String(10), default="person")
    standard: Mapped[str] = mapped_column(Text, default="")
    policy: Mapped[str] = mapped_column(Text, default="")
    aliases: Mapped[str] = mapped_column(Text, default="", doc="names separated by '|'")
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (CheckConstraint("scope IN ('person', 'household')", name="scope_valid"),)


class HouseholdMember(Base):
    """Which household (and township/village) a person belongs to."""

    __tablename__ = "household_member"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    household_id: Mapped[str] = mapped_column(String(40), index=True)
    township: Mapped[str] = mapped_column(String(60), default="")
    village: Mapped[str] = mapped_column(String(60), default="")
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ImportBatch(Base):
    """One imported department file."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    rows_total: Mapped[int] = mapped_column(Integer)
    rows_new: Mapped[int] = mapped_column(Integer)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    rows_superseded: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    imported_by: Mapped[str] = mapped_column(String(60), default="", server_default="")
    reverted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reverted_by: Mapped[str | None] = mapped_column(String(60), nullable=True)
    revert_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class Payment(Base):
    """One benefit payment to one recipient."""

    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True, autoincrement=True)
    id_hash: Mapped[str] = mapped_column(String(64))
    household_id: Mapped[str] = mapped_column(String(40), default="")
    item_code: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(40), default="")
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    paid_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="paid")
    department: Mapped[str] = mapped_column(String(100), default="")
    fund_source: Mapped[str] = mapped_column(String(100), default="")
    batch: Mapped[str] = mapped_column(String(60), default="")
    township: Mapped[str] = mapped_column(String(60), default="")
    village: Mapped[str] = mapped_column(String(60), default="")
    # Server defaults only (no Python-side ones), so inserts that do not name
    # these columns leave them out (county.payments.write_payments).
    village_group: Mapped[str] = mapped_column(String(60), server_default="",
                                               doc="组 / 村民小组")
    household_size: Mapped[int | None] = mapped_column(Integer, nullable=True,
                                                       doc="保障人数")
    note: Mapped[str] = mapped_column(Text, server_default="", doc="备注")
    content_key: Mapped[str] = mapped_column(String(64), unique=True,
                                             doc="hash of the identifying fields: re-imports")
    import_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), nullable=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        Index("ix_payment_id_hash", "id_hash"),
        Index("ix_payment_seq", "seq"),
        Index("ix_payment_township_seq", "township", "seq"),
        CheckConstraint("status IN ('paid', 'pending', 'returned')", name="status_valid"),
        CheckConstraint("amount_fen >= 0", name="amount_non_negative"),
    )


class PaymentChange(Base):
    """One change made to a stored payment after it was imported: the history.

    ``action``: ``correct`` / ``withdraw`` (by hand, county/corrections.py),
    ``supersede`` (a later import replaced the values; ``batch_id`` is that
    import) or ``revert`` (``batch_id`` is the import reverted). ``before``
    and ``after`` are JSON objects of the fields that changed.
    """

    __tablename__ = "payment_change"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True, autoincrement=True)
    payment_id: Mapped[int] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(12))
    batch_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    actor: Mapped[str] = mapped_column(String(60), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    before: Mapped[str] = mapped_column(Text, default="{}")
    after: Mapped[str] = mapped_column(Text, default="{}")

    __table_args__ = (
        CheckConstraint("action IN ('correct', 'withdraw', 'supersede', 'revert')",
                        name="action_valid"),
    )


class ScopeMove(Base):
    """A synced row left a township: the change-log entry of the scope it left.

    A payment or household member whose township is corrected from A to B
    changes in place (its ``seq`` moves on, its township is B): B's terminals
    and county-scoped ones get the upsert, but the row is now outside the
    scope of A's township-scoped terminals, which would keep a stale copy.
    This row, with a ``seq`` of its own from the same counter, is what pages
    them a tombstone (county/changes.py). ``key`` is the entity's key as the
    tombstone carries it (payment id in decimal, or id_hash).
    """

    __tablename__ = "scope_move"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(64))
    township: Mapped[str] = mapped_column(String(60), doc="the township the row left")
    moved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        Index("ix_scope_move_township_seq", "township", "seq"),
        CheckConstraint("entity IN ('payment', 'household_member')", name="entity_valid"),
    )


class Notice(Base):
    """A notice: 政策 / 村务公开 / 村级财务 / 公示, for a village, township or the county."""

    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    scope: Mapped[str] = mapped_column(String(10), default="village")
    township: Mapped[str] = mapped_column(String(60), default="")
    village: Mapped[str] = mapped_column(String(60), default="")
    published_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, doc="retired")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("scope IN ('village', 'township', 'county')", name="scope_valid"),
    )


class Setting(Base):
    """A setting pushed to terminals; ``target`` narrows it ("" = whole county).

    ``target`` is ``township:NAME``, ``village:NAME`` or ``terminal:ID``; the
    most specific value in force for a terminal wins.
    """

    __tablename__ = "setting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(100))
    target: Mapped[str] = mapped_column(String(80), default="")
    value: Mapped[str] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("key", "target", name="uq_setting_key_target"),)


class EnrollmentCode(Base):
    """A one-time enrollment code (stored hashed), valid until ``expires_at``."""

    __tablename__ = "enrollment_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    township: Mapped[str] = mapped_column(String(60))
    village: Mapped[str] = mapped_column(String(60))
    scope: Mapped[str] = mapped_column(String(10), default="county")
    person_keys: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                              doc="village terminal: see Terminal.person_keys")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    terminal_id: Mapped[str | None] = mapped_column(String(20), nullable=True)


class Terminal(Base):
    """An enrolled terminal, its credentials (token hashed) and last reported health."""

    __tablename__ = "terminal"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    township: Mapped[str] = mapped_column(String(60))
    village: Mapped[str] = mapped_column(String(60))
    scope: Mapped[str] = mapped_column(String(10), default="county")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    version: Mapped[str] = mapped_column(String(40), default="")
    uptime_s: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    reader: Mapped[str] = mapped_column(String(40), default="")
    printer: Mapped[str] = mapped_column(String(40), default="")
    cursor: Mapped[str | None] = mapped_column(String(100), nullable=True)
    outbox_depth: Mapped[int | None] = mapped_column(Integer, nullable=True)
    disk_free_bytes: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    disk_total_bytes: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # The last software install attempt the terminal reported (HeartbeatRequest.update);
    # all None until it reports one. Pins live on release_scope (county/releases/models.py).
    update_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    update_from_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    update_result: Mapped[str | None] = mapped_column(String(10), nullable=True)
    update_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    update_message: Mapped[str | None] = mapped_column(String(500), nullable=True)
    update_finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    installed_versions: Mapped[str | None] = mapped_column(
        Text, nullable=True, doc="JSON list of the complete versions on the terminal")
    code: Mapped[str | None] = mapped_column(
        String(16), nullable=True,
        doc="the terminal's [terminal] code, bound at enrollment: its tickets carry it")
    person_keys: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false(),
        doc="a village terminal (wire scope 'village'): only its village's people, keyed by "
            "the village's slow derivation (county/person_keys.py); never the lookup key")

    __table_args__ = (CheckConstraint("scope IN ('county', 'township')", name="scope_valid"),)


class Complaint(Base):
    """A complaint received from a terminal (or registered by staff from another channel);
    replies travel back through changes. Its handling: county/complaint_flow/."""

    __tablename__ = "complaint"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str | None] = mapped_column(ForeignKey("terminal.id"), nullable=True,
                                                    doc="None for hotline, letter, visit")
    idempotency_key: Mapped[str] = mapped_column(String(64))
    body_sha256: Mapped[str] = mapped_column(String(64))
    ticket_no: Mapped[str] = mapped_column(String(32), index=True)
    category: Mapped[str] = mapped_column(String(40))
    item_code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    payment_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    id_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    name: Mapped[str | None] = mapped_column(String(60), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reply_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True,
                                            doc="set when a reply is to travel back")
    # Handling (county/complaint_flow/states.py, migration 0201).
    status: Mapped[str] = mapped_column(String(12), server_default="new")
    level: Mapped[str] = mapped_column(String(10), server_default="township")
    channel: Mapped[str] = mapped_column(String(10), server_default="kiosk")
    township: Mapped[str] = mapped_column(String(60), server_default="")
    village: Mapped[str] = mapped_column(String(60), server_default="")
    assignee: Mapped[str] = mapped_column(String(100), server_default="")
    level_since: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, doc="when it reached its level: its time limits run from here")
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    handled_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, doc="assigned in this round (办理); reset when it moves up")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    draft_reply: Mapped[str | None] = mapped_column(Text, nullable=True)
    draft_by: Mapped[str | None] = mapped_column(String(60), nullable=True)
    about_official: Mapped[bool] = mapped_column(Boolean, server_default="0",
                                                 doc="concerns a township official")
    satisfied: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    query_code_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    concerns: Mapped[str | None] = mapped_column(Text, nullable=True,
                                                 doc="the published record it is about (JSON)")

    __table_args__ = (
        UniqueConstraint("terminal_id", "idempotency_key", name="uq_complaint_key"),
        CheckConstraint("status IN ('new', 'assigned', 'in_progress', 'replied', 'closed', "
                        "'reopened')", name="complaint_status_valid"),
        CheckConstraint("level IN ('township', 'county')", name="complaint_level_valid"),
        CheckConstraint("channel IN ('kiosk', 'hotline', 'letter', 'visit')",
                        name="complaint_channel_valid"),
    )

    @property
    def server_id(self) -> str:
        """The id the terminal and the inspection office quote: ``C0000042``."""
        return server_id(self.id)


def server_id(complaint_id: int) -> str:
    """A complaint's public id from its row id: 42 → ``C0000042``."""
    return f"C{complaint_id:07d}"


class VillageKdf(Base):
    """One village's person-key derivation: salt and scrypt cost (kiosk/person_key.py).

    Created when the county first derives keys for the village; ``generation``
    grows on a salt rotation.
    """

    __tablename__ = "village_kdf"

    township: Mapped[str] = mapped_column(String(60), primary_key=True)
    village: Mapped[str] = mapped_column(String(60), primary_key=True)
    salt: Mapped[str] = mapped_column(String(64), doc="base64")
    n: Mapped[int] = mapped_column(Integer)
    r: Mapped[int] = mapped_column(Integer)
    p: Mapped[int] = mapped_column(Integer)
    generation: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PersonKey(Base):
    """The cached slow derivation of one person's ID number for one village.

    Computed once (≈ 100 ms each) when an import first sees the person in the
    village, while the plaintext number is in hand; village terminals receive
    ``derived`` in place of ``id_hash``. County-only: never synced as such.
    """

    __tablename__ = "person_key"

    township: Mapped[str] = mapped_column(String(60), primary_key=True)
    village: Mapped[str] = mapped_column(String(60), primary_key=True)
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer)
    derived: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_person_key_derived", "township", "village", "derived"),)
