"""Why a bundle or a pin was refused: :class:`ReleaseError` with a :class:`ReleaseCode`.

The codes are a contract (docs/releases.md): the updater records them, the
heartbeat reports them to the county, `kiosk update` prints them.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ReleaseCode", "ReleaseError"]


class ReleaseCode(StrEnum):
    """Why a bundle was refused, in the order the checks run (docs/releases.md)."""

    TRUNCATED = "release.truncated"
    MALFORMED = "release.malformed"
    WRONG_KEY = "release.wrong_key"
    BAD_SIGNATURE = "release.bad_signature"
    EXPIRED = "release.expired"
    WRONG_CHANNEL = "release.wrong_channel"
    FILE_MISMATCH = "release.file_mismatch"
    ROLLBACK = "release.rollback"
    BAD_PIN = "release.bad_pin"
    BAD_ROTATION = "release.bad_rotation"
    """The county's release key is not the terminal's, and no chain of rotation
    statements signed by the terminal's key leads to it (sync.protocol.release.rotation)."""


class ReleaseError(Exception):
    """A bundle refused: ``code`` for programs, ``message`` (English) for people."""

    def __init__(self, code: ReleaseCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
