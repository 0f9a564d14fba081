"""Console accounts: users, argon2 passwords, login with lock-out, database sessions.

A session is a random cookie value; the database keeps only its SHA-256,
the session's CSRF token and when it was last used (idle sessions expire
after :data:`IDLE_TIMEOUT`). Wrong passwords lock an account after
:data:`LOCK_AFTER` in a row for :data:`LOCK_FOR`, and an address is refused
after :data:`ADDRESS_LIMIT` wrong passwords within :data:`ADDRESS_WINDOW`
(whatever names it tried). A disabled user's sessions are deleted at once
and every request checks the user again, so a disabled user is out at the
next request of any app process.
"""

from __future__ import annotations

import functools
import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, Row, delete, func, insert, select, update

from county.console.audit import record
from county.console.errors import AccountError, LoginRefused
from county.console.models import ConsoleSession, ConsoleUser, LoginFailure
from county.console.roles import ROLES
from county.listing_rows import User
from county.tx import writing

__all__ = ["ADDRESS_LIMIT", "IDLE_TIMEOUT", "LOCK_AFTER", "LOCK_FOR", "ROLES", "NewSession",
           "User", "add_user", "disable_user", "get_user", "list_users", "log_in", "log_out",
           "reset_password", "session_user", "unlock_user"]

IDLE_TIMEOUT = timedelta(minutes=30)
LOCK_AFTER = 6
LOCK_FOR = timedelta(minutes=15)
ADDRESS_LIMIT = 30
ADDRESS_WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 8
#: last_seen_at is written at most this often: a page view is then a read only.
_TOUCH_EVERY = timedelta(seconds=60)

#: Set by the test suite only: argon2id at its cheapest parameters. The suite logs in
#: thousands of times and the real cost is ~0.2 s of CPU a hash; a hash made cheap is
#: still argon2id, and the real hasher renews it at the next login (check_needs_rehash).
CHEAP_HASHING_FOR_TESTS = "VILLAGE_COUNTY_CHEAP_HASHING_FOR_TESTS"


def _password_hasher() -> PasswordHasher:
    if os.environ.get(CHEAP_HASHING_FOR_TESTS) == "1":
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher()  # argon2-cffi's default: RFC 9106's low-memory profile


_hasher = _password_hasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when no such user exists (the same work either way).

    Made on first use, not at import: hashing takes tens of milliseconds that
    `county user list` and every other command importing this module would pay.
    """
    return _hasher.hash("not a password of anyone")




def _user(row: Row[Any]) -> User:
    return User(row.id, row.name, row.role, row.township, row.department,
                row.disabled_at is not None, row.locked_until, row.failed_logins)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password shorter than {MIN_PASSWORD} characters")


def add_user(engine: Engine, name: str, *, role: str, password: str, now: datetime,
             township: str = "", department: str = "", actor: str, address: str = "") -> User:
    """Create a user. Raises :class:`AccountError` for a taken name or missing fields.

    ``township`` is required for the township role, ``department`` for the
    department role; other roles take neither.
    """
    name = name.strip()
    if not name or len(name) > 60 or any(ch.isspace() or not ch.isprintable() for ch in name):
        raise AccountError("a user name is 1–60 printable characters without spaces")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    township, department = township.strip(), department.strip()
    if role == "township" and not township:
        raise AccountError("a township user needs --township")
    if role == "department" and not department:
        raise AccountError("a department user needs --department")
    if role != "township" and township:
        raise AccountError("only township users have a --township")
    if role != "department" and department:
        raise AccountError("only department users have a --department")
    _check_password(password)
    with writing(engine) as conn:
        if conn.execute(select(ConsoleUser.id).where(ConsoleUser.name == name)).first():
            raise AccountError(f"user {name!r} exists already")
        user_id = conn.execute(insert(ConsoleUser).values(
            name=name, role=role, township=township, department=department,
            password_hash=_hasher.hash(password), created_at=now, failed_logins=0)
            .returning(ConsoleUser.id)).scalar_one()
        record(conn, actor=actor, address=address, action="user.add", target=name, now=now,
               township=township,
               after={"role": role, "township": township, "department": department})
    return User(int(user_id), name, role, township, department, False, None, 0)


def get_user(engine: Engine, name: str) -> User | None:
    """The user called ``name``, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(ConsoleUser).where(ConsoleUser.name == name)).first()
    return None if row is None else _user(row)


