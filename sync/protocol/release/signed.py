"""The envelope of a statement signed offline with a release key (pins, key rotations).

One line of JSON, ``{"statement": BASE64, "signature": BASE64}``: the statement's
bytes are checked against the signature before anything in them is parsed, and
no message quotes the unverified bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sync.protocol.release.errors import ReleaseError

__all__ = ["verified_statement"]


def verified_statement(data: bytes, key: Ed25519PublicKey, *, what: str, limit: int,
                       refuse: Callable[[str], ReleaseError], unsigned: str) -> bytes:
    """The statement bytes of the ``what`` file ``data`` if ``key`` signed them.

    Raises ``refuse(message)`` for a file over ``limit`` bytes, a malformed
    envelope, or a bad signature (then with the message ``unsigned``).
    """
    if len(data) > limit:
        raise refuse(f"the {what} file has more than {limit} bytes")
    try:
        outer = json.loads(data)
        statement_bytes = base64.b64decode(outer["statement"], validate=True)
        signature = base64.b64decode(outer["signature"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise refuse(f"the {what} file is not {{statement, signature}} in base64") from None
    try:
        key.verify(signature, statement_bytes)
    except InvalidSignature:
        raise refuse(unsigned) from None
    return statement_bytes
