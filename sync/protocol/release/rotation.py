"""Release key rotation: a terminal trusts a new key only when its old key signed it.

As TUF rotates its root keys: on the offline machine, `county release
sign-rotation` signs with the OLD private key a statement naming the NEW
public key; `county release rotate NEW.pem --rotation FILE` makes the county
check it against the key it trusts, keep it, and trust the new key. The
county hands every terminal (authenticated by its token) its current key
with the chain of statements (:class:`ReleaseKeyAnswer`). A terminal that
holds no key yet takes the county's (the same trust as enrollment, which
hands out the key too); one that holds a key follows the chain from it and
accepts the county's key only at the end of statements each signed by the
key before (:func:`follow_rotations`). Pure code: both ends import it.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from sync.protocol.release.errors import ReleaseCode, ReleaseError
from sync.protocol.release.keys import KeyFileError, key_id, public_key_b64, public_key_from_text
from sync.protocol.release.signed import verified_statement

__all__ = ["MAX_ROTATIONS", "ReleaseKeyAnswer", "RotationStatement", "follow_rotations",
           "sign_rotation", "verify_rotation"]

#: Largest rotation file, and most statements a chain may hold.
MAX_ROTATION_BYTES = 4096
MAX_ROTATIONS = 20


class RotationStatement(BaseModel):
    """What the old key signs: "trust ``new_key`` after me"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1] = 1
    old_key_id: str = Field(max_length=64)
    new_key: str = Field(max_length=64, description="the new Ed25519 public key, base64 raw")
    signed_at: AwareDatetime

    def to_bytes(self) -> bytes:
        """The canonical JSON that is signed."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True,
                          separators=(",", ":")).encode("utf-8")


class ReleaseKeyAnswer(BaseModel):
    """``GET /api/v1/release-key``: the county's release key and how it got there."""

    model_config = ConfigDict(extra="forbid")

    public_key: str = Field(max_length=64, description="Ed25519 public key, base64 of the "
                                                       "raw 32 bytes; empty: none trusted yet")
    key_id: str = Field(max_length=64)
    rotations: list[str] = Field(default_factory=list, max_length=MAX_ROTATIONS,
                                 description="rotation files, oldest first, each signed by "
                                             "the key before the one it names")


def sign_rotation(old_private: Ed25519PrivateKey, new_public: Ed25519PublicKey, *,
                  now: datetime) -> bytes:
    """The rotation file: ``new_public`` signed by ``old_private`` (offline)."""
    statement = RotationStatement(old_key_id=key_id(old_private.public_key()),
                                  new_key=public_key_b64(new_public),
                                  signed_at=now.replace(microsecond=0))
    data = statement.to_bytes()
    return json.dumps({"statement": base64.b64encode(data).decode("ascii"),
                       "signature": base64.b64encode(old_private.sign(data)).decode("ascii")},
                      sort_keys=True).encode("ascii") + b"\n"


def _refuse(message: str) -> ReleaseError:
    return ReleaseError(ReleaseCode.BAD_ROTATION, message)


def verify_rotation(data: bytes, old_key: Ed25519PublicKey) -> Ed25519PublicKey:
    """The new key a rotation file names, if ``old_key`` signed it; raises
    :class:`ReleaseError` ``release.bad_rotation`` (never quoting unverified bytes)."""
    statement_bytes = verified_statement(
        data, old_key, what="rotation", limit=MAX_ROTATION_BYTES, refuse=_refuse,
        unsigned=f"the rotation is not signed with key {key_id(old_key)}")
    try:
        statement = RotationStatement.model_validate_json(statement_bytes)
        new_key = public_key_from_text(statement.new_key)
    except (ValidationError, KeyFileError):
        raise _refuse("the signed rotation statement is not format 1") from None
    if statement.old_key_id != key_id(old_key):
        raise _refuse(f"the rotation names key {statement.old_key_id}, not its signer")
    return new_key


def follow_rotations(current: Ed25519PublicKey, target: Ed25519PublicKey,
                     rotations: Sequence[str | bytes]) -> Ed25519PublicKey:
    """``target`` if it is ``current`` or reached from it by ``rotations``, each signed by
    the key before; raises :class:`ReleaseError` ``release.bad_rotation`` otherwise."""
    key = current
    unused = [r.encode("utf-8") if isinstance(r, str) else r for r in rotations][:MAX_ROTATIONS]
    while public_key_b64(key) != public_key_b64(target):
        for i, data in enumerate(unused):
            try:
                following = verify_rotation(data, key)
            except ReleaseError:
                continue
            del unused[i]
            key = following
            break
        else:
            raise _refuse(f"the county's release key {key_id(target)} is not signed over from "
                          f"this terminal's key {key_id(key)}: not trusted")
    return key
