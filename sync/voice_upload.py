"""Uploading spoken complaints' recordings after their complaints, in resumable pieces.

A recording goes once the county has its complaint (a server id). Each cycle
asks the county how far it holds the recording (``GET …/voice``), so a piece
lost with a cut connection — or a terminal restored from an older database — is
simply sent again from there, and sends the rest in pieces of
VOICE_CHUNK_BYTES, recording each acknowledged offset on the row. A recording
the county refuses (422 ``voice.refused``: not Ogg/Opus, too long, a bad hash)
is marked ``rejected`` with the reason for the clerk and never sent again; a
missing file likewise. Anything else (network, 5xx) stops the push and the next
cycle resumes.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from sqlalchemy import Engine

from kiosk.logfmt import log_event
from kiosk.voice_store import VoiceUpload, read_clip, record_progress, voices_to_upload
from sync.client import CountyClient
from sync.errors import RejectedError
from sync.protocol.voice import VOICE_CHUNK_BYTES

__all__ = ["VoiceResult", "push_voices"]

log = logging.getLogger("sync.voice")


@dataclass(frozen=True)
class VoiceResult:
    """What one push of recordings did."""

    sent: int
    rejected: int


def _reject(engine: Engine, voice: VoiceUpload, reason: str) -> None:
    record_progress(engine, voice.complaint_id, sent_bytes=voice.sent_bytes,
                    delivery="rejected", last_error=reason)
    log_event(log, logging.ERROR, "voice_rejected", ticket=voice.ticket_no, reason=reason)


def _upload(client: CountyClient, engine: Engine, voice: VoiceUpload, data: bytes) -> None:
    """Send what the county lacks of one recording; raises SyncError where it stopped."""
    state = client.voice_state(voice.server_id)
    offset = state.received if state.total == voice.size else 0
    while not state.complete:
        piece = data[offset: offset + VOICE_CHUNK_BYTES]
        state = client.put_voice_piece(voice.server_id, offset=offset, total=voice.size,
                                       sha256=voice.sha256, piece=piece)
        offset = state.received
        record_progress(engine, voice.complaint_id, sent_bytes=offset,
                        delivery="sent" if state.complete else "pending")


def push_voices(client: CountyClient, engine: Engine) -> VoiceResult:
    """Upload every pending recording whose complaint the county has, oldest first.

    Raises the SyncError (NetworkError, ServerError, …) that stopped it; what
    was acknowledged so far is kept on the rows.
    """
    sent = rejected = 0
    for voice in voices_to_upload(engine):
        try:
            data = read_clip(engine, voice.file_name)
        except (OSError, ValueError) as exc:
            _reject(engine, voice, f"local.missing_file: {type(exc).__name__}")
            rejected += 1
            continue
        if len(data) != voice.size or hashlib.sha256(data).hexdigest() != voice.sha256:
            _reject(engine, voice, "local.changed_file: size or SHA-256 differ from the row")
            rejected += 1
            continue
        try:
            _upload(client, engine, voice, data)
        except RejectedError as exc:
            if exc.code not in ("voice.refused", "voice.changed"):
                raise
            _reject(engine, voice, str(exc))
            rejected += 1
            continue
        log_event(log, logging.INFO, "voice_sent", ticket=voice.ticket_no, bytes=voice.size)
        sent += 1
    return VoiceResult(sent, rejected)
