"""Uploading a spoken complaint's recording, in pieces that can resume (wire schema).

``PUT {API_PREFIX}/complaints/{server_id}/voice?offset=N&total=T&sha256=H`` with
``Content-Type: audio/ogg`` and the bytes ``[N, N + len)`` of the recording as
the body (at most :data:`VOICE_CHUNK_BYTES`); ``GET`` on the same path answers
how far the county has it. Both answer :class:`VoiceState`. A piece the county
already holds is acknowledged again (idempotent), a piece beyond what it holds is
refused with 409 ``voice.offset_mismatch``; the last piece makes the county check
the whole (SHA-256, Ogg/Opus, duration: kiosk.voiceclip) and keep it, or refuse
it with 422 ``voice.refused`` and forget it. docs/sync-protocol.md has examples.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from kiosk.voiceclip import CONTENT_TYPE, MAX_CLIP_BYTES

__all__ = ["CONTENT_TYPE", "MAX_CLIP_BYTES", "VOICE_CHUNK_BYTES", "VoiceState"]

#: The largest piece a terminal sends in one request (below MAX_BODY_BYTES).
VOICE_CHUNK_BYTES = 32 * 1024


class VoiceState(BaseModel):
    """How much of a complaint's recording the county holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    received: int = Field(ge=0, le=MAX_CLIP_BYTES)
    """Bytes held, from the start: the next piece starts here."""
    total: int = Field(ge=0, le=MAX_CLIP_BYTES)
    """The recording's size as announced by the first piece (0: nothing yet)."""
    complete: bool = False
    """All bytes arrived and passed the checks."""
    duration_ms: int | None = Field(default=None, ge=0)
    """The duration the county read from the recording (once complete)."""
