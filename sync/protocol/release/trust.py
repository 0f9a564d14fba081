"""Which release key a terminal trusts: the terminal's end of the release check.

Both terminal programs ask this module: the sync daemon before it hands a
downloaded bundle to root, and the root installer before it installs one.
It reads the terminal's config and enrollment file, so the county never
imports it (tests/test_layering.py).
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.config import Config
from kiosk.enrollment import EnrollmentError, load_enrollment
from sync.protocol.release.keys import KeyFileError, load_public_key, public_key_from_text

__all__ = ["ReleaseKeyError", "load_release_key"]


class ReleaseKeyError(Exception):
    """No usable release key: nothing can be verified, so nothing is installed.

    The sync daemon carries it on as a ``SyncError``, the installer as an
    ``UpdateError``, both with this ``code``.
    """

    code = "update.no_key"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def load_release_key(config: Config) -> Ed25519PublicKey:
    """The trusted release key: ``[update] pubkey`` if set, else the enrollment's.

    Reads one small file; runs on the caller's thread. Raises
    :class:`ReleaseKeyError` (``update.no_key``).
    """
    try:
        if config.update.pubkey is not None:
            return load_public_key(config.update.pubkey)
        text = load_enrollment(config.enrollment.file).release_public_key
    except (OSError, KeyFileError, EnrollmentError) as exc:
        raise ReleaseKeyError(f"no usable release key: {exc}") from None
    if not text:
        raise ReleaseKeyError("the county gave no release key at enrollment "
                              "(set [update] pubkey or re-enroll)")
    try:
        return public_key_from_text(text)
    except KeyFileError as exc:
        raise ReleaseKeyError(f"enrollment release key: {exc}") from None
