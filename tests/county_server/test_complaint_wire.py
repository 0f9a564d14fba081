"""Complaint progress in `changes` and villagers' feedback over the real HTTP API."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from sqlalchemy import Engine

from county.complaint_flow.service import act, history
from county.complaint_flow.states import Action
from county.complaints import get_complaint
from county_server.conftest import auth, enroll_terminal
from county_server.sync_api import complaint, pull_all
from sync.protocol import ComplaintProgress

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


def _progress(client: httpx.Client, terminal: dict[str, str],
              since: str) -> tuple[list[ComplaintProgress], str]:
    pages, cursor = pull_all(client, auth(terminal), since=since)
    return [p for page in pages for p in page.complaint_progress], cursor


def test_progress_travels_and_not_satisfied_reopens_one_level_up(
        seeded_engine: Engine, client: httpx.Client, terminal: dict[str, str]) -> None:
    _, cursor = pull_all(client, auth(terminal))
    filed = client.post("/api/v1/complaints", headers=auth(terminal),
                        json=complaint("wire-flow-0001",
                                        ticket_no=f"{terminal['terminal_id']}-000001"))
    sid = filed.json()["server_id"]
    early = client.post(f"/api/v1/complaints/{sid}/feedback", headers=auth(terminal), json={
        "idempotency_key": "fb-early-01", "satisfied": False,
        "created_at": NOW.isoformat()})
    assert early.status_code == 409
    assert early.json()["error"]["code"] == "complaint.transition_refused"
    act(seeded_engine, sid, Action.ASSIGN, actor="insp1", assignee="高村镇监督组", now=NOW)
    [assigned], cursor = _progress(client, terminal, cursor)
    assert (assigned.server_id, assigned.status, assigned.level, assigned.handled_at,
            assigned.replied_at, assigned.can_feedback) == (sid, "assigned", "township", NOW,
                                                            None, False)
    act(seeded_engine, sid, Action.REPLY, actor="gaocun", text="已补发", now=NOW)
    [replied], cursor = _progress(client, terminal, cursor)
    assert (replied.status, replied.reply_text, replied.replied_at, replied.can_feedback) == (
        "replied", "已补发", NOW, True)

    body = {"idempotency_key": "fb-wire-0001", "satisfied": False, "reason": "no_answer",
            "created_at": NOW.isoformat()}
    answers = [client.post(f"/api/v1/complaints/{sid}/feedback", headers=auth(terminal),
                           json=body) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200], answers[0].text
    assert [(a.json()["status"], a.json()["level"], a.json()["duplicate"]) for a in answers] == [
        ("reopened", "county", False), ("reopened", "county", True)]
    assert [h.action for h in history(seeded_engine, sid)].count("not_satisfied") == 1
    [reopened], _ = _progress(client, terminal, cursor)
    assert (reopened.status, reopened.level, reopened.handled_at, reopened.replied_at,
            reopened.can_feedback) == ("reopened", "county", None, None, False)
    assert get_complaint(seeded_engine, sid).satisfied is False


def test_feedback_is_only_for_the_terminal_that_filed_and_well_formed(
        seeded_engine: Engine, client: httpx.Client, terminal: dict[str, str]) -> None:
    filed = client.post("/api/v1/complaints", headers=auth(terminal),
                        json=complaint("wire-flow-0002",
                                        ticket_no=f"{terminal['terminal_id']}-000002"))
    sid = filed.json()["server_id"]
    other = enroll_terminal(seeded_engine, client, village="白岩村")
    body = {"idempotency_key": "fb-wire-0002", "satisfied": True,
            "created_at": NOW.isoformat()}
    stranger = client.post(f"/api/v1/complaints/{sid}/feedback", headers=auth(other),
                           json=body)
    assert stranger.status_code == 404
    for bad in ({**body, "reason": "whatever"}, {**body, "note": "free text"},
                {**body, "idempotency_key": "短"}):
        answer = client.post(f"/api/v1/complaints/{sid}/feedback", headers=auth(terminal),
                             json=bad)
        assert answer.status_code == 422, bad
    assert client.post(f"/api/v1/complaints/{sid}/feedback", json=body).status_code == 401


def test_any_terminal_follows_a_complaint_with_ticket_and_code(
        seeded_engine: Engine, client: httpx.Client, terminal: dict[str, str]) -> None:
    ticket = f"{terminal['terminal_id']}-000003"
    filed = client.post("/api/v1/complaints", headers=auth(terminal), json=complaint(
        "wire-flow-0003", ticket_no=ticket, anonymous=True, id_hash=None, name=None,
        query_code="407215"))
    assert filed.status_code == 200, filed.text
    elsewhere = enroll_terminal(seeded_engine, client, township="石桥乡", village="河湾村")

    def look(code: str, who: dict[str, str] = elsewhere) -> httpx.Response:
        return client.post("/api/v1/complaints/lookup", headers=auth(who),
                           json={"ticket_no": ticket, "query_code": code})

    first = look("407215")
    assert first.status_code == 200, first.text
    assert (first.json()["status"], first.json()["reply_text"]) == ("new", None)
    assert "name" not in first.json() and "text" not in first.json()
    sid = filed.json()["server_id"]
    act(seeded_engine, sid, Action.ASSIGN, actor="insp1", assignee="高村镇监督组", now=NOW)
    act(seeded_engine, sid, Action.REPLY, actor="gaocun", text="已查实并纠正", now=NOW)
    answered = look("407215").json()
    assert (answered["status"], answered["reply_text"], answered["replied_at"]) == (
        "replied", "已查实并纠正", "2026-11-22T02:00:00Z")
    # Wrong codes: the same answer as an unknown ticket, and five of them lock the ticket.
    for _ in range(5):
        wrong = look("000000")
        assert (wrong.status_code, wrong.json()["error"]["code"]) == (
            404, "complaint.lookup_failed")
    locked = look("407215", terminal)  # even the right code, from any terminal
    assert (locked.status_code, locked.json()["error"]["code"]) == (
        429, "complaint.lookup_limited")
    assert int(locked.headers["Retry-After"]) > 0
    assert look("12345").status_code == 422  # not six digits
    unknown = client.post("/api/v1/complaints/lookup", headers=auth(elsewhere),
                          json={"ticket_no": "T99999-000001", "query_code": "407215"})
    assert unknown.status_code == 404