def list_users(engine: Engine) -> list[User]:
    """Every user, by name."""
    with engine.connect() as conn:
        return [_user(r) for r in conn.execute(select(ConsoleUser).order_by(ConsoleUser.name))]


def _change(engine: Engine, name: str, *, action: str, values: dict[str, object],
            actor: str, address: str, now: datetime, end_sessions: bool) -> User:
    with writing(engine) as conn:
        row = conn.execute(select(ConsoleUser).where(ConsoleUser.name == name)).first()
        if row is None:
            raise AccountError(f"no user {name!r}")
        before = _user(row)
        conn.execute(update(ConsoleUser).where(ConsoleUser.id == row.id).values(**values))
        if end_sessions:
            conn.execute(delete(ConsoleSession).where(ConsoleSession.user_id == row.id))
        after = _user(conn.execute(select(ConsoleUser).where(ConsoleUser.id == row.id)).one())
        record(conn, actor=actor, address=address, action=action, target=name, now=now,
               township=row.township, before=_state(before), after=_state(after))
    return after


def _state(user: User) -> dict[str, object]:
    return {"disabled": user.disabled, "failed_logins": user.failed_logins,
            "locked_until": user.locked_until}


def disable_user(engine: Engine, name: str, *, actor: str, now: datetime,
                 address: str = "") -> User:
    """Disable ``name`` and end its sessions. Raises :class:`AccountError` if unknown."""
    return _change(engine, name, action="user.disable", values={"disabled_at": now},
                   actor=actor, address=address, now=now, end_sessions=True)


def unlock_user(engine: Engine, name: str, *, actor: str, now: datetime,
                address: str = "") -> User:
    """Lift a lock-out (and a disable) of ``name``. Raises :class:`AccountError` if unknown."""
    return _change(engine, name, action="user.unlock",
                   values={"locked_until": None, "failed_logins": 0, "disabled_at": None},
                   actor=actor, address=address, now=now, end_sessions=False)


def reset_password(engine: Engine, name: str, password: str, *, actor: str, now: datetime,
                   address: str = "") -> User:
    """Set a new password, lift a lock-out and end the user's sessions."""
    _check_password(password)
    return _change(engine, name, action="user.reset_password",
                   values={"password_hash": _hasher.hash(password), "locked_until": None,
                           "failed_logins": 0},
                   actor=actor, address=address, now=now, end_sessions=True)


@dataclass(frozen=True)
class NewSession:
    """A session just opened: the cookie value (shown once) and its CSRF token."""

    token: str
    csrf_token: str
    user: User


def _address_failures(conn: Connection, address: str, now: datetime) -> int:
    return int(conn.execute(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.address == address, LoginFailure.at > now - ADDRESS_WINDOW)).scalar_one())


def log_in(engine: Engine, name: str, password: str, *, address: str, now: datetime) -> NewSession:
    """Check a password and open a session. Raises :class:`LoginRefused` (audited).

    The refusal is raised after its transaction commits: the failure count,
    the lock and the audit entry must be stored, not rolled back with it.
    """
    with writing(engine) as conn:
        outcome = _attempt(conn, name, password, address=address, now=now)
    if isinstance(outcome, LoginRefused):
        raise outcome
    return outcome


