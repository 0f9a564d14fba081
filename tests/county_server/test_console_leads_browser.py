"""/leads, /leads/{id} and /cards in Debian's chromium (Playwright), on the generated county;
the SQLite run saves their screenshots into docs/screenshots/county/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page
from sqlalchemy import Engine

from county.console.audit import list_audit
from county_server.collide_data import SMALL
from county_server.console_data import add_users
from county_server.live import LiveServer
from county_server.test_collide import county, engine  # noqa: F401  (fixtures)
from county_server.test_console_browser import (  # noqa: F401  (fixtures)
    Shoot,
    chromium,
    log_in,
    page,
    shoot,
)


@pytest.fixture
def live(engine: Engine) -> Iterator[LiveServer]:  # noqa: F811
    """The county server on the generated county, with the console users."""
    add_users(engine)
    with LiveServer(engine) as server:
        yield server


def test_inspector_filters_leads_opens_one_and_reveals_the_id(
        live: LiveServer, engine: Engine, page: Page, shoot: Shoot) -> None:  # noqa: F811
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
    page.fill("input[name=reason]", "入户核查前核对身份")
    page.click("form[action$=reveal] button[type=submit]")
    page.wait_for_load_state()
    assert "已记入审计日志" in page.inner_text("dl.facts")
    assert len(list_audit(engine, action="id.reveal")) == 1
    page.goto(f"{live.url}/cards")
    assert "按时率" in page.content()
    shoot(page, "cards")
