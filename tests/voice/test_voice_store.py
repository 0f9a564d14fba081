"""A recording is filed with its complaint: a 0600 file in the data dir, in one transaction."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.complaints import ComplaintDraft, Reason, file_complaint
from kiosk.store import open_store
from kiosk.store.models import ComplaintVoice
from kiosk.voice_store import read_clip, voice_dir, voices_to_upload
from kiosk.voiceclip import ClipError
from voice.clips import tone_clip


def test_filed_with_its_complaint(tmp_path: Path) -> None:
    clip = tone_clip(tmp_path / "src", 2.0)
    engine = open_store(tmp_path / "data" / "kiosk.db")
    try:
        # An "other" complaint with neither text nor item is valid when it is spoken.
        filed = file_complaint(engine, ComplaintDraft(Reason.OTHER, voice=clip),
                               terminal_code="QS01")
        with engine.connect() as conn:
            row = conn.execute(select(ComplaintVoice)).one()
        assert (row.complaint_id, row.size, row.duration_ms, row.sent_bytes, row.delivery) == (
            filed.id, len(clip), 2000, 0, "pending")
        path = voice_dir(engine) / row.file_name
        assert path.parent == tmp_path / "data" / "voice"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert read_clip(engine, row.file_name) == clip
        assert voices_to_upload(engine) == []  # not before the county has the complaint
    finally:
        engine.dispose()


def test_a_bad_recording_files_nothing(tmp_path: Path) -> None:
    engine = open_store(tmp_path / "kiosk.db")
    try:
        with pytest.raises(ClipError):
            file_complaint(engine, ComplaintDraft(Reason.OTHER, text="x", voice=b"RIFF....WAVE"),
                           terminal_code="QS01")
        with engine.connect() as conn:
            assert conn.execute(select(ComplaintVoice)).all() == []
        assert not voice_dir(engine).exists()  # checked before anything is written
    finally:
        engine.dispose()
