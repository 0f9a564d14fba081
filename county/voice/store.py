"""Receiving a complaint's recording piece by piece, and reading it back for the console.

A terminal may lose its connection in the middle of an upload and send a piece
again: a piece that starts inside what is held is acknowledged and only its new
bytes kept; one that starts beyond is refused (``voice.offset_mismatch``) so no
gap is ever stored. When the last byte arrives the whole recording is checked —
its SHA-256 against the one announced, then :func:`kiosk.voiceclip.inspect_clip`
(Ogg/Opus, at most 60 s, not empty, size cap) — and kept with the duration the
county read itself, or forgotten (``voice.refused``) so a fixed upload can start
again. Only the terminal that filed a complaint may upload its recording.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Connection, Engine, delete, insert, select, update

from county.complaints import NoSuchComplaintError, parse_server_id
from county.errors import CountyError
from county.models import Complaint
from county.voice.models import ComplaintVoice
from kiosk.voiceclip import MAX_CLIP_BYTES, ClipError, inspect_clip
from sync.protocol.errors import ErrorCode
from sync.protocol.voice import VoiceState

__all__ = ["VoiceError", "clip_of", "receive_piece", "voice_duration_ms", "voice_state"]

_SHA = frozenset("0123456789abcdef")


class VoiceError(CountyError):
    """An upload piece the county refuses; ``code`` is a sync.protocol ErrorCode value
    (``voice.offset_mismatch``, ``voice.changed``, ``voice.refused``)."""

    code = ErrorCode.VOICE_REFUSED.value

    def __init__(self, message: str, *, code: ErrorCode) -> None:
        super().__init__(message)
        self.code = code.value
        self.error_code = code


def _complaint_of(conn: Connection, server_id: str, terminal_id: str) -> int:
    """The row id of the terminal's own complaint; NoSuchComplaintError otherwise."""
    complaint_id = parse_server_id(server_id)
    owner = conn.execute(
        select(Complaint.terminal_id).where(Complaint.id == complaint_id)).first()
    if owner is None or owner.terminal_id != terminal_id:
        raise NoSuchComplaintError(f"no complaint {server_id} of this terminal")
    return complaint_id


def _state(row: ComplaintVoice | None) -> VoiceState:
    if row is None:
        return VoiceState(received=0, total=0)
    return VoiceState(received=row.received_bytes, total=row.total_bytes,
                      complete=row.complete, duration_ms=row.duration_ms)


def voice_state(engine: Engine, server_id: str, *, terminal_id: str) -> VoiceState:
    """How much of the recording of ``server_id`` the county holds (0 if none).

    Raises NoSuchComplaintError for a complaint that is not this terminal's.
    """
    with engine.connect() as conn:
        complaint_id = _complaint_of(conn, server_id, terminal_id)
        row = conn.execute(select(ComplaintVoice).where(
            ComplaintVoice.complaint_id == complaint_id)).first()
    return _state(None if row is None else ComplaintVoice(**row._asdict()))


def receive_piece(engine: Engine, server_id: str, *, terminal_id: str, offset: int,
                  total: int, sha256: str, body: bytes, now: datetime) -> VoiceState:
    """Keep the bytes ``[offset, offset + len(body))`` of the recording of ``server_id``.

    Idempotent: a piece already held changes nothing and answers the same
    state. Raises NoSuchComplaintError (not this terminal's complaint) or
    :class:`VoiceError` (see the module docstring); a refused complete
    recording is deleted.
    """
    sha256 = sha256.lower()
    if not 0 < total <= MAX_CLIP_BYTES or len(sha256) != 64 or not set(sha256) <= _SHA:
        raise VoiceError(f"announced size {total} (at most {MAX_CLIP_BYTES}) or SHA-256 "
                         "not acceptable", code=ErrorCode.VOICE_REFUSED)
    with engine.begin() as conn:
        complaint_id = _complaint_of(conn, server_id, terminal_id)
        found = conn.execute(select(ComplaintVoice).where(
            ComplaintVoice.complaint_id == complaint_id).with_for_update()).first()
        if found is None:
            conn.execute(insert(ComplaintVoice).values(
                complaint_id=complaint_id, total_bytes=total, sha256=sha256, received_bytes=0,
                data=b"", complete=False, started_at=now))
            row = ComplaintVoice(complaint_id=complaint_id, total_bytes=total, sha256=sha256,
                                 received_bytes=0, data=b"", complete=False)
        else:
            row = ComplaintVoice(**found._asdict())
        if row.total_bytes != total or row.sha256 != sha256:
            raise VoiceError("this upload began with another size or SHA-256",
                             code=ErrorCode.VOICE_CHANGED)
        if offset > row.received_bytes:
            raise VoiceError(f"piece at {offset}; the county holds {row.received_bytes} bytes",
                             code=ErrorCode.VOICE_OFFSET)
        fresh = body[row.received_bytes - offset:]
        if row.complete or not fresh:
            return _state(row)
        data = row.data + fresh
        if len(data) > total:
            raise VoiceError(f"{len(data)} bytes sent; {total} announced",
                             code=ErrorCode.VOICE_REFUSED)
        values: dict[str, object] = {"data": data, "received_bytes": len(data)}
        refusal: VoiceError | None = None
        if len(data) == total:
            try:
                values.update(duration_ms=_duration_of(data, sha256), complete=True,
                              completed_at=now)
            except VoiceError as exc:  # forgotten, so that a fixed upload can start again
                refusal = exc
        where = ComplaintVoice.complaint_id == complaint_id
        if refusal is None:
            conn.execute(update(ComplaintVoice).where(where).values(**values))
        else:
            conn.execute(delete(ComplaintVoice).where(where))
    if refusal is not None:
        raise refusal
    duration = values.get("duration_ms")
    return VoiceState(received=len(data), total=total, complete=len(data) == total,
                      duration_ms=duration if isinstance(duration, int) else None)


def _duration_of(data: bytes, sha256: str) -> int:
    """The duration of a complete recording (ms); VoiceError if it is not acceptable."""
    try:
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ClipError("the bytes do not match the announced SHA-256", code="voice.sha256")
        return inspect_clip(data).duration_ms
    except ClipError as exc:
        raise VoiceError(f"{exc.code}: {exc}", code=ErrorCode.VOICE_REFUSED) from None


def voice_duration_ms(engine: Engine, server_id: str) -> int | None:
    """The duration of the complete recording of ``server_id``, or None if there is none."""
    with engine.connect() as conn:
        return conn.execute(select(ComplaintVoice.duration_ms).where(
            ComplaintVoice.complaint_id == parse_server_id(server_id),
            ComplaintVoice.complete.is_(True))).scalar_one_or_none()


def clip_of(engine: Engine, server_id: str) -> bytes:
    """The complete recording of ``server_id``; NoSuchComplaintError if there is none."""
    with engine.connect() as conn:
        data = conn.execute(select(ComplaintVoice.data).where(
            ComplaintVoice.complaint_id == parse_server_id(server_id),
            ComplaintVoice.complete.is_(True))).scalar_one_or_none()
    if data is None:
        raise NoSuchComplaintError(f"no recording with complaint {server_id}")
    return bytes(data)
