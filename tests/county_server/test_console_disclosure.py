"""/disclosure (村务公开设置, issue 17) over real HTTP and in Debian's chromium: who reads and
who changes an item's disclosure; the CLI's checks (county.disclosure.rolls.set_disclosure)
refusing a bad period or an unknown item; CSRF; the audit trail; item names as plain text.
The browser test saves the page's screenshots into docs/screenshots/county/."""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from playwright.sync_api import Page
from reference import REFERENCE_DAY
from sqlalchemy import Engine

from county.catalogue import upsert_item
from county.console.audit import list_audit
from county.disclosure.rolls import list_disclosures, names_from, refresh_rolls, set_disclosure
from county.tx import writing
from county_server.browser import Shoot
from county_server.browser import log_in as browser_log_in
from county_server.console_data import add_users, csrf_of, log_in
from county_server.live import LiveServer
from demo.village import DEMO_LOOKUP_KEY, DemoVillage
from kiosk.catalogue import BenefitItemSpec
from kiosk.identity import id_hash

NOW = datetime.now(UTC)
HOSTILE = "<b>危房</b>改造<script>alert(1)</script>"


@pytest.fixture
def live(seeded_engine: Engine, demo_village: DemoVillage) -> Iterator[LiveServer]:
    """The county server on the seeded county, with the console users, 低保 public for
    1 month 20 days and an item whose name carries markup."""
    add_users(seeded_engine)
    set_disclosure(seeded_engine, "DIBAO", public=True, months=1, days=20, now=NOW)
    with writing(seeded_engine) as conn:  # the village's 低保 roll, as the server builds it
        refresh_rolls(conn, today=REFERENCE_DAY, now=NOW, names=names_from(
            (id_hash(DEMO_LOOKUP_KEY, p.id_number), p.name) for p in demo_village.people))
    upsert_item(seeded_engine, BenefitItemSpec("ZZ_MARKUP", HOSTILE, "", "县住建局", "household",
                                               "", ""), now=NOW)
    with LiveServer(seeded_engine) as server:
        yield server


def _settings(engine: Engine) -> dict[str, tuple[bool, int, int]]:
    return {d.item_code: (d.public, d.period_months, d.period_days)
            for d in list_disclosures(engine)}


def test_it_changes_a_period_others_only_read(live: LiveServer, seeded_engine: Engine) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        for name in ("insp1", "gaocun", "viewer1"):
            log_in(http, name)
            page = http.get("/disclosure")
            assert page.status_code == 200, name
            assert "公示中" in page.text and "1 个月20 天" in page.text
            dibao = page.text[page.text.index('id="item-DIBAO"'):]
            dibao = dibao[:dibao.index("</tr>")]
            assert '当前名单（条）">' in dibao and '当前名单（条）">0<' not in dibao
            assert 'action="/disclosure"' not in page.text  # no form to change anything
            refused = http.post("/disclosure", data={"csrf_token": csrf_of(page.text),
                                                     "item_code": "DIBAO", "public": "0"})
            assert refused.status_code == 403, name
            http.cookies.clear()
        log_in(http, "minzheng")
        assert http.get("/disclosure").status_code == 403
        http.cookies.clear()

        log_in(http, "it1")
        page = http.get("/disclosure")
        assert HOSTILE not in page.text  # escaped, never markup
        assert "&lt;b&gt;危房&lt;/b&gt;改造&lt;script&gt;" in page.text
        token = csrf_of(page.text)

        def post(**form: str) -> httpx.Response:
            return http.post("/disclosure", data={"csrf_token": token, **form},
                             follow_redirects=True)

        done = post(item_code="weifang", public="1", months="24", days="")
        assert done.status_code == 200 and "已保存：WEIFANG" in done.text
        assert _settings(seeded_engine)["WEIFANG"] == (True, 24, 0)
        # The CLI's checks: no period, a period out of range, an unknown item, not a number.
        for form, message in (
                ({"item_code": "TEKUN", "public": "1"}, "a public roll needs a period"),
                ({"item_code": "TEKUN", "public": "1", "months": "37"},
                 "a public roll needs a period of 1–1098 days or 1–36 months"),
                ({"item_code": "NOPE", "public": "1", "days": "3"}, "no catalogue item 'NOPE'"),
                ({"item_code": "TEKUN", "public": "1", "days": "-3"}, "天数须为整数")):
            refused = post(**form)
            assert refused.status_code == 200 and message in html.unescape(refused.text), form
            assert "未保存" in refused.text
        assert "TEKUN" not in _settings(seeded_engine)
        assert post(item_code="DIBAO", public="0", months="3").status_code == 200
        assert _settings(seeded_engine)["DIBAO"] == (False, 0, 0)
        # Without the session's token: refused, nothing changed.
        assert http.post("/disclosure", data={"item_code": "WEIFANG", "public": "0"}
                         ).status_code == 403
        assert _settings(seeded_engine)["WEIFANG"] == (True, 24, 0)
    changes = list_audit(seeded_engine, action="item.disclose")
    assert [(r.actor, r.target) for r in changes] == [("it1", "item DIBAO"),
                                                      ("it1", "item WEIFANG")]
    assert '"period_days": 20' in changes[0].before and '"public": false' in changes[0].after
    assert len(list_audit(seeded_engine, action="csrf.refused")) == 1


def test_the_disclosure_page_in_a_browser(live: LiveServer, seeded_engine: Engine,
                                          page: Page, shoot: Shoot) -> None:
    browser_log_in(page, live.url, "it1")
    page.click("nav a[href='/disclosure']")
    page.wait_for_url("**/disclosure")
    row = page.locator("#item-WEIFANG")
    assert row.locator(".state").inner_text() == "未设置（不公示）"
    row.locator("select[name=public]").select_option("1")
    row.locator("input[name=months]").fill("24")
    row.locator("button[type=submit]").click()
    page.wait_for_url("**/disclosure?done=WEIFANG")
    assert page.locator("p.ok").inner_text() == "已保存：WEIFANG"
    row = page.locator("#item-WEIFANG")
    assert row.locator(".state").inner_text() == "公示中"
    assert row.locator(".period").inner_text() == "24 个月"
    assert page.locator("#item-ZZ_MARKUP td").nth(1).inner_text() == HOSTILE
    row = page.locator("#item-TEKUN")
    row.locator("select[name=public]").select_option("1")
    row.locator("input[name=days]").fill("2000")
    row.locator("button[type=submit]").click()
    page.wait_for_url("**/disclosure?error=*")
    assert "1–1098 days" in page.locator("p.error").inner_text()
    assert _settings(seeded_engine)["WEIFANG"] == (True, 24, 0)
    page.goto(f"{live.url}/disclosure?done=WEIFANG")
    shoot(page, "disclosure")
