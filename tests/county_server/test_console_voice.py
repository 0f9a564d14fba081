"""A spoken complaint on the console: the complaint page has a playable <audio> (real
chromium), the recording is served only to those who may read the complaint, and each
listening is audited."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page
from sqlalchemy import Engine
from voice.clips import tone_clip

from county.console.audit import list_audit
from county_server.browser import Shoot, log_in
from county_server.conftest import auth, enroll_terminal
from county_server.console_data import log_in as http_log_in
from county_server.live import LiveServer


@pytest.fixture
def backend() -> str:
    """SQLite: the console's complaint tests run both backends; this adds one page item."""
    return "sqlite"


def _spoken_complaint(server: LiveServer, engine: Engine, clip: bytes) -> str:
    """A complaint of a 高村镇 terminal with its recording uploaded in one piece."""
    with httpx.Client(base_url=server.url, timeout=30) as http:
        body = enroll_terminal(engine, http)
        filed = http.post("/api/v1/complaints", headers=auth(body), json={
            "idempotency_key": "voice-console-0001",
            "ticket_no": f"{body['terminal_id']}-0009", "category": "other", "text": "",
            "anonymous": True, "created_at": "2026-11-20T02:00:00+00:00"})
        assert filed.status_code == 200, filed.text
        sid = str(filed.json()["server_id"])
        put = http.put(f"/api/v1/complaints/{sid}/voice", content=clip,
                       params={"offset": 0, "total": len(clip),
                               "sha256": hashlib.sha256(clip).hexdigest()},
                       headers={**auth(body), "Content-Type": "audio/ogg"})
        assert put.json() == {"received": len(clip), "total": len(clip), "complete": True,
                              "duration_ms": 2000}
    return sid


def test_the_complaint_page_plays_the_recording(console: LiveServer, page: Page,
                                                seeded_engine: Engine, tmp_path: Path,
                                                shoot: Shoot) -> None:
    clip = tone_clip(tmp_path, 2.0)
    sid = _spoken_complaint(console, seeded_engine, clip)
    log_in(page, console.url, "insp1")
    page.goto(f"{console.url}/complaints/{sid}")
    assert "录音（2 秒）" in page.locator("p.voice").inner_text()
    audio = page.locator("p.voice audio")
    assert audio.get_attribute("src") == f"/complaints/{sid}/voice"
    # Chromium fetches and decodes it: a real duration, no media error.
    page.wait_for_function("document.querySelector('p.voice audio').readyState >= 1")
    assert audio.evaluate("a => [Math.round(a.duration), a.error]") == [2, None]
    shoot(page, "complaint-voice")
    with httpx.Client(base_url=console.url, timeout=30) as http:
        assert http.get(f"/complaints/{sid}/voice").status_code in (303, 401, 403)  # no login
        http_log_in(http, "shiqiao")  # another township's officer
        assert http.get(f"/complaints/{sid}/voice").status_code == 403
        http.cookies.clear()
        http_log_in(http, "gaocun")
        mine = http.get(f"/complaints/{sid}/voice")
        assert (mine.status_code, mine.headers["content-type"], mine.content) == (
            200, "audio/ogg", clip)
        assert mine.headers["cache-control"] == "private, no-store"
    listened = [(r.actor, r.target) for r in list_audit(seeded_engine, action="complaint.listen")]
    assert ("insp1", sid) in listened and ("gaocun", sid) in listened
