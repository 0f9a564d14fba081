"""A village terminal's enrollment material (issue 12): derivation and receipt key."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from kiosk.person_key import PersonKdf, PersonKdfError
from sync.errors import PersonKeyChangedError, ProtocolError
from sync.protocol import EnrollResponse

__all__ = ["check_person_kdf", "village_material"]


def village_material(answer: EnrollResponse) -> tuple[PersonKdf | None, bytes]:
    """(person-key derivation, receipt key) of a village answer; (None, b"") otherwise.

    Raises :class:`ProtocolError` for a village answer without usable material
    (a derivation out of the bounds a terminal accepts, a short receipt key).
    """
    if answer.scope != "village":
        return None, b""
    if answer.lookup_kdf is None:
        raise ProtocolError("POST /enroll: a village enrollment without lookup_kdf")
    try:
        kdf = PersonKdf.from_json(answer.lookup_kdf.model_dump())
        receipt = base64.b64decode(answer.receipt_key, validate=True)
    except (PersonKdfError, binascii.Error) as exc:
        raise ProtocolError(f"POST /enroll: unusable village material: {exc}") from None
    if len(receipt) < 16:
        raise ProtocolError("POST /enroll: receipt_key is shorter than 16 bytes")
    return kdf, receipt


def check_person_kdf(sent: dict[str, Any] | None, enrolled: PersonKdf | None) -> None:
    """Raise :class:`PersonKeyChangedError` unless a snapshot header's derivation
    (``sent``) is the one the terminal was enrolled with (both None: HMAC terminal)."""
    if sent is None and enrolled is None:
        return
    try:
        theirs = None if sent is None else PersonKdf.from_json(sent)
    except PersonKdfError as exc:
        raise ProtocolError(f"snapshot header: lookup_kdf: {exc}") from None
    if theirs != enrolled:
        raise PersonKeyChangedError(
            "the county keys this terminal's people with another derivation than the one "
            "it was enrolled with (a changed village salt or cost, or another kind of "
            "terminal): enroll it again (kiosk enroll CODE --server URL)")
