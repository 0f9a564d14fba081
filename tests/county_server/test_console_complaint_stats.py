"""Complaint handling figures of /dashboard on both databases: a seeded set of complaints
with known replies, deadlines, feedback and a reopening gives exact figures, in the
function and on the page (real HTTP); a township user sees only its township's."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from county.complaint_flow.limits import TimeLimit, set_time_limit
from county.complaint_flow.service import act, feedback, register
from county.complaint_flow.states import Action
from county.complaints import get_complaint
from county.console.complaint_stats import complaint_figures
from county.console.stats import Area, last_months
from county_server.conftest import auth, enroll_terminal
from county_server.console_data import add_townships, add_users, log_in
from county_server.live import LiveServer
from kiosk import clock
from kiosk.timefmt import to_local

H = timedelta(hours=1)
#: A staff-registered category with markup: the page must show it as text.
ODD = "<i>其他渠道</i>"


def _file(http: httpx.Client, body: dict[str, str], key: str, category: str) -> str:
    answer = http.post("/api/v1/complaints", headers=auth(body), json={
        "idempotency_key": key, "ticket_no": f"{body['terminal_id']}-{key[-4:]}",
        "category": category, "text": "补贴没有按时发放", "created_at": clock.now().isoformat()})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["server_id"])


def _reply(engine: Engine, sid: str, at: datetime) -> None:
    act(engine, sid, Action.ASSIGN, actor="insp1", now=at - H, assignee="高村镇监督组")
    act(engine, sid, Action.REPLY, actor="insp1", now=at, text="已核实并补发")


@pytest.fixture
def seeded(server: LiveServer, seeded_engine: Engine, tmp_path: Path) -> datetime:
    """Three kiosk complaints of 高村镇 (this month) and one hotline complaint of 石桥乡
    (40 days ago, a category with markup); answers when the last step was taken."""
    engine = seeded_engine
    add_users(engine)
    add_townships(engine, tmp_path)
    start = clock.now()
    set_time_limit(engine, TimeLimit("wrong_amount", 2, 10), actor="it1", now=start)
    set_time_limit(engine, TimeLimit(ODD, 1, 10), actor="it1", now=start)
    with httpx.Client(base_url=server.url, timeout=30) as http:
        body = enroll_terminal(engine, http)
        k1 = _file(http, body, "stats-0001", "not_received")
        k2 = _file(http, body, "stats-0002", "wrong_amount")
        _file(http, body, "stats-0003", "not_received")  # never replied
    # K1: replied after 10 h (limit 15 days: on time), the villager is satisfied.
    r1 = get_complaint(engine, k1).received_at
    _reply(engine, k1, r1 + 10 * H)
    feedback(engine, k1, terminal_id=body["terminal_id"], idempotency_key="fb-1",
             satisfied=True, now=r1 + 20 * H)
    # K2: first reply after 72 h (limit 2 days: late); 不满意 reopens it; replied again.
    r2 = get_complaint(engine, k2).received_at
    _reply(engine, k2, r2 + 72 * H)
    feedback(engine, k2, terminal_id=body["terminal_id"], idempotency_key="fb-2",
             satisfied=False, reason="no_answer", now=r2 + 80 * H)
    _reply(engine, k2, r2 + 100 * H)
    # H1: limit 1 day, escalated by hand after 30 h (the clock restarts), replied at 48 h:
    # on time against the county's deadline (30 h + 1 day), late against the first one.
    r3 = start - timedelta(days=40)
    h1 = register(engine, channel="hotline", category=ODD, text="电话反映", township="石桥乡",
                  actor="insp1", now=r3).server_id
    act(engine, h1, Action.ESCALATE, actor="insp1", now=r3 + 30 * H)
    _reply(engine, h1, r3 + 48 * H)
    return r3


def test_figures_are_exact_and_scoped(seeded: datetime, seeded_engine: Engine) -> None:
    now = clock.now()
    months = last_months(now)
    assert len(months) == 12 and months[-1] == (to_local(now).year, to_local(now).month)
    h1_month = (to_local(seeded).year, to_local(seeded).month)
    this = len(months) - 1
    back = months.index(h1_month)

    county = complaint_figures(seeded_engine, Area(), now=now)
    assert county.received == 4 and county.replied == 3
    assert county.median_reply_hours == pytest.approx(48)  # of 10 h, 48 h, 72 h
    assert county.on_time == 2 and county.on_time_share == pytest.approx(2 / 3)
    assert (county.satisfied, county.feedback, county.satisfaction_rate) == (1, 2, 0.5)
    assert county.reopened == 1 and county.reopened_share == pytest.approx(1 / 3)
    categories = {row.label: row.counts for row in county.by_category}
    assert set(categories) == {"not_received", "wrong_amount", ODD}
    assert categories["not_received"][this] == 2 and sum(categories["not_received"]) == 2
    assert categories["wrong_amount"][this] == 1 and sum(categories["wrong_amount"]) == 1
    assert categories[ODD][back] == 1 and sum(categories[ODD]) == 1
    townships = {row.label: row.counts for row in county.by_township}
    assert set(townships) == {"高村镇", "石桥乡"}
    assert townships["高村镇"][this] == 3 and townships["石桥乡"][back] == 1
    assert county.by_township[0].label == "高村镇"  # most complaints first

    gaocun = complaint_figures(seeded_engine, Area("高村镇"), now=now)
    assert (gaocun.received, gaocun.replied, gaocun.on_time) == (3, 2, 1)
    assert gaocun.median_reply_hours == pytest.approx(41)  # of 10 h and 72 h
    assert (gaocun.satisfied, gaocun.feedback, gaocun.reopened) == (1, 2, 1)
    assert [row.label for row in gaocun.by_township] == ["高村镇"]
    assert ODD not in {row.label for row in gaocun.by_category}

    shiqiao = complaint_figures(seeded_engine, Area("石桥乡"), now=now)
    assert (shiqiao.received, shiqiao.replied, shiqiao.on_time, shiqiao.feedback) == (1, 1, 1, 0)
    assert shiqiao.satisfaction_rate is None and shiqiao.reopened_share == 0
    # Thirteen months on, every complaint has left the window.
    later = complaint_figures(seeded_engine, Area(), now=now + timedelta(days=400))
    assert (later.received, later.replied, later.median_reply_hours) == (0, 0, None)


def _figure(html: str, title: str) -> str:
    found = re.search(rf"<span>{title}</span><strong>([^<]*)</strong>(?:<small>([^<]*)</small>)?",
                      html)
    assert found, f"no figure {title}"
    return " ".join(part for part in found.groups() if part)


def test_page_shows_the_figures_of_the_viewers_area(seeded: datetime, server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        assert log_in(http, "insp1").status_code == 303
        page = http.get("/dashboard")
        assert page.status_code == 200
        html = page.text
        assert _figure(html, "受理件数") == "4"
        assert _figure(html, "答复用时中位数") == "2.0 天"
        assert _figure(html, "按期答复率") == "66.7% 2 / 3 件"
        assert _figure(html, "群众满意率") == "50.0% 1 / 2 次评价"
        assert _figure(html, "重新办理占比") == "33.3% 1 / 3 件"
        assert "按类别、按月的投诉件数" in html and "未收到" in html and "金额不对" in html
        assert "&lt;i&gt;其他渠道&lt;/i&gt;" in html and ODD not in html
        assert "<th scope=\"row\">石桥乡</th>" in html
    with httpx.Client(base_url=server.url, timeout=30) as http:
        assert log_in(http, "gaocun").status_code == 303
        html = http.get("/dashboard").text
        assert _figure(html, "受理件数") == "3"
        assert _figure(html, "答复用时中位数") == "1.7 天"  # 41 h
        assert _figure(html, "按期答复率") == "50.0% 1 / 2 件"
        assert _figure(html, "群众满意率") == "50.0% 1 / 2 次评价"
        assert _figure(html, "重新办理占比") == "50.0% 1 / 2 件"
        assert "石桥乡</th>" not in html and "其他渠道" not in html
        assert "<th scope=\"row\">高村镇</th>" in html
        # Asking for another township is refused, as for the rest of the page.
        assert http.get("/dashboard", params={"township": "石桥乡"}).status_code == 403


def test_export_carries_the_figures_of_the_viewers_area(seeded: datetime,
                                                         server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        assert log_in(http, "gaocun").status_code == 303
        answer = http.get("/dashboard", params={"format": "xlsx"})
        assert answer.status_code == 200
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    try:
        sheets = {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)]
                  for ws in book.worksheets}
    finally:
        book.close()
    head = dict(sheets["投诉办理"][1:])
    assert head["受理件数"] == 3 and head["答复用时中位数（小时）"] == 41
    assert (head["按期答复"], head["按期答复率"]) == ("1 / 2", "50.0%")
    assert (head["群众评价（满意 / 全部）"], head["重新办理件数"]) == ("1 / 2", 1)
    townships = sheets["投诉按乡镇"]
    assert len(townships[0]) == 14 and [r[0] for r in townships[1:]] == ["高村镇"]
    assert townships[1][-1] == 3
    categories = {r[0]: r[-1] for r in sheets["投诉按类别"][1:]}
    assert categories == {"未收到": 2, "金额不对": 1}
