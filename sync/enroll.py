"""Enrollment: trade the county's one-time code for this terminal's credentials.

The answer (terminal id, bearer token, lookup key, release public key) is
written to the enrollment file atomically with mode 0600. The lookup key is
used only locally from then on (to hash the number read from a card); no
request ever carries it again.
"""

from __future__ import annotations

import base64
import binascii

from sqlalchemy import Engine

from kiosk import clock
from kiosk.config import Config
from kiosk.enrollment import Enrollment, save_enrollment
from kiosk.store import write_connection
from sync.client import ClientSettings, CountyClient
from sync.enroll_village import village_material
from sync.errors import ProtocolError
from sync.protocol import EnrollResponse
from sync.snapshot import SnapshotStage, stage_path_for
from sync.state import update_state

__all__ = ["enroll_terminal"]


def enroll_terminal(config: Config, engine: Engine, code: str,
                    server_url: str) -> EnrollResponse:
    """Enroll with ``server_url``; save the credentials; reset the sync state.

    A new enrollment may belong to another county (another lookup key), so
    the cursor is forgotten: the next cycle loads a fresh snapshot (the old
    data stays on screen until it is complete). Raises SyncError (e.g.
    RejectedError ``enroll.invalid_code``), ProtocolError for an unusable
    lookup key, ``OSError`` if the file cannot be written.
    """
    server = server_url.rstrip("/")
    with CountyClient(server, None, ClientSettings.from_config(config.sync)) as client:
        answer = client.enroll(code, terminal_code=config.terminal.code)
    kdf, receipt = village_material(answer)
    try:
        key = base64.b64decode(answer.lookup_key, validate=True)
    except binascii.Error:
        raise ProtocolError("POST /enroll: lookup_key is not base64") from None
    if len(key) < 16 and kdf is None:
        raise ProtocolError("POST /enroll: lookup_key is shorter than 16 bytes")
    save_enrollment(config.enrollment.file, Enrollment(
        answer.terminal_id, answer.token, key, server, answer.release_public_key,
        clock.now(), kdf, receipt))
    SnapshotStage(stage_path_for(config.store.path)).discard()
    with write_connection(engine) as conn:
        update_state(conn, cursor=None, last_error=None, last_error_code=None,
                     release_available=None, settings_version=None)
    return answer
