"""Issue 15's acceptance, end to end with every real part: a complaint filed in the real
kiosk UI (offscreen) is pushed by the real sync daemon to the real county server,
assigned and answered in the console through a real browser (Playwright, chromium),
the reply reaches the terminal, the villager taps 不满意 in the kiosk, and the complaint
is back in the console's inbox one level up (县纪委) with its full history."""

from __future__ import annotations

from pathlib import Path

import pytest
from county_server import conftest as county
from county_server.browser import Shoot, log_in, submit_step
from county_server.live import LiveServer
from playwright.sync_api import Page
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from syncd.conftest import Terminal, enrollment_code, write_terminal

from county.complaint_flow.service import history
from county.complaints import get_complaint, list_complaints
from drivers.idcard.cardtext import IdCard
from kiosk.config import load_config
from screens.kiosk_window import open_kiosk

# The county side of the console tests, on SQLite only (the console's own tests run both).
_sqlite_template, seeded_url, seeded_engine, server = (
    county._sqlite_template, county.seeded_url, county.seeded_engine, county.server)
chromium, console, page, shoot = county.chromium, county.console, county.page, county.shoot


@pytest.fixture
def backend() -> str:
    """SQLite: one county database for this test."""
    return "sqlite"


def _sync(terminal: Terminal) -> None:
    done = terminal.run("syncd", "--once")
    assert done.returncode == 0, done.stderr[-2000:]


def test_filed_at_the_kiosk_answered_in_the_console_reopened_one_level_up(
        qtbot: QtBot, console: LiveServer, page: Page, seeded_engine: Engine, tmp_path: Path,
        card: IdCard, shoot: Shoot) -> None:
    terminal = write_terminal(tmp_path / "terminal")
    # The console's own test complaint carries QS01 tickets (another terminal's code).
    terminal.config.write_text(terminal.config.read_text(encoding="utf-8").replace(
        'code = "QS01"', 'code = "QS07"'), encoding="utf-8")
    enrolled = terminal.run("enroll", enrollment_code(seeded_engine), "--server", console.url)
    assert enrolled.returncode == 0, enrolled.stderr[-2000:]
    _sync(terminal)
    config = load_config(terminal.config)

    # 1. The villager files a real-name complaint on the kiosk.
    with open_kiosk(config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        d.click("complainButton")
        d.find("complaintScreen")
        d.click("about_0")
        d.click("reason_not_received")
        d.find("complaintText").setProperty("text", "十月份的钱没有收到，请查一查")
        d.wait_until(lambda: ui.app_model.complaint_model.text != "", what="text taken")
        d.click("textNext")
        d.click("noPhone")
        d.click("realName")
        d.click("submitComplaint")
        ticket = d.text("ticketNo")
    assert ticket.startswith("QS07-")

    # 2. The sync daemon pushes it; the county has it, new, at the township.
    _sync(terminal)
    [filed] = [c for c in list_complaints(seeded_engine) if c.ticket_no == ticket]
    assert (filed.status, filed.level, filed.name) == ("new", "township", "龙德贵")

    # 3. Assigned by the inspection office, answered by the township, in the browser.
    log_in(page, console.url, "insp1")
    page.goto(f"{console.url}/complaints")
    page.locator("tr", has_text=ticket).locator("a").click()
    page.wait_for_url(f"**/complaints/{filed.server_id}")
    submit_step(page, "assign", assignee="高村镇监督组", note="请核实十月发放")
    page.context.clear_cookies()
    log_in(page, console.url, "gaocun")
    page.goto(f"{console.url}/complaints/{filed.server_id}")
    submit_step(page, "reply", text="经核实，十月的钱已于11月5日补发到您的一卡通。")
    assert "已答复" in page.locator(".figures").inner_text()

    # 4. The reply reaches the terminal; the villager is not satisfied.
    _sync(terminal)
    with open_kiosk(config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        d.click("myComplaintsButton")
        d.find("myComplaintsScreen")
        [mine] = [c for c in ui.app_model.my_complaints_model.complaints
                  if c["ticketNo"] == ticket]
        assert [s["done"] for s in mine["steps"]] == [True, True, True, False]
        assert mine["replyText"] == "经核实，十月的钱已于11月5日补发到您的一卡通。"
        d.click(f"notSatisfied_{ticket}")
        d.find("whyPanel")
        d.click("why_no_answer")
        d.wait_until(lambda: ui.app_model.my_complaints_model.askingWhy == "",
                     what="the reason taken")

    # 5. Through the outbox it reaches the county: back in the inbox one level up.
    _sync(terminal)
    after = get_complaint(seeded_engine, filed.server_id)
    assert (after.status, after.level, after.assignee) == ("reopened", "county", "")
    page.context.clear_cookies()
    log_in(page, console.url, "insp1")
    page.goto(f"{console.url}/complaints?level=county")
    row = page.locator("tr", has_text=ticket)
    assert "重新办理" in row.inner_text() and "县纪委" in row.inner_text()
    row.locator("a").click()
    page.wait_for_url(f"**/complaints/{filed.server_id}")
    steps = page.locator("table.history tbody tr").all_inner_texts()
    assert [s.split("\t")[1:3] for s in steps] == [
        [f"terminal {filed.terminal_id}", "受理"], ["insp1", "分派"], ["gaocun", "答复"],
        [f"villager via {filed.terminal_id}", "群众不满意"]]
    assert "没有解决问题" in steps[-1] and "县纪委" in steps[-1]
    assert [h.action for h in history(seeded_engine, filed.server_id)] == [
        "file", "assign", "reply", "not_satisfied"]
    # The township no longer acts on it; the county's officers do.
    assert page.locator("form.step-assign").count() == 1
    shoot(page, "complaint-reopened")
