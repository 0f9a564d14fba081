"""Which release key a terminal trusts, and what to tell people when a bundle is refused.

Also home of :class:`UpdateError`, the one error type of `kiosk update`
(``release.*`` codes from verification, ``update.*`` from installing).
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.config import Config
from kiosk.enrollment import EnrollmentError, load_enrollment
from sync.protocol.release import (
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    KeyFileError,
    ReleaseCode,
    ReleaseError,
    key_id,
    load_public_key,
    public_key_from_text,
)

__all__ = ["UpdateError", "load_release_key", "refusal_message"]


class UpdateError(Exception):
    """An install that did not happen (``code`` release.* or update.*); the
    running version is untouched or was put back."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message



def load_release_key(config: Config) -> Ed25519PublicKey:
    """The trusted release key: ``[update] pubkey`` if set, else the enrollment's.

    Raises :class:`UpdateError` ``update.no_key``.
    """
    try:
        if config.update.pubkey is not None:
            return load_public_key(config.update.pubkey)
        text = load_enrollment(config.enrollment.file).release_public_key
    except (OSError, KeyFileError, EnrollmentError) as exc:
        raise UpdateError("update.no_key", f"no usable release key: {exc}") from None
    if not text:
        raise UpdateError("update.no_key", "the county gave no release key at enrollment "
                                           "(set [update] pubkey or re-enroll)")
    try:
        return public_key_from_text(text)
    except KeyFileError as exc:
        raise UpdateError("update.no_key", f"enrollment release key: {exc}") from None


def refusal_message(exc: ReleaseError, bundle: Path, *, public_key: Ed25519PublicKey) -> str:
    """``exc``'s message, and for a bad signature which of the two it most likely is.

    The manifest's ``key_id`` is only a hint (anyone can write any id there),
    so it is read after verification failed and used for wording alone: a
    bundle naming another key was signed with another key; one naming ours
    was altered after it was signed.
    """
    if exc.code != ReleaseCode.BAD_SIGNATURE:
        return exc.message
    try:
        with tarfile.open(bundle, "r:") as tar:
            first = tar.next()
            handle = tar.extractfile(first) if first and first.name == MANIFEST_NAME else None
            claimed = json.loads(handle.read(MAX_MANIFEST_BYTES))["key_id"] if handle else None
    except (OSError, tarfile.TarError, ValueError, KeyError, TypeError):
        claimed = None
    trusted = key_id(public_key)
    if not isinstance(claimed, str):
        return exc.message
    if claimed != trusted:
        return (f"{exc.message}; the manifest names key {claimed[:16]}: signed with another "
                f"key than the {trusted} this terminal trusts")
    return f"{exc.message}; the manifest names the trusted key: altered after signing"
