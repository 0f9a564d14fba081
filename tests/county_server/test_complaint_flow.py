"""Complaint handling on a real database (SQLite and PostgreSQL): every step, its history,
time limits, escalation with a fixed clock, staff-registered channels, villagers' feedback."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from county.app import create_app
from county.complaint_flow.limits import LimitError, TimeLimit, set_time_limit, urgency
from county.complaint_flow.service import (
    InputRefused,
    act,
    escalate_overdue,
    feedback,
    history,
    register,
)
from county.complaint_flow.states import Action, TransitionRefused
from county.complaints import NoSuchComplaintError, get_complaint
from county_server.complaint_data import T0, file_from, new_terminal


def test_a_kiosk_complaint_starts_new_at_its_township_with_a_deadline(
        seeded_engine: Engine) -> None:
    terminal = new_terminal(seeded_engine)
    c = get_complaint(seeded_engine, file_from(seeded_engine, terminal, 1))
    assert (c.status, c.level, c.channel, c.township, c.village) == (
        "new", "township", "kiosk", "高村镇", "青山村")
    assert c.due_at == T0 + timedelta(days=15) and c.level_since == T0
    [filed] = history(seeded_engine, c.server_id)
    assert (filed.action, filed.actor, filed.to_status, filed.at) == (
        "file", f"terminal {terminal}", "new", T0)


def test_the_whole_life_with_history(seeded_engine: Engine) -> None:
    sid = file_from(seeded_engine, new_terminal(seeded_engine), 1)
    act(seeded_engine, sid, Action.ASSIGN, actor="insp1", assignee="高村镇监督组",
        now=T0 + timedelta(hours=1), note="请核实")
    act(seeded_engine, sid, Action.START, actor="gaocun", now=T0 + timedelta(hours=2))
    c = act(seeded_engine, sid, Action.REPLY, actor="gaocun", text="已核实，下月补发。\x1b[2J",
            now=T0 + timedelta(days=3))
    assert (c.status, c.reply_text, c.reply_at) == ("replied", "已核实，下月补发。[2J",
                                                    T0 + timedelta(days=3))
    assert c.due_at == T0 + timedelta(days=3 + 60)  # now the time to close runs
    c = act(seeded_engine, sid, Action.CLOSE, actor="gaocun", now=T0 + timedelta(days=4))
    assert (c.status, c.due_at) == ("closed", None)
    steps = history(seeded_engine, sid)
    assert [(h.action, h.actor, h.from_status, h.to_status, h.note) for h in steps] == [
        ("file", steps[0].actor, "new", "new", ""),
        ("assign", "insp1", "new", "assigned", "请核实"),
        ("start", "gaocun", "assigned", "in_progress", ""),
        ("reply", "gaocun", "in_progress", "replied", "已核实，下月补发。[2J"),
        ("close", "gaocun", "replied", "closed", "")]


def test_refused_changes_write_nothing(seeded_engine: Engine) -> None:
    sid = file_from(seeded_engine, new_terminal(seeded_engine), 1)
    with pytest.raises(TransitionRefused, match=r"cannot close a complaint that is new"):
        act(seeded_engine, sid, Action.CLOSE, actor="insp1", now=T0)
    with pytest.raises(TransitionRefused, match="cannot reply a complaint that is new"):
        act(seeded_engine, sid, Action.REPLY, actor="insp1", text="x", now=T0)
    with pytest.raises(InputRefused, match="assignee is empty"):
        act(seeded_engine, sid, Action.ASSIGN, actor="insp1", assignee=" \x07", now=T0)
    with pytest.raises(InputRefused, match="not an officer's action"):
        act(seeded_engine, sid, Action.SATISFIED, actor="insp1", now=T0)
    with pytest.raises(NoSuchComplaintError):
        act(seeded_engine, "C9999999", Action.ASSIGN, actor="insp1", assignee="x", now=T0)
    assert get_complaint(seeded_engine, sid).status == "new"
    assert len(history(seeded_engine, sid)) == 1


def test_escalation_by_time_with_a_fixed_clock(seeded_engine: Engine) -> None:
    terminal = new_terminal(seeded_engine)
    set_time_limit(seeded_engine, TimeLimit("impersonated", 3, 10), actor="it1", now=T0)
    slow = file_from(seeded_engine, terminal, 1)                       # 15 days
    fast = file_from(seeded_engine, terminal, 2, category="impersonated")  # 3 days
    answered = file_from(seeded_engine, terminal, 3, category="impersonated")
    act(seeded_engine, answered, Action.ASSIGN, actor="insp1", assignee="高村镇监督组", now=T0)
    act(seeded_engine, answered, Action.REPLY, actor="gaocun", text="已办", now=T0)
    assert get_complaint(seeded_engine, fast).due_at == T0 + timedelta(days=3)
    assert escalate_overdue(seeded_engine, now=T0 + timedelta(days=3) - timedelta(seconds=1)) == []
    assert escalate_overdue(seeded_engine, now=T0 + timedelta(days=3)) == [fast]
    c = get_complaint(seeded_engine, fast)
    assert (c.status, c.level, c.assignee, c.level_since) == (
        "new", "county", "", T0 + timedelta(days=3))
    assert c.due_at == T0 + timedelta(days=6)  # the county's own 3 days start now
    last = history(seeded_engine, fast)[-1]
    assert (last.action, last.actor, last.level) == ("escalate", "system", "county")
    assert last.note.startswith("overdue: due 2026-11-05")
    # Again at the same time: nothing more; at the county nothing escalates further.
    assert escalate_overdue(seeded_engine, now=T0 + timedelta(days=3)) == []
    assert escalate_overdue(seeded_engine, now=T0 + timedelta(days=30)) == [slow]
    assert get_complaint(seeded_engine, answered).level == "township"  # replied: not overdue


def test_urgency_colours() -> None:
    due = T0 + timedelta(days=4)
    assert urgency(due, T0, T0) == "green"
    assert urgency(due, T0, T0 + timedelta(days=3)) == "green"   # exactly 25 % left
    assert urgency(due, T0, T0 + timedelta(days=3, seconds=1)) == "amber"
    assert urgency(due, T0, due) == "red"
    assert urgency(None, T0, T0) == ""


def test_time_limits_are_checked(seeded_engine: Engine) -> None:
    with pytest.raises(LimitError, match="1 to 365"):
        set_time_limit(seeded_engine, TimeLimit("other", 0, 10), actor="it1", now=T0)
    with pytest.raises(LimitError, match="fewer than"):
        set_time_limit(seeded_engine, TimeLimit("other", 10, 5), actor="it1", now=T0)


def test_two_person_approval_per_category(seeded_engine: Engine) -> None:
    set_time_limit(seeded_engine, TimeLimit("impersonated", 5, 30, needs_approval=True),
                   actor="it1", now=T0)
    sid = file_from(seeded_engine, new_terminal(seeded_engine), 1, category="impersonated")
    act(seeded_engine, sid, Action.ASSIGN, actor="insp1", assignee="县民政局", now=T0)
    with pytest.raises(TransitionRefused, match="second person's approval"):
        act(seeded_engine, sid, Action.REPLY, actor="insp1", text="已核实", now=T0)
    c = act(seeded_engine, sid, Action.DRAFT, actor="insp1", text="已核实，系冒领。", now=T0)
    assert (c.status, c.draft_reply, c.draft_by, c.reply_text) == (
        "in_progress", "已核实，系冒领。", "insp1", None)
    with pytest.raises(TransitionRefused, match="your own draft"):
        act(seeded_engine, sid, Action.APPROVE, actor="insp1", now=T0)
    c = act(seeded_engine, sid, Action.APPROVE, actor="insp2", now=T0 + timedelta(hours=1))
    assert (c.status, c.reply_text, c.draft_reply) == ("replied", "已核实，系冒领。", None)
    assert [h.actor for h in history(seeded_engine, sid)][-2:] == ["insp1", "insp2"]


def test_not_satisfied_reopens_one_level_up_once_per_key(seeded_engine: Engine) -> None:
    terminal = new_terminal(seeded_engine)
    sid = file_from(seeded_engine, terminal, 1, name="张三")
    with pytest.raises(TransitionRefused, match="not_satisfied a complaint that is new"):
        feedback(seeded_engine, sid, terminal_id=terminal, idempotency_key="fb-000001",
                 satisfied=False, now=T0)
    act(seeded_engine, sid, Action.ASSIGN, actor="insp1", assignee="高村镇监督组", now=T0)
    act(seeded_engine, sid, Action.REPLY, actor="gaocun", text="已补发", now=T0)
    later = T0 + timedelta(days=20)
    with pytest.raises(NoSuchComplaintError):
        feedback(seeded_engine, sid, terminal_id="T99999", idempotency_key="fb-000001",
                 satisfied=False, now=later)
    with pytest.raises(InputRefused, match="unknown reason"):
        feedback(seeded_engine, sid, terminal_id=terminal, idempotency_key="fb-000001",
                 satisfied=False, reason="bogus", now=later)
    first = feedback(seeded_engine, sid, terminal_id=terminal, idempotency_key="fb-000001",
                     satisfied=False, reason="no_answer", now=later)
    again = feedback(seeded_engine, sid, terminal_id=terminal, idempotency_key="fb-000001",
                     satisfied=False, reason="no_answer", now=later + timedelta(minutes=5))
    assert (first.duplicate, again.duplicate) == (False, True)
    c = again.complaint
    assert (c.status, c.level, c.satisfied, c.assignee) == ("reopened", "county", False, "")
    assert c.due_at == later + timedelta(days=15)
    last = history(seeded_engine, sid)[-1]
    assert (last.action, last.note, last.level) == ("not_satisfied", "没有解决问题", "county")
    assert len(history(seeded_engine, sid)) == 4
    # Reassigned at the county, answered again, and this time the villager is satisfied.
    act(seeded_engine, sid, Action.ASSIGN, actor="insp1", assignee="县纪委第一室", now=later)
    act(seeded_engine, sid, Action.REPLY, actor="insp1", text="县纪委已督办补发", now=later)
    done = feedback(seeded_engine, sid, terminal_id=terminal, idempotency_key="fb-000002",
                    satisfied=True, now=later)
    assert (done.complaint.status, done.complaint.satisfied) == ("closed", True)


def test_staff_register_complaints_of_other_channels(seeded_engine: Engine) -> None:
    c = register(seeded_engine, channel="hotline", category="conduct", text="村干部优亲厚友",
                 township="石桥乡", village="河湾村", name="李四", phone="13800000000",
                 actor="insp1", now=T0)
    assert (c.channel, c.terminal_id, c.status, c.level, c.township, c.anonymous, c.name) == (
        "hotline", None, "new", "township", "石桥乡", False, "李四")
    assert c.ticket_no == f"HOTLINE-{int(c.server_id[1:]):07d}"
    official = register(seeded_engine, channel="letter", category="conduct",
                        text="乡镇干部截留补贴", township="石桥乡", about_official=True,
                        actor="insp1", now=T0)
    assert (official.level, official.anonymous) == ("county", True)
    assert history(seeded_engine, official.server_id)[0].note == "来信"
    act(seeded_engine, c.server_id, Action.ASSIGN, actor="insp1", assignee="石桥乡监督组",
        now=T0)
    for bad, match in (({"channel": "kiosk"}, "hotline, letter or visit"),
                       ({"text": " "}, "text is empty"), ({"township": ""}, "township")):
        args = {"channel": "visit", "category": "other", "text": "来访", "township": "石桥乡",
                **bad}
        with pytest.raises(InputRefused, match=match):
            register(seeded_engine, actor="insp1", now=T0, **args)  # type: ignore[arg-type]


def test_the_server_escalates_overdue_complaints_on_its_own(seeded_engine: Engine) -> None:
    terminal = new_terminal(seeded_engine)
    old = file_from(seeded_engine, terminal, 1, at=datetime.now(UTC) - timedelta(days=16))
    fresh = file_from(seeded_engine, terminal, 2, at=datetime.now(UTC))

    async def serve_until_escalated() -> None:
        app = create_app(seeded_engine, escalate_every_s=0.05)
        async with app.router.lifespan_context(app):  # what uvicorn runs around serving
            deadline = time.monotonic() + 60
            while get_complaint(seeded_engine, old).level != "county":
                assert time.monotonic() < deadline, "the server never escalated the complaint"
                await asyncio.sleep(0.05)

    asyncio.run(serve_until_escalated())
    assert history(seeded_engine, old)[-1].actor == "system"
    assert get_complaint(seeded_engine, fresh).level == "township"
