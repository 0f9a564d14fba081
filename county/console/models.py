"""Tables of the web console: accounts, sessions, login failures, uploads, the audit log.

They share :class:`county.models.Base` so that one Alembic history migrates
them (0007_console_accounts). Everything a console process knows lives here:
sessions and pending uploads too, so that several app processes can serve
one database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from county.models import Base
from kiosk.sqltypes import UTCDateTime, utcnow

__all__ = ["AuditEntry", "ConsoleSession", "ConsoleUpload", "ConsoleUser", "LoginFailure",
           "MemberSummary", "PaymentSummary"]


class ConsoleUser(Base):
    """A person who logs in to the console; ``password_hash`` is argon2id."""

    __tablename__ = "console_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    role: Mapped[str] = mapped_column(String(12))
    township: Mapped[str] = mapped_column(String(60), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    """Wrong passwords in a row since the last good login."""
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        CheckConstraint("role IN ('it', 'inspector', 'township', 'department', 'viewer')",
                        name="role_valid"),
    )


class ConsoleSession(Base):
    """A logged-in browser: the cookie's SHA-256, its CSRF token, when it was last used."""

    __tablename__ = "console_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("console_user.id", ondelete="CASCADE"),
                                         index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginFailure(Base):
    """One wrong password: counted per address for the address rate limit."""

    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True, autoincrement=True)
    address: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_login_failure_address_at", "address", "at"),)


class ConsoleUpload(Base):
    """A file uploaded at /imports, kept between the preview and the import."""

    __tablename__ = "console_upload"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("console_user.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    batch_id: Mapped[int | None] = mapped_column(Integer, nullable=True,
                                                 doc="set once imported")


class AuditEntry(Base):
    """One audited event; append-only (database triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200), default="")
    township: Mapped[str] = mapped_column(String(60), default="",
                                          doc="the township the event concerns, if one")
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")


class PaymentSummary(Base):
    """Paid, live payments summed per village, year, item and department (the dashboard's).

    A cache of ``payment``, rebuilt when the payments' highest ``seq`` moved
    (county/console/summary.py): a few 10 000 rows instead of millions.
    """

    __tablename__ = "console_payment_summary"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    township: Mapped[str] = mapped_column(String(60))
    village: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    item_code: Mapped[str] = mapped_column(String(32))
    department: Mapped[str] = mapped_column(String(100))
    total_fen: Mapped[int] = mapped_column(BigInteger)
    payments: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_console_payment_summary_place", "township", "village"),)


class MemberSummary(Base):
    """People and households per village (a cache of ``household_member``, as above)."""

    __tablename__ = "console_member_summary"

    township: Mapped[str] = mapped_column(String(60), primary_key=True)
    village: Mapped[str] = mapped_column(String(60), primary_key=True)
    people: Mapped[int] = mapped_column(BigInteger)
    households: Mapped[int] = mapped_column(BigInteger)
