"""Spoken complaints on the terminal: the recording's file and its upload bookkeeping.

A recording (Ogg/Opus, checked by :func:`kiosk.voiceclip.inspect_clip`) is kept
as a file of its own in ``voice/`` beside the database (0600, directory 0700:
it is a villager's voice), named by a random id, never by ticket or person.
:func:`kiosk.complaints.file_complaint` writes the file first and its
``complaint_voice`` row in the complaint's own durable transaction; if that
transaction fails the file is removed, so a complaint never points at a missing
file and no file outlives a complaint that was never filed.

The sync daemon reads the recordings whose complaint the county has received
(:func:`voices_to_upload`) and records how far each upload got
(:func:`record_progress`), so a cut connection resumes where it stopped.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select, update

from kiosk.files import atomic_write_bytes
from kiosk.store.engine import write_connection
from kiosk.store.models import Complaint, ComplaintVoice
from kiosk.voiceclip import ClipInfo, inspect_clip

__all__ = [
    "StoredClip",
    "VoiceUpload",
    "discard_clip_file",
    "read_clip",
    "record_progress",
    "save_clip_file",
    "voice_dir",
    "voice_row",
    "voices_to_upload",
]


@dataclass(frozen=True)
class StoredClip:
    """A recording written to ``voice/``, not yet tied to a complaint."""

    file_name: str
    info: ClipInfo
    sha256: str


@dataclass(frozen=True)
class VoiceUpload:
    """A recording the sync daemon has to (finish) sending."""

    complaint_id: int
    ticket_no: str
    server_id: str
    file_name: str
    size: int
    sha256: str
    sent_bytes: int


def voice_dir(engine: Engine) -> Path:
    """The directory of the recordings: ``voice/`` beside the database file."""
    database = engine.url.database
    if not database or database == ":memory:":
        raise ValueError("recordings need a database file")
    return Path(database).parent / "voice"


def save_clip_file(engine: Engine, data: bytes) -> StoredClip:
    """Check ``data`` and write it durably as a new 0600 file in :func:`voice_dir`.

    Raises :class:`kiosk.voiceclip.ClipError` (not stored) or ``OSError``.
    """
    info = inspect_clip(data)
    folder = voice_dir(engine)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}.opus"
    atomic_write_bytes(folder / name, data, mode=0o600)
    return StoredClip(name, info, hashlib.sha256(data).hexdigest())


def voice_row(conn: Connection, complaint_id: int, clip: StoredClip) -> None:
    """Insert the ``complaint_voice`` row of ``clip`` (inside the complaint's transaction)."""
    conn.execute(insert(ComplaintVoice).values(
        complaint_id=complaint_id, file_name=clip.file_name, size=clip.info.size,
        sha256=clip.sha256, duration_ms=clip.info.duration_ms, sent_bytes=0,
        delivery="pending"))


def discard_clip_file(engine: Engine, clip: StoredClip) -> None:
    """Remove a clip file whose complaint was not filed (best effort)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(voice_dir(engine) / clip.file_name)


def read_clip(engine: Engine, file_name: str) -> bytes:
    """The bytes of a stored recording. Raises ``OSError``."""
    if "/" in file_name or file_name.startswith("."):
        raise ValueError(f"not a recording's file name: {file_name!r}")
    return (voice_dir(engine) / file_name).read_bytes()


def voices_to_upload(engine: Engine) -> list[VoiceUpload]:
    """Pending recordings whose complaint the county has (oldest first)."""
    query = (select(ComplaintVoice.complaint_id, Complaint.ticket_no, Complaint.server_id,
                    ComplaintVoice.file_name, ComplaintVoice.size, ComplaintVoice.sha256,
                    ComplaintVoice.sent_bytes)
             .join(Complaint, Complaint.id == ComplaintVoice.complaint_id)
             .where(ComplaintVoice.delivery == "pending", Complaint.delivery == "sent",
                    Complaint.server_id.is_not(None))
             .order_by(ComplaintVoice.complaint_id))
    with engine.connect() as conn:
        return [VoiceUpload(r.complaint_id, r.ticket_no, str(r.server_id), r.file_name,
                            r.size, r.sha256, r.sent_bytes) for r in conn.execute(query)]


def record_progress(engine: Engine, complaint_id: int, *, sent_bytes: int,
                    delivery: str = "pending", last_error: str | None = None) -> None:
    """Store how far the county acknowledged a recording (and whether it is done)."""
    with write_connection(engine) as conn:
        conn.execute(update(ComplaintVoice)
                     .where(ComplaintVoice.complaint_id == complaint_id)
                     .values(sent_bytes=sent_bytes, delivery=delivery,
                             last_error=None if last_error is None else last_error[:500]))