def _attempt(conn: Connection, name: str, password: str, *, address: str,
             now: datetime) -> NewSession | LoginRefused:
    if _address_failures(conn, address, now) >= ADDRESS_LIMIT:
        record(conn, actor=name[:60], address=address, action="login.throttled", now=now)
        return LoginRefused("此地址密码错误次数过多，请 15 分钟后再试。", reason="address")
    row = conn.execute(select(ConsoleUser).where(ConsoleUser.name == name)).first()
    dummy = _dummy_hash()  # made (once) whether or not the user exists: no timing tell
    try:
        _hasher.verify(row.password_hash if row is not None else dummy, password)
        good = row is not None
    except (VerificationError, InvalidHashError):
        good = False
    if row is not None and row.disabled_at is not None:
        record(conn, actor=name, address=address, action="login.disabled", now=now,
               township=row.township)
        return LoginRefused("该账号已停用，请联系县信息化管理员。", reason="disabled")
    if row is not None and row.locked_until is not None and row.locked_until > now:
        record(conn, actor=name, address=address, action="login.locked", now=now,
               township=row.township)
        return LoginRefused("密码错误次数过多，账号已锁定，请 15 分钟后再试或联系县信息化管理员。",
                            reason="locked")
    if not good:
        # Failures older than the window count for nothing: the table stays small.
        conn.execute(delete(LoginFailure).where(LoginFailure.at < now - ADDRESS_WINDOW))
        conn.execute(insert(LoginFailure).values(address=address, name=name[:60], at=now))
        record(conn, actor=name[:60], address=address, action="login.fail", now=now)
        if row is not None:
            failed = row.failed_logins + 1
            locked = now + LOCK_FOR if failed >= LOCK_AFTER else None
            conn.execute(update(ConsoleUser).where(ConsoleUser.id == row.id).values(
                failed_logins=0 if locked else failed, locked_until=locked))
            if locked:
                record(conn, actor=name, address=address, action="user.lock", now=now,
                       target=name, township=row.township, after={"locked_until": locked})
                return LoginRefused(
                    "密码错误次数过多，账号已锁定，请 15 分钟后再试或联系县信息化管理员。",
                    reason="locked")
        return LoginRefused("用户名或密码错误。", reason="password")
    assert row is not None
    values: dict[str, object] = {"failed_logins": 0, "locked_until": None}
    if _hasher.check_needs_rehash(row.password_hash):
        values["password_hash"] = _hasher.hash(password)
    conn.execute(update(ConsoleUser).where(ConsoleUser.id == row.id).values(**values))
    # Sessions left idle (never presented again) go here, not one by one.
    conn.execute(delete(ConsoleSession).where(ConsoleSession.last_seen_at < now - IDLE_TIMEOUT))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    conn.execute(insert(ConsoleSession).values(
        token_hash=_sha256(token), user_id=row.id, csrf_token=csrf, address=address,
        created_at=now, last_seen_at=now))
    record(conn, actor=name, address=address, action="login.ok", now=now, township=row.township)
    return NewSession(token, csrf, _user(row))


def session_user(engine: Engine, token: str, *, now: datetime) -> tuple[User, str] | None:
    """The user and CSRF token of a live session, or None (unknown, idle, user disabled).

    An idle or disabled user's session is deleted on the way.
    """
    key = _sha256(token)
    with engine.connect() as conn:
        found = conn.execute(select(ConsoleSession.csrf_token, ConsoleSession.last_seen_at,
                                    ConsoleSession.user_id).where(
                                        ConsoleSession.token_hash == key)).first()
        row = None if found is None else conn.execute(
            select(ConsoleUser).where(ConsoleUser.id == found.user_id)).first()
    if found is None or row is None:
        return None
    if row.disabled_at is not None or now - found.last_seen_at > IDLE_TIMEOUT:
        log_out(engine, token)
        return None
    if now - found.last_seen_at > _TOUCH_EVERY:
        with writing(engine) as conn:
            conn.execute(update(ConsoleSession).where(ConsoleSession.token_hash == key)
                         .values(last_seen_at=now))
    return _user(row), str(found.csrf_token)


def log_out(engine: Engine, token: str) -> None:
    """End the session of ``token`` (nothing if there is none)."""
    with writing(engine) as conn:
        conn.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == _sha256(token)))
