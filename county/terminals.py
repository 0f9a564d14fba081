"""Terminals: one-time enrollment codes, enrollment, bearer tokens, health, revocation.

Codes and tokens are stored as SHA-256 hashes: both are long random strings
(a hash that is fast to compute is fine for them, unlike for passwords), and
a copy of the database must not let anyone act as a terminal.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from county.cursor import cursor_value
from county.errors import CountyError
from county.listing_rows import FleetRow, LastUpdate, installed_versions
from county.models import EnrollmentCode, Terminal
from county.scope import TerminalScope
from county.seq import current_seq
from county.state import get_state, lookup_key
from county.tx import writing
from sync.protocol.errors import ErrorCode

if TYPE_CHECKING:  # the wire models (pydantic) and releases load when a terminal calls
    from county.heartbeats import HeartbeatBuffer
    from sync.protocol import EnrollResponse, HeartbeatAnswer, HeartbeatRequest

__all__ = [
    "CODE_ALPHABET",
    "AuthError",
    "EnrollError",
    "FleetRow",
    "LastUpdate",
    "authenticate",
    "enroll",
    "fleet",
    "new_enrollment_code",
    "normalise_code",
    "record_heartbeat",
    "revoke",
]

#: Enrollment code characters: no 0/O, 1/I/L that a clerk would misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LEN = 10


class AuthError(CountyError):
    """A request without a valid bearer token; ``code`` is an ErrorCode (which one is set on
    the instance: missing, invalid or revoked)."""

    code: ErrorCode = ErrorCode.AUTH_INVALID

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code


class EnrollError(CountyError):
    """An unknown, used or expired enrollment code."""

    code = ErrorCode.ENROLL_CODE


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    """Fold a code as typed (dashes, spaces, lower case) to its stored form."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_enrollment_code(engine: Engine, *, township: str, village: str, scope: str = "county",
                        valid_for: timedelta = timedelta(hours=72),
                        now: datetime) -> tuple[str, datetime]:
    """Create a one-time code for a terminal of ``village``; return (code, expires_at).

    The code is shown as ``XXXXX-XXXXX`` (50 bits of entropy); only its hash
    is stored. Raises ``ValueError`` for an empty village/township or a bad scope.

    ``scope="village"`` makes a village terminal (issue 12): it receives only
    the village's people under their person keys, and the village gets its
    derivation now (county/person_keys.py), so imports from here on derive
    its people's keys. Stored as scope ``township`` with ``person_keys``.
    """
    if not township.strip() or not village.strip():
        raise ValueError("village and township must not be empty")
    if scope not in ("county", "township", "village"):
        raise ValueError("scope must be 'county', 'township' or 'village'")
    person_keys = scope == "village"
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(_CODE_LEN))
    expires = now + valid_for
    with writing(engine) as conn:
        conn.execute(insert(EnrollmentCode).values(
            code_hash=_sha256(raw), township=township.strip(), village=village.strip(),
            scope="township" if person_keys else scope, person_keys=person_keys,
            created_at=now, expires_at=expires))
        if person_keys:
            from county.person_keys import ensure_village_kdf

            ensure_village_kdf(conn, township.strip(), village.strip(), now=now)
    return f"{raw[:5]}-{raw[5:]}", expires


def _next_terminal_id(conn: Connection) -> str:
    count = conn.execute(select(func.count()).select_from(Terminal)).scalar_one()
    return f"T{int(count) + 1:05d}"


def enroll(engine: Engine, code: str, *, now: datetime,
           terminal_code: str = "") -> EnrollResponse:
    """Use a one-time code: create the terminal and return its credentials.

    The code is marked used in the same transaction (a second use, even a
    concurrent one, fails). ``terminal_code`` (the terminal's ``[terminal]
    code``) is bound to the new terminal: from now on only it files tickets
    under that code (county/complaints.py); a terminal enrolled later with the
    same code takes it over (a re-enrolled panel). Raises :class:`EnrollError`.
    """
    from county.village_enroll import village_enrollment
    from sync.protocol import EnrollResponse

    code_hash = _sha256(normalise_code(code))
    token = secrets.token_urlsafe(32)
    for _attempt in range(5):
        try:
            with writing(engine) as conn:
                row = conn.execute(select(EnrollmentCode)
                                   .where(EnrollmentCode.code_hash == code_hash)).first()
                if row is None or row.used_at is not None or row.expires_at <= now:
                    raise EnrollError("enrollment code unknown, already used or expired")
                terminal_id = _next_terminal_id(conn)
                used = conn.execute(
                    update(EnrollmentCode)
                    .where(EnrollmentCode.id == row.id, EnrollmentCode.used_at.is_(None))
                    .values(used_at=now, terminal_id=terminal_id)).rowcount
                if used != 1:
                    raise EnrollError("enrollment code already used")
                if terminal_code:
                    conn.execute(update(Terminal).where(Terminal.code == terminal_code)
                                 .values(code=None))
                conn.execute(insert(Terminal).values(
                    id=terminal_id, township=row.township, village=row.village,
                    scope=row.scope, person_keys=row.person_keys, token_hash=_sha256(token),
                    enrolled_at=now, code=terminal_code or None))
                key = lookup_key(conn)
                if row.person_keys:
                    return village_enrollment(conn, row, terminal_id, token, key, now=now)
                return EnrollResponse(
                    terminal_id=terminal_id, token=token,
                    lookup_key=base64.b64encode(key).decode("ascii"),
                    release_public_key=get_state(conn, "release_public_key"),
                    county=get_state(conn, "county_name"), township=row.township,
                    village=row.village, scope=row.scope)
        except IntegrityError:
            continue  # two enrollments took the same terminal id: try the next one
    raise EnrollError("could not allocate a terminal id; try again")


