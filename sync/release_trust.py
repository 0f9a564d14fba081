"""Which release key a terminal trusts, and what to tell people when a bundle is refused.

Also home of :class:`UpdateError`, the one error type of `kiosk update`
(``release.*`` codes from verification, ``update.*`` from installing).
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.config import Config
from kiosk.enrollment import EnrollmentError, load_enrollment
from sync.protocol.release import (
    KeyFileError,
    load_public_key,
    public_key_from_text,
)

__all__ = ["UpdateError", "load_release_key"]


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


