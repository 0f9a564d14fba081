"""What a village terminal receives at enrollment (issue 12): no county lookup key.

Instead of the lookup key it gets its village's person-key derivation (salt
and scrypt cost, kiosk/person_key.py) and the receipt-signing key, which is
itself derived one-way from the lookup key (kiosk.receipt.receipt_key), so
receipts it prints verify with the county's key as before.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from county.person_keys import ensure_village_kdf
from county.state import get_state
from kiosk.receipt import receipt_key
from sync.protocol import EnrollResponse
from sync.protocol.messages import PersonKdfWire

__all__ = ["village_enrollment"]


def village_enrollment(conn: Connection, code: Any, terminal_id: str, token: str,
                       county_key: bytes, *, now: datetime) -> EnrollResponse:
    """The enrollment answer of a village terminal (``code``: its enrollment_code row)."""
    kdf = ensure_village_kdf(conn, code.township, code.village, now=now)
    return EnrollResponse(
        terminal_id=terminal_id, token=token, lookup_key="",
        lookup_kdf=PersonKdfWire.model_validate(kdf.to_json()),
        receipt_key=base64.b64encode(receipt_key(county_key)).decode("ascii"),
        release_public_key=get_state(conn, "release_public_key"),
        county=get_state(conn, "county_name"), township=code.township,
        village=code.village, scope="village")
