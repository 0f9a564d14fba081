"""The county's release key for terminals, and its rotation (sync.protocol.release.rotation).

`county release rotate NEW.pem --rotation FILE` checks that the key the
county trusts signed FILE naming NEW, keeps FILE, and trusts NEW: bundles
are checked against NEW from then on and new enrollments receive it.
``GET /api/v1/release-key`` (a terminal token) answers the key with every
rotation kept, oldest first, so a terminal still holding an older key can
follow the chain, and one enrolled before any key was trusted can take it.
"""

# No ``from __future__ import annotations``: FastAPI must see the route annotations as
# objects, and ``auth`` is a local of mount_release_key.
import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from sqlalchemy import Connection, Engine

from county.releases.errors import PublishError
from county.releases.verify import PUBLIC_KEY_STATE, trusted_key
from county.scope import TerminalScope
from county.state import get_state, set_state
from county.tx import writing
from sync.protocol import API_PREFIX
from sync.protocol.release import ReleaseError, key_id, public_key_b64, public_key_from_text
from sync.protocol.release.rotation import MAX_ROTATIONS, ReleaseKeyAnswer, verify_rotation

__all__ = ["ROTATIONS_STATE", "key_answer", "mount_release_key", "rotate_key"]

#: county_state key: JSON list of the rotation files (text), oldest first.
ROTATIONS_STATE = "release_key_rotations"


def _rotations(conn: Connection) -> list[str]:
    try:
        data = json.loads(get_state(conn, ROTATIONS_STATE) or "[]")
    except ValueError:
        return []
    return [str(r) for r in data] if isinstance(data, list) else []


def rotate_key(engine: Engine, new_key_text: str | bytes, rotation: bytes) -> str:
    """Trust the new key if the trusted one signed ``rotation`` naming it; returns its id.

    Raises :class:`PublishError` (no key trusted yet, a rotation not signed by
    it or naming another key, too many rotations) and
    :class:`~sync.protocol.release.KeyFileError` for a text that is not a key.
    """
    new_key = public_key_from_text(new_key_text)
    with writing(engine) as conn:
        old = trusted_key(conn)
        if old is None:
            raise PublishError("no release key is trusted yet: `county release trust` the "
                               "first one (a rotation is signed by the key before)")
        try:
            named = verify_rotation(rotation, old)
        except ReleaseError as exc:
            raise PublishError(f"rotation refused ({exc.code}): {exc.message}") from None
        if public_key_b64(named) != public_key_b64(new_key):
            raise PublishError(f"the rotation names key {key_id(named)}, not "
                               f"{key_id(new_key)}")
        kept = _rotations(conn)
        if len(kept) >= MAX_ROTATIONS:
            raise PublishError(f"{MAX_ROTATIONS} rotations kept already")
        try:
            text = rotation.decode("ascii")
        except UnicodeDecodeError:
            raise PublishError("the rotation file is not ASCII") from None
        set_state(conn, ROTATIONS_STATE, json.dumps([*kept, text]))
        set_state(conn, PUBLIC_KEY_STATE, public_key_b64(new_key))
    return key_id(new_key)


def key_answer(conn: Connection) -> ReleaseKeyAnswer:
    """The trusted key (empty while none) and the rotations kept."""
    key = trusted_key(conn)
    if key is None:
        return ReleaseKeyAnswer(public_key="", key_id="", rotations=[])
    return ReleaseKeyAnswer(public_key=public_key_b64(key), key_id=key_id(key),
                            rotations=_rotations(conn))


def mount_release_key(app: FastAPI, engine: Engine, terminal: Callable[..., TerminalScope],
                      errors: dict[int | str, dict[str, Any]]) -> None:
    """Add ``GET /api/v1/release-key``; ``terminal`` is the app's token dependency."""
    auth = Annotated[TerminalScope, Depends(terminal)]

    @app.get(f"{API_PREFIX}/release-key", response_model=ReleaseKeyAnswer,
             responses={401: errors[401]})
    def get_release_key(who: auth) -> ReleaseKeyAnswer:
        """The county's release key with its rotations, oldest first: a terminal without
        a key takes it; one with an older key accepts it only through rotations each
        signed by the key before."""
        del who  # any enrolled terminal
        with engine.connect() as conn:
            return key_answer(conn)
