"""What the county checks before it offers anything: the trusted key, the bundle, the pin.

The county never signs anything: the private key stays offline with IT
staff. It only checks a bundle (and a signed pin) against the public key it
was told to trust, the key terminals also receive at enrollment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, Engine

from county.releases.errors import PublishError
from county.releases.scope import Scope
from county.state import get_state, set_state
from county.tx import writing
from sync.protocol.release import (
    ReleaseError,
    VerifiedBundle,
    key_id,
    public_key_b64,
    public_key_from_text,
    verify_bundle,
)
from sync.protocol.release.pin import verify_pin

__all__ = ["PUBLIC_KEY_STATE", "checked_pin", "trust_key", "trusted_key", "verified_bundle"]

#: County state key of the trusted release key (base64 of the raw 32 bytes), handed out at
#: enrollment as ``release_public_key``.
PUBLIC_KEY_STATE = "release_public_key"


def trust_key(engine: Engine, key_text: str | bytes) -> str:
    """Trust a release public key (PEM or raw base64) from now on; returns its key id.

    New enrollments receive it. Raises
    :class:`~sync.protocol.release.KeyFileError` for a text that is not an
    Ed25519 public key.
    """
    key = public_key_from_text(key_text)
    with writing(engine) as conn:
        set_state(conn, PUBLIC_KEY_STATE, public_key_b64(key))
    return key_id(key)


def trusted_key(conn: Connection) -> Ed25519PublicKey | None:
    """The trusted release key, or None while the county has none."""
    text = get_state(conn, PUBLIC_KEY_STATE)
    return public_key_from_text(text) if text else None


def verified_bundle(bundle_path: Path, key: Ed25519PublicKey, version: str, *,
                    now: datetime) -> VerifiedBundle:
    """The bundle at ``bundle_path``, checked with ``key`` as a terminal will check it, and
    holding release ``version``; raises :class:`PublishError`."""
    try:
        bundle = verify_bundle(bundle_path, key, now=now)
    except ReleaseError as exc:
        raise PublishError(f"{bundle_path}: refused ({exc.code}): {exc.message}") from None
    if bundle.version != version:
        raise PublishError(f"{bundle_path} holds release {bundle.version}, not {version}")
    return bundle


def checked_pin(pin_file: bytes | None, key: Ed25519PublicKey, version: str,
                 scopes: Sequence[Scope], *, now: datetime) -> str | None:
    """The pin file as stored, after the checks a terminal will make; raises PublishError."""
    if pin_file is None:
        return None
    try:
        statement = verify_pin(pin_file, key, version=version, now=now, any_scope=True)
    except ReleaseError as exc:
        raise PublishError(f"pin refused ({exc.code}): {exc.message}") from None
    uncovered = [str(s) for s in scopes
                 if "county" not in statement.scopes and str(s) not in statement.scopes]
    if uncovered:
        raise PublishError(f"the signed pin names {', '.join(statement.scopes)}, not "
                           f"{', '.join(uncovered)}: sign a pin for the scopes you pin")
    return pin_file.decode("ascii")
