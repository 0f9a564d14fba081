"""Signed pins: the county's statement that terminals may roll back to a release.

A terminal never installs a version lower than the one it runs unless the
county pinned it (docs/releases.md, "Pins"). The pin used to be a flag — in
the heartbeat answer and in a ``ready/V.json`` file the unprivileged kiosk
user can write — so anyone who could write that file, or answer a heartbeat,
could downgrade a terminal to any old, still-valid signed release with a
known hole. A pin is now a statement signed offline with the release key,
like a bundle: it names the version, the scopes it applies to, and when it
stops counting, and the root installer checks it against the release key
before it allows a downgrade.

The pin file (``village-kiosk-V.pin``, what travels in
:attr:`sync.protocol.ReleaseInfo.pin` and lies in ``ready/V.pin``) is one
line of JSON: ``{"statement": BASE64, "signature": BASE64}``, where the
statement is the canonical JSON of :class:`PinStatement` and the signature
is Ed25519 over exactly those bytes. Pure code, no I/O.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from packaging.version import InvalidVersion, Version
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_serializer,
    model_validator,
)

from sync.protocol.release.errors import ReleaseCode, ReleaseError
from sync.protocol.release.keys import key_id
from sync.protocol.release.signed import verified_statement

__all__ = ["MAX_PIN_BYTES", "PinStatement", "pin_file_name", "sign_pin", "verify_pin"]

#: A pin file larger than this is refused unread.
MAX_PIN_BYTES = 4096
#: ``county``, ``township:NAME`` or ``terminal:ID`` (as `county release publish --scope`).
SCOPE_PATTERN = r"^(county|township:[^\x00-\x1f]{1,60}|terminal:T[0-9]{5,})$"


class PinStatement(BaseModel):
    """What the county signs when it pins ``scopes`` to ``version``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1] = 1
    kind: Literal["pin"] = "pin"
    product: Literal["village-kiosk"] = "village-kiosk"
    version: str = Field(max_length=64)
    scopes: tuple[str, ...] = Field(min_length=1, max_length=64)
    issued_at: AwareDatetime
    expires_at: AwareDatetime
    key_id: str = Field(pattern=r"^[0-9a-f]{16}$")

    @field_serializer("issued_at", "expires_at")
    def _utc_z(self, value: datetime) -> str:
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @model_validator(mode="after")
    def _consistent(self) -> PinStatement:
        try:
            if str(Version(self.version)) != self.version:
                raise ValueError("version is not in PEP 440 normal form")
        except InvalidVersion:
            raise ValueError("version is not PEP 440") from None
        for scope in self.scopes:
            if not re.fullmatch(SCOPE_PATTERN, scope):
                raise ValueError("a scope is not county, township:NAME or terminal:ID")
        if self.expires_at <= self.issued_at:
            raise ValueError("expires_at is not after issued_at")
        return self

    def to_bytes(self) -> bytes:
        """The canonical signed form: UTF-8 JSON with sorted keys."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True,
                          ensure_ascii=False).encode("utf-8")

    def covers(self, *, terminal_id: str | None, township: str | None) -> bool:
        """Whether this pin applies to the terminal ``terminal_id`` in ``township``."""
        return any(scope == "county"
                   or (terminal_id and scope == f"terminal:{terminal_id}")
                   or (township and scope == f"township:{township}")
                   for scope in self.scopes)


def pin_file_name(version: str) -> str:
    """``village-kiosk-V.pin``: where `county release pin` writes the pin of ``version``."""
    return f"village-kiosk-{version}.pin"


def sign_pin(private_key: Ed25519PrivateKey, version: str, scopes: Sequence[str], *,
             expires_at: datetime, now: datetime) -> bytes:
    """The pin file pinning ``scopes`` to ``version`` until ``expires_at``, signed.

    Runs on the offline machine that holds the release key. Raises ``ValueError``
    for a version that is not PEP 440 normal form, a bad scope, or an expiry not
    after ``now``.
    """
    try:
        statement = PinStatement(version=version, scopes=tuple(scopes),
                                 issued_at=now.replace(microsecond=0),
                                 expires_at=expires_at.replace(microsecond=0),
                                 key_id=key_id(private_key.public_key()))
    except ValidationError as exc:
        raise ValueError(f"the pin would be invalid: {exc.errors()[0]['msg']}") from None
    data = statement.to_bytes()
    return json.dumps({"statement": base64.b64encode(data).decode("ascii"),
                       "signature": base64.b64encode(private_key.sign(data)).decode("ascii")},
                      sort_keys=True).encode("ascii") + b"\n"


def _refuse(message: str) -> ReleaseError:
    return ReleaseError(ReleaseCode.BAD_PIN, message)


def verify_pin(data: bytes, public_key: Ed25519PublicKey, *, version: str, now: datetime,
               terminal_id: str | None = None, township: str | None = None,
               any_scope: bool = False) -> PinStatement:
    """The statement of pin file ``data`` if it lets this terminal roll back to ``version``.

    Checks, in order: size and shape, the Ed25519 signature with the trusted
    ``public_key``, the statement itself, that it pins ``version``, that it has
    not expired at ``now``, and that one of its scopes is the county, the
    terminal ``terminal_id`` or the township ``township`` (a terminal that does
    not know its id or township is covered only by a county-wide pin).
    ``any_scope`` skips that last check (the county, checking a pin it is given).
    Raises :class:`ReleaseError` ``release.bad_pin``; the message never quotes
    the unverified bytes.
    """
    statement_bytes = verified_statement(
        data, public_key, what="pin", limit=MAX_PIN_BYTES, refuse=_refuse,
        unsigned=f"the pin is not signed with the trusted release key {key_id(public_key)}")
    try:
        statement = PinStatement.model_validate_json(statement_bytes, strict=True)
    except ValidationError as exc:
        raise _refuse(f"the signed pin statement is not format 1: "
                      f"{exc.errors()[0]['msg']}") from None
    try:
        same = Version(statement.version) == Version(version)
    except InvalidVersion:
        same = False
    if not same:
        raise _refuse(f"the pin is for release {statement.version}, not {version}")
    if now > statement.expires_at:
        raise _refuse(f"the pin of {statement.version} expired at "
                      f"{statement.expires_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}")
    if not any_scope and not statement.covers(terminal_id=terminal_id, township=township):
        raise _refuse(f"the pin of {statement.version} is for {', '.join(statement.scopes)}, "
                      "not for this terminal")
    return statement
