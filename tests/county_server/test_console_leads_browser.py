"""/leads, /leads/{id} and /cards in Debian's chromium (Playwright), on the generated county;
the SQLite run saves their screenshots into docs/screenshots/county/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page
from sqlalchemy import Engine, select

from county.collision.models import Lead
from county.console.accounts import add_user
from county.console.audit import list_audit
from county_server.browser import Shoot, log_in
from county_server.collide_data import SMALL
from county_server.console_data import PASSWORD, add_users
from county_server.live import LiveServer
from kiosk import clock


@pytest.fixture
def live(engine: Engine) -> Iterator[LiveServer]:
    """The county server on the generated county, with the console users."""
    add_users(engine)
    with LiveServer(engine) as server:
        yield server


def test_inspector_filters_leads_opens_one_and_reveals_the_id(
        live: LiveServer, engine: Engine, page: Page, shoot: Shoot) -> None:
    log_in(page, live.url, "insp1")
    page.goto(f"{live.url}/leads")
    assert page.locator("#leads tbody tr").count() == SMALL.planted * 8  # 2 kinds of 公示
    shoot(page, "leads")
    page.select_option("select[name=rule]", "officials_kin")
    page.click("form.inline button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#leads tbody tr").count() == SMALL.planted
    page.click("#leads tbody tr:first-child a")
    page.wait_for_load_state()
    assert "村干部及其家庭成员享受" in page.inner_text("h1")
    assert "下一步核查" in page.content()
    shoot(page, "lead")
    page.fill("form[action$=reveal] input[name=reason]", "入户核查前核对身份")
    page.click("form[action$=reveal] button[type=submit]")
    page.wait_for_load_state()
    assert "已记入审计日志" in page.inner_text("dl.facts")
    assert len(list_audit(engine, action="id.reveal")) == 1
    page.goto(f"{live.url}/cards")
    assert "按时率" in page.content()
    shoot(page, "cards")


def test_a_leads_whole_life_in_the_browser(live: LiveServer, engine: Engine,
                                           page: Page, shoot: Shoot) -> None:
    with engine.connect() as conn:
        lead_id, town = conn.execute(select(Lead.id, Lead.township)
                                     .where(Lead.rule == "duplicate_in_period")
                                     .order_by(Lead.id)).first() or (0, "")
    add_user(engine, "town1", role="township", township=town, password=PASSWORD, actor="t",
             now=clock.now())
    # The inspector opens the lead from the filtered list and hands it to the township.
    log_in(page, live.url, "insp1")
    page.goto(f"{live.url}/leads?rule=duplicate_in_period&status=new")
    page.click(f"#leads a[href='/leads/{lead_id}']")
    page.wait_for_load_state()
    assert page.input_value("#step-assign input[name=group]") == f"{town}监督小组"
    shoot(page, "leads-detail")
    page.click("#step-assign button[type=submit]")
    page.wait_for_load_state()
    assert "已交办" in page.inner_text("p.ok") and f"交办：{town}监督小组" in page.inner_text(
        "dl.facts")
    page.click("form.who button")  # log out
    page.wait_for_load_state()
    # The township's group confirms what is to be recovered, then records it back.
    log_in(page, live.url, "town1")
    page.goto(f"{live.url}/leads/{lead_id}")
    assert page.locator("#step-assign").count() == 0
    page.click("#step-confirm button[type=submit]")  # the amount is required: nothing sent
    assert page.url.endswith(f"/leads/{lead_id}") and page.locator("p.ok").count() == 0
    page.fill("#step-confirm input[name=amount]", "208")
    page.fill("#step-confirm input[name=note]", "两个部门重复发放3月养老金")
    page.click("#step-confirm button[type=submit]")
    page.wait_for_load_state()
    assert "已核实属实" in page.inner_text("p.ok")
    assert page.input_value("#step-recover input[name=amount]") == "208.00"
    page.click("#step-recover button[type=submit]")
    page.wait_for_load_state()
    assert "已登记追回" in page.inner_text("p.ok")
    assert "已追回" in page.inner_text("dl.facts") and "¥208.00" in page.inner_text("dl.facts")
    assert page.locator("#history tbody tr").count() == 4
    shoot(page, "leads-detail-recovered")
    page.goto(f"{live.url}/dashboard")  # the township's headline figures count it
    assert "¥208.00" in page.inner_text("section.lead-figures")
    shoot(page, "dashboard-leads")
    with engine.connect() as conn:
        assert conn.execute(select(Lead.status).where(Lead.id == lead_id)).scalar_one() == (
            "recovered")
    assert [e.actor for e in list_audit(engine) if e.action.startswith("lead.")] == [
        "town1", "town1", "insp1"]  # newest first
