"""A spoken complaint's recording reaches the real county server on loopback: uploaded in
pieces after its complaint, resumed after a cut, checked (type, hash, duration) there."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from county_server.live import LiveServer
from sqlalchemy import Engine, select
from voice.clips import decoded_rms, tone_clip

from county.voice.store import clip_of, voice_duration_ms
from kiosk.complaints import ComplaintDraft, Reason, file_complaint
from kiosk.config import load_config
from kiosk.enrollment import load_enrollment
from kiosk.store import open_store
from kiosk.store.models import Complaint, ComplaintVoice
from sync.client import ClientSettings, CountyClient
from sync.errors import RejectedError
from sync.outbox import push_outbox
from sync.protocol.voice import VOICE_CHUNK_BYTES
from sync.voice_upload import push_voices
from syncd.conftest import Terminal
from syncd.enroll import enroll
from syncd.faultproxy import FaultProxy


def _client(terminal: Terminal, url: str) -> CountyClient:
    settings = ClientSettings.from_config(load_config(terminal.config).sync)
    return CountyClient(url, load_enrollment(terminal.enrollment).token, settings)


def _push_complaints(client: CountyClient, engine: Engine) -> str:
    result = push_outbox(client, engine, now=lambda: datetime.now(UTC), retry_delay=lambda n: 1.0)
    assert result.sent >= 1
    with engine.connect() as conn:
        return str(conn.execute(select(Complaint.server_id).order_by(Complaint.id.desc())
                                .limit(1)).scalar_one())


def test_resumed_after_a_cut_and_checked_at_the_county(
        county: LiveServer, county_engine: Engine, terminal: Terminal, tmp_path: Path) -> None:
    clip = tone_clip(tmp_path / "clips", 20.0)  # ≈ 60 KB: two pieces
    assert VOICE_CHUNK_BYTES < len(clip) <= 2 * VOICE_CHUNK_BYTES
    with FaultProxy(county.port) as proxy:  # the daemon's way to the county; it keeps the bytes
        enroll(terminal, county_engine, proxy.url)
        engine = open_store(terminal.db)
        try:
            file_complaint(engine, ComplaintDraft(Reason.NOT_RECEIVED, voice=clip),
                           terminal_code="QS01")
            with _client(terminal, county.url) as client:
                server_id = _push_complaints(client, engine)
                # The first half goes, then the daemon dies before it could note it.
                half = client.put_voice_piece(server_id, offset=0, total=len(clip),
                                              sha256=_sha(clip), piece=clip[:VOICE_CHUNK_BYTES])
                assert (half.received, half.complete) == (VOICE_CHUNK_BYTES, False)
                assert voice_duration_ms(county_engine, server_id) is None  # not kept half-way
            # The real daemon resumes from what the county holds: only the second half goes.
            done = terminal.run("syncd", "--once")
            assert done.returncode == 0, done.stderr[-2000:]
            sent = bytes(proxy.client_bytes)
        finally:
            engine.dispose()
    assert clip[VOICE_CHUNK_BYTES + 1000: VOICE_CHUNK_BYTES + 1200] in sent
    assert clip[1000:1200] not in sent
    assert sent.count(b"PUT /api/v1/complaints/") == 1
    engine = open_store(terminal.db)
    try:
        assert voice_duration_ms(county_engine, server_id) == 20_000
        assert clip_of(county_engine, server_id) == clip
        assert decoded_rms(clip_of(county_engine, server_id), tmp_path / "rms") > 0.15
        with engine.connect() as conn:
            row = conn.execute(select(ComplaintVoice)).one()
        assert (row.delivery, row.sent_bytes) == ("sent", len(clip))
        with _client(terminal, county.url) as client:
            # A piece sent again after completion is acknowledged, nothing changes.
            again = client.put_voice_piece(server_id, offset=0, total=len(clip),
                                           sha256=_sha(clip), piece=clip[:100])
            assert (again.received, again.complete, again.duration_ms) == (
                len(clip), True, 20_000)
            assert push_voices(client, engine).sent == 0  # nothing left to send
    finally:
        engine.dispose()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_county_refuses_what_is_not_a_recording(
        county: LiveServer, county_engine: Engine, terminal: Terminal, tmp_path: Path) -> None:
    clip = tone_clip(tmp_path / "clips", 2.0)
    too_long = tone_clip(tmp_path / "clips", 61.5)
    enroll(terminal, county_engine, county.url)
    engine = open_store(terminal.db)
    try:
        file_complaint(engine, ComplaintDraft(Reason.NOT_RECEIVED, text="一"),
                       terminal_code="QS01")
        file_complaint(engine, ComplaintDraft(Reason.NOT_RECEIVED, text="二"),
                       terminal_code="QS01")
        with _client(terminal, county.url) as client:
            _push_complaints(client, engine)
            with engine.connect() as conn:
                first, second = (str(s) for s in conn.execute(
                    select(Complaint.server_id).order_by(Complaint.id)).scalars())

            def put(sid: str, data: bytes, *, offset: int = 0, piece: bytes | None = None,
                    total: int | None = None) -> RejectedError:
                with pytest.raises(RejectedError) as refused:
                    client.put_voice_piece(sid, offset=offset, total=total or len(data),
                                           sha256=_sha(data), piece=data if piece is None
                                           else piece)
                return refused.value

            # Over a minute: refused once whole, with the reason; then forgotten.
            whole = too_long[: VOICE_CHUNK_BYTES]
            client.put_voice_piece(first, offset=0, total=len(too_long), sha256=_sha(too_long),
                                   piece=whole)
            at = VOICE_CHUNK_BYTES
            while at + VOICE_CHUNK_BYTES < len(too_long):
                client.put_voice_piece(first, offset=at, total=len(too_long),
                                       sha256=_sha(too_long),
                                       piece=too_long[at: at + VOICE_CHUNK_BYTES])
                at += VOICE_CHUNK_BYTES
            long_refusal = put(first, too_long, offset=at, piece=too_long[at:])
            assert (long_refusal.status, long_refusal.code) == (422, "voice.refused")
            assert "voice.too_long" in str(long_refusal)
            assert client.voice_state(first).received == 0
            # A gap is refused; bytes that are not the announced ones are refused.
            gap = put(second, clip, offset=10, piece=clip[10:20])
            assert (gap.status, gap.code) == (409, "voice.offset_mismatch")
            forged = bytearray(clip)
            forged[-1] ^= 0xFF
            with pytest.raises(RejectedError) as bad_hash:
                client.put_voice_piece(second, offset=0, total=len(clip), sha256=_sha(clip),
                                       piece=bytes(forged))
            assert "voice.sha256" in str(bad_hash.value)
            assert client.voice_state(second).received == 0
        # Another content type is refused before anything is read into the county.
        token = load_enrollment(terminal.enrollment).token
        answer = httpx.put(f"{county.url}/api/v1/complaints/{second}/voice",
                           params={"offset": 0, "total": len(clip), "sha256": _sha(clip)},
                           content=clip, headers={"Authorization": f"Bearer {token}",
                                                  "Content-Type": "audio/wav"})
        assert (answer.status_code, answer.json()["error"]["code"]) == (422, "voice.refused")
    finally:
        engine.dispose()
