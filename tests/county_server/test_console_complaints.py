"""Complaint handling in the console through a real browser (Debian's chromium, headless):
the inbox with filters and bulk assignment, a complaint's page with the payments it
concerns, every step through its forms, refusals shown, township limits, staff-entered
complaints. Screenshots (SQLite run) go to docs/screenshots/county/complaint*.png."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
from playwright.sync_api import Page
from sqlalchemy import Engine, Row, select

from county.complaint_flow.service import history
from county.complaints import get_complaint
from county.console.audit import list_audit
from county.models import Payment
from county_server.browser import Shoot, log_in, submit_step
from county_server.conftest import auth, enroll_terminal
from county_server.live import LiveServer


def _real_name_complaint(server: LiveServer, engine: Engine) -> tuple[str, Row[Any]]:
    """A real-name complaint of 青山村 about one of the payee's payments."""
    with engine.connect() as conn:
        paid = conn.execute(select(Payment).where(Payment.township == "高村镇")
                            .order_by(Payment.id).limit(1)).one()
    with httpx.Client(base_url=server.url, timeout=30) as http:
        body = enroll_terminal(engine, http)
        filed = http.post("/api/v1/complaints", headers=auth(body), json={
            "idempotency_key": "console-flow-0001", "ticket_no": f"{body['terminal_id']}-0001",
            "category": "wrong_amount", "payment_id": paid.id, "item_code": paid.item_code,
            "text": "这笔钱少发了五十元", "anonymous": False, "id_hash": paid.id_hash,
            "name": "龙德贵", "created_at": datetime.now(UTC).isoformat()})
        assert filed.status_code == 200, filed.text
    return str(filed.json()["server_id"]), paid


def test_inbox_detail_and_every_step(console: LiveServer, page: Page, seeded_engine: Engine,
                                     shoot: Shoot) -> None:
    sid, paid = _real_name_complaint(console, seeded_engine)
    log_in(page, console.url, "insp1")
    page.goto(f"{console.url}/complaints")
    rows = page.locator("table tbody tr")
    assert rows.count() == 2
    assert "受理" in rows.first.inner_text() and "乡镇" in rows.first.inner_text()
    assert page.locator(".due-green").count() >= 2
    page.select_option("select[name=category]", "wrong_amount")
    page.click("form.filters button")
    page.wait_for_url("**/complaints?*category=wrong_amount*")
    assert page.locator("table tbody tr").count() == 1
    page.goto(f"{console.url}/complaints")
    # Bulk assignment of both.
    for box in page.locator("input[type=checkbox][name^=id-]").all():
        box.check()
    page.fill("form#bulk input[name=assignee]", "高村镇监督组")
    page.click("form#bulk button[type=submit]")
    page.wait_for_load_state()
    assert "已分派 2 件" in page.locator("p.ok").inner_text()
    assert page.locator("table tbody tr", has_text="高村镇监督组").count() == 2
    shoot(page, "complaints-inbox")

    page.goto(f"{console.url}/complaints/{sid}")
    main = page.locator("main").inner_text()
    assert "这笔钱少发了五十元" in main and "实名：龙德贵" in main
    concerned = page.locator("table.concerned").inner_text()
    assert str(paid.id) in concerned and paid.id_hash[:6] in concerned
    assert paid.id_hash not in main  # the payee only by a masked tag
    theirs = page.locator("table.theirs tbody tr")
    with seeded_engine.connect() as conn:
        count = len(conn.execute(select(Payment.id).where(Payment.id_hash == paid.id_hash,
                                                          Payment.deleted.is_(False))).all())
    assert theirs.count() == count
    # Only the steps that follow from `assigned` are offered.
    offered = [f.get_attribute("class") for f in page.locator(".steps form").all()]
    assert [c.split()[-1] for c in offered if c] == [
        "step-assign", "step-start", "step-draft", "step-reply", "step-escalate"]
    submit_step(page, "start", note="已电话联系")
    assert page.locator("p.ok").inner_text() == "已开始办理"
    # A stale form: another officer replies meanwhile; this one's 'start' is refused clearly.
    stale = page.context.new_page()
    stale.goto(f"{console.url}/complaints/{sid}")
    submit_step(page, "reply", text="经核实，少发的五十元已于本月补发。")
    submit_step(stale, "assign", assignee="县民政局")
    assert "cannot assign a complaint that is replied" in stale.locator("p.error").inner_text()
    stale.close()
    shoot(page, "complaint-replied")
    submit_step(page, "close")
    assert "办结" in page.locator(".figures").inner_text()
    assert page.locator(".steps").count() == 0  # nothing follows from closed for officers
    steps = page.locator("table.history tbody tr").all_inner_texts()
    assert [s.split("\t")[2] for s in steps] == ["受理", "分派", "开始办理", "答复", "办结"]
    assert "insp1" in steps[1] and "已电话联系" in steps[2]
    shoot(page, "complaint")
    assert [h.action for h in history(seeded_engine, sid)] == [
        "file", "assign", "start", "reply", "close"]
    assert {"complaint.assign", "complaint.reply", "complaint.close"} <= {
        r.action for r in list_audit(seeded_engine, limit=50)}


def test_township_users_see_their_own_and_act_at_their_level(
        console: LiveServer, page: Page, seeded_engine: Engine, shoot: Shoot) -> None:
    sid, _ = _real_name_complaint(console, seeded_engine)
    log_in(page, console.url, "insp1")
    page.goto(f"{console.url}/complaints")
    register = page.locator("details.register")
    register.locator("summary").click()
    register.locator("select[name=channel]").select_option("hotline")
    register.locator("select[name=category]").select_option("conduct")
    register.locator("select[name=township]").select_option("石桥乡")
    register.locator("input[name=village]").fill("河湾村")
    register.locator("textarea[name=text]").fill("12388来电：村干部优亲厚友")
    shoot(page, "complaints-register")
    register.locator("button[type=submit]").click()
    page.wait_for_url("**/complaints/C*?done=register")
    assert "12388电话" in page.locator(".figures").inner_text()
    hotline = page.url.rsplit("/", 1)[1].split("?")[0]
    page.context.clear_cookies()

    log_in(page, console.url, "gaocun")
    page.goto(f"{console.url}/complaints")
    shown = page.locator("table tbody tr").all_inner_texts()
    assert len(shown) == 2 and not any("石桥乡" in r for r in shown)
    assert page.goto(f"{console.url}/complaints/{hotline}").status == 403  # type: ignore[union-attr]
    assert page.goto(f"{console.url}/complaints?township=石桥乡").status == 403  # type: ignore[union-attr]
    page.goto(f"{console.url}/complaints/{sid}")
    submit_step(page, "escalate", note="涉及村干部，报县纪委")
    assert "县纪委" in page.locator(".figures").inner_text()
    assert page.locator(".steps").count() == 0  # now the county's: the township only reads
    # A form posted anyway (or without its CSRF token) is refused.
    answer = page.request.post(f"{console.url}/complaints/{sid}/assign",
                               form={"assignee": "x"})
    assert answer.status == 403
    assert get_complaint(seeded_engine, sid).level == "county"
    assert get_complaint(seeded_engine, hotline).channel == "hotline"
