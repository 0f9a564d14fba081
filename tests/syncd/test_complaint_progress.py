"""A complaint's progress reaches the terminal through the real sync daemon, and the
villager's 不满意 goes back through the outbox and reopens it one level up."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from county_server.live import LiveServer
from sqlalchemy import Engine

from county.complaint_flow.service import act, history
from county.complaint_flow.states import Action
from county.complaints import get_complaint, list_complaints
from kiosk.complaints import (
    ComplaintDraft,
    ComplaintError,
    Reason,
    complaints_for_holder,
    file_complaint,
    give_feedback,
)
from kiosk.store import open_store
from syncd.conftest import Terminal, write_terminal
from syncd.enroll import enroll

HOLDER = "cd" * 32


def test_progress_comes_and_not_satisfied_goes_back(county: LiveServer, county_engine: Engine,
                                                    terminal: Terminal) -> None:
    terminal_id = enroll(terminal, county_engine, county.url)
    engine = open_store(terminal.db)
    try:
        ticket = file_complaint(engine, ComplaintDraft(
            Reason.WRONG_AMOUNT, text="少发了", anonymous=False, id_hash=HOLDER, name="张三"),
            terminal_code="QS01").ticket_no
        assert terminal.run("syncd", "--once").returncode == 0
        [c] = list_complaints(county_engine, terminal_id=terminal_id)
        [mine] = complaints_for_holder(engine, HOLDER)
        # Received (受理) when the county answered the push; no progress before a step.
        assert (mine.status, mine.accepted_at, mine.can_feedback) == (None, c.received_at,
                                                                      False)
        with pytest.raises(ComplaintError) as early:
            give_feedback(engine, ticket, holder_hash=HOLDER, satisfied=False)
        assert early.value.code == "complaint.no_reply"

        now = datetime.now(UTC)
        act(county_engine, c.server_id, Action.ASSIGN, actor="gaocun", assignee="高村镇监督组",
            now=now)
        act(county_engine, c.server_id, Action.REPLY, actor="gaocun", text="已补发", now=now)
        assert terminal.run("syncd", "--once").returncode == 0
        [mine] = complaints_for_holder(engine, HOLDER)
        assert (mine.status, mine.handled_at, mine.replied_at, mine.reply_text,
                mine.can_feedback) == ("replied", now, now, "已补发", True)
        with pytest.raises(ComplaintError) as other:
            give_feedback(engine, ticket, holder_hash="ef" * 32, satisfied=False)
        assert other.value.code == "complaint.not_yours"
        give_feedback(engine, ticket, holder_hash=HOLDER, satisfied=False, reason="no_answer")
        [mine] = complaints_for_holder(engine, HOLDER)
        assert (mine.can_feedback, mine.feedback) == (False, False)  # said once, shown
        with pytest.raises(ComplaintError):
            give_feedback(engine, ticket, holder_hash=HOLDER, satisfied=True)
        assert terminal.run("syncd", "--once").returncode == 0
        after = get_complaint(county_engine, c.server_id)
        assert (after.status, after.level, after.satisfied) == ("reopened", "county", False)
        assert [h.action for h in history(county_engine, c.server_id)] == [
            "file", "assign", "reply", "not_satisfied"]
        assert terminal.run("syncd", "--once").returncode == 0
        [mine] = complaints_for_holder(engine, HOLDER)
        assert (mine.status, mine.level, mine.replied_at, mine.can_feedback) == (
            "reopened", "county", None, False)
        assert mine.reply_text == "已补发"  # the earlier reply is still readable
    finally:
        engine.dispose()


def test_an_anonymous_complaint_is_followed_at_another_terminal_with_its_code(
        county: LiveServer, county_engine: Engine, terminal: Terminal, tmp_path: Path) -> None:
    enroll(terminal, county_engine, county.url)
    engine = open_store(terminal.db)
    try:
        filed = file_complaint(engine, ComplaintDraft(Reason.CONDUCT, text="村干部吃拿卡要"),
                               terminal_code="QS01")
    finally:
        engine.dispose()
    assert len(filed.query_code) == 6 and filed.query_code.isdigit()
    assert terminal.run("syncd", "--once").returncode == 0
    [c] = [c for c in list_complaints(county_engine) if c.ticket_no == filed.ticket_no]
    assert c.anonymous
    other = write_terminal(tmp_path / "other")
    other_id = enroll(other, county_engine, county.url)
    token = json.loads(other.enrollment.read_text(encoding="utf-8"))["token"]
    with httpx.Client(base_url=county.url, timeout=30,
                      headers={"Authorization": f"Bearer {token}"}) as http:
        ok = http.post("/api/v1/complaints/lookup",
                       json={"ticket_no": filed.ticket_no, "query_code": filed.query_code})
        wrong = http.post("/api/v1/complaints/lookup", json={
            "ticket_no": filed.ticket_no,
            "query_code": f"{(int(filed.query_code) + 1) % 10**6:06d}"})
    assert ok.status_code == 200, ok.text
    assert (ok.json()["ticket_no"], ok.json()["status"]) == (filed.ticket_no, "new")
    assert wrong.status_code == 404
    assert other_id != c.terminal_id