_BY_TOKEN = select(Terminal.id, Terminal.township, Terminal.village, Terminal.scope,
                   Terminal.person_keys, Terminal.revoked_at).where(
                       Terminal.token_hash == bindparam("token_hash"))


def authenticate(conn: Connection, authorization: str | None) -> TerminalScope:
    """The terminal behind an ``Authorization: Bearer …`` header; raises :class:`AuthError`."""
    if not authorization:
        raise AuthError(ErrorCode.AUTH_MISSING, "missing bearer token")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError(ErrorCode.AUTH_MISSING, "expected 'Authorization: Bearer TOKEN'")
    row = conn.execute(_BY_TOKEN, {"token_hash": _sha256(token.strip())}).first()
    if row is None:
        raise AuthError(ErrorCode.AUTH_INVALID, "unknown token")
    if row.revoked_at is not None:
        raise AuthError(ErrorCode.AUTH_REVOKED, "this terminal was revoked")
    return TerminalScope(row.id, row.township, row.village, row.scope,
                         person_keys=bool(row.person_keys))


def record_heartbeat(engine: Engine, scope: TerminalScope, beat: HeartbeatRequest, *,
                     now: datetime, buffer: HeartbeatBuffer | None = None) -> HeartbeatAnswer:
    """Store the terminal's health and tell it what to do next.

    The last install attempt is kept as reported; a heartbeat without one
    (an older terminal, or one that never tried) leaves the stored one.
    With ``buffer`` the health is written with the next batch
    (county/heartbeats.py) and the answer needs only reads.
    """
    from county.changes import effective_settings
    from county.releases import offer_for
    from sync.protocol import Action, HeartbeatAnswer

    values: dict[str, object] = dict(
        last_seen_at=now, last_heartbeat_at=now, version=beat.version,
        uptime_s=beat.uptime_s, reader=beat.reader, printer=beat.printer,
        cursor=beat.cursor, outbox_depth=beat.outbox_depth,
        disk_free_bytes=beat.disk_free_bytes, disk_total_bytes=beat.disk_total_bytes)
    if beat.update is not None:
        report = beat.update
        values.update(update_version=report.version, update_from_version=report.from_version,
                      update_result=report.result, update_code=report.code,
                      update_message=report.message, update_finished_at=report.finished_at,
                      installed_versions=json.dumps(report.installed, ensure_ascii=False))
    if buffer is not None:
        buffer.add(scope.terminal_id, values)
    with writing(engine) if buffer is None else engine.connect() as conn:
        if buffer is None:
            conn.execute(update(Terminal).where(Terminal.id == scope.terminal_id)
                         .values(values))
        settings = effective_settings(conn, scope)
        head = current_seq(conn)
        release = offer_for(conn, scope, running=beat.version, channel=beat.channel, now=now)
    actions: list[Action] = []
    reported = cursor_value(beat.cursor)
    if reported is None or reported < head:
        actions.append(Action(kind="sync", detail="new data on the server"))
    if release is not None:
        actions.append(Action(kind="install_release", detail=release.version))
    version = max((r.version for r in settings.values() if r is not None), default=0)
    return HeartbeatAnswer(pending_actions=actions, settings_version=version, release=release,
                           server_time=now)








def fleet(engine: Engine, *, now: datetime, silent_after: timedelta) -> list[FleetRow]:
    """Every terminal with its last reported health, by id."""
    with engine.connect() as conn:
        head = current_seq(conn)
        rows = conn.execute(select(Terminal).order_by(Terminal.id)).all()
    out = []
    for r in rows:
        reported = cursor_value(r.cursor)
        lag = None if reported is None else head - reported
        silent = r.revoked_at is None and (r.last_heartbeat_at is None
                                           or now - r.last_heartbeat_at > silent_after)
        last = None if r.update_result is None else LastUpdate(
            r.update_version or "", r.update_from_version, r.update_result,
            r.update_code or "", r.update_message or "", r.update_finished_at,
            installed_versions(r.installed_versions))
        scope = "village" if r.person_keys else r.scope
        out.append(FleetRow(r.id, r.township, r.village, scope, r.enrolled_at,
                            r.revoked_at is not None, r.last_heartbeat_at, r.version,
                            None if r.last_heartbeat_at is None else lag, r.outbox_depth,
                            r.reader, r.printer, r.disk_free_bytes, silent, last))
    return out


def revoke(engine: Engine, terminal_id: str, *, now: datetime) -> bool:
    """Revoke a terminal's token; False if there is no such (unrevoked) terminal."""
    with writing(engine) as conn:
        done = conn.execute(update(Terminal)
                            .where(Terminal.id == terminal_id, Terminal.revoked_at.is_(None))
                            .values(revoked_at=now)).rowcount
    return bool(done == 1)
