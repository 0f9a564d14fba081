"""The terminal's enrollment secrets: terminal id, bearer token, lookup key.

Kept in their own JSON file with mode 0600, apart from the database: the
database holds only keyed hashes, and without the key they are useless.

A village terminal (issue 12) holds no lookup key: its file carries the
village's person-key derivation (``person_kdf``, kiosk/person_key.py), which
is not secret — its strength is its cost — and the receipt-signing key.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.files import atomic_write_bytes
from kiosk.person_key import PersonKdf, PersonKdfError

__all__ = ["Enrollment", "EnrollmentError", "NotEnrolledError", "load_enrollment",
           "save_enrollment"]

log = logging.getLogger(__name__)


class EnrollmentError(Exception):
    """The enrollment file exists but cannot be used."""

    code = "enrollment.invalid"


class NotEnrolledError(EnrollmentError):
    """No enrollment file: the terminal has never been enrolled."""

    code = "enrollment.missing"


@dataclass(frozen=True)
class Enrollment:
    """What the county gave this terminal at enrollment."""

    terminal_id: str
    token: str
    lookup_key: bytes
    server_url: str
    release_public_key: str
    enrolled_at: datetime
    person_kdf: PersonKdf | None = None
    """A village terminal's derivation (then ``lookup_key`` is empty)."""
    receipt_secret: bytes = b""
    """A village terminal's receipt-signing key (kiosk.receipt.receipt_key of the county's)."""

    def to_json(self) -> dict[str, object]:
        """The file's JSON form (the lookup key in base64)."""
        out: dict[str, object] = {
            "terminal_id": self.terminal_id,
            "token": self.token,
            "lookup_key": base64.b64encode(self.lookup_key).decode("ascii"),
            "server_url": self.server_url,
            "release_public_key": self.release_public_key,
            "enrolled_at": self.enrolled_at.isoformat(),
        }
        if self.person_kdf is not None:
            out["person_kdf"] = self.person_kdf.to_json()
            out["receipt_key"] = base64.b64encode(self.receipt_secret).decode("ascii")
        return out


def save_enrollment(path: Path, enrollment: Enrollment) -> None:
    """Write the enrollment file atomically with mode 0600. Raises ``OSError``."""
    data = json.dumps(enrollment.to_json(), ensure_ascii=False, indent=2).encode("utf-8")
    atomic_write_bytes(path, data, mode=0o600)


def load_enrollment(path: Path) -> Enrollment:
    """Read the enrollment file.

    Raises :class:`NotEnrolledError` if it does not exist and
    :class:`EnrollmentError` (naming the file and the field) if it is not
    valid. Logs a warning if other users may read it.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotEnrolledError(
            f"terminal is not enrolled: {path} does not exist (run `kiosk enroll CODE "
            "--server URL`, or `kiosk db seed-demo` for the demo)") from None
    except OSError as exc:
        raise EnrollmentError(f"cannot read {path}: {exc.strerror}") from None
    if path.stat().st_mode & 0o077:
        log.warning("enrollment file %s is readable by other users; chmod 600 it", path)
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise EnrollmentError(f"{path}: expected a JSON object")
        fields = {}
        for key in ("terminal_id", "token", "lookup_key", "server_url", "release_public_key",
                    "enrolled_at"):
            value = data.get(key)
            if not isinstance(value, str):
                raise EnrollmentError(f"{path}: {key}: missing or not a string")
            fields[key] = value
        key_bytes = base64.b64decode(fields["lookup_key"], validate=True)
        kdf, receipt = None, b""
        if "person_kdf" in data:
            kdf = PersonKdf.from_json(data["person_kdf"])
            receipt = base64.b64decode(str(data.get("receipt_key", "")), validate=True)
            if len(receipt) < 16:
                raise EnrollmentError(f"{path}: receipt_key: shorter than 16 bytes")
        elif len(key_bytes) < 16:
            raise EnrollmentError(f"{path}: lookup_key: shorter than 16 bytes")
        enrolled_at = datetime.fromisoformat(fields["enrolled_at"])
    except json.JSONDecodeError as exc:
        raise EnrollmentError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except PersonKdfError as exc:
        raise EnrollmentError(f"{path}: person_kdf: {exc}") from None
    except (binascii.Error, ValueError) as exc:
        raise EnrollmentError(f"{path}: bad value: {exc}") from None
    return Enrollment(fields["terminal_id"], fields["token"], key_bytes, fields["server_url"],
                      fields["release_public_key"], enrolled_at, kdf, receipt)
