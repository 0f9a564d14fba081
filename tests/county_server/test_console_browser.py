"""The county console in a real browser: Playwright driving Debian's chromium headless
against the real county server on 127.0.0.1, on SQLite and on PostgreSQL.

The SQLite run also saves every page at 1366×768 and 390×844 into
docs/screenshots/county/ (full-page PNGs), for people to look at.
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stdout
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page
from sqlalchemy import Engine, func, select
from syncd.conftest import enrollment_code, write_terminal

from county.cli import main as county_main
from county.console.audit import list_audit
from county.models import Notice, Payment
from county.notices import add_notice
from county_server.browser import Shoot, log_in
from county_server.conftest import enroll_terminal
from county_server.console_data import (
    HEADER,
    township_rows,
    valid_id,
    write_xlsx,
)
from county_server.live import LiveServer
from kiosk.money import format_yuan
from kiosk.store import open_store
from kiosk.store.models import Notice as TerminalNotice


def _county(*args: str) -> int:
    with redirect_stdout(io.StringIO()):
        return county_main(list(args))


def test_log_in_and_see_dashboard_charts(console: LiveServer, page: Page, shoot: Shoot) -> None:
    page.goto(f"{console.url}/dashboard")
    assert page.url.startswith(f"{console.url}/login?next=")
    shoot(page, "login")
    log_in(page, console.url, "insp1")
    assert page.url == f"{console.url}/dashboard"
    assert page.locator("h1").inner_text() == "全县 资金发放统计"
    charts = page.locator("figure.chart")
    assert charts.count() == 5
    for caption in ("各乡镇发放金额", "按年度", "按项目", "按发放部门", "投诉件数（按月"):
        assert page.locator("figcaption", has_text=caption).count() == 1, caption
    place_chart = page.locator("figure.chart").first
    for township in ("高村镇", "石桥乡", "龙潭镇"):
        assert place_chart.locator("svg a text.label", has_text=township).count() == 1
    assert page.locator("svg rect.bar").count() > 10
    assert "1 / 2" in page.locator(".figures").first.inner_text()  # terminals online / enrolled
    handling = page.locator("table.handling")
    assert handling.count() == 2  # by category and by township, per month
    assert handling.last.locator("tbody th").all_text_contents() == ["高村镇"]
    shoot(page, "dashboard")


def test_drill_down_from_county_to_village(console: LiveServer, page: Page, shoot: Shoot) -> None:
    log_in(page, console.url, "insp1")
    page.locator("svg a", has_text="石桥乡").click()
    page.wait_for_url("**/dashboard?township=*")
    assert page.locator("h1").inner_text() == "石桥乡 资金发放统计"
    villages = page.locator("figure.chart").first
    assert villages.locator("svg a text.label").all_text_contents() in (
        ["河湾村", "石桥村"], ["石桥村", "河湾村"])
    shoot(page, "dashboard-township")
    villages.locator("svg a", has_text="河湾村").click()
    page.wait_for_url("**village=*")
    assert page.locator("h1").inner_text() == "河湾村 资金发放统计"
    expected = sum(int(Decimal(str(r[4])) * 100) for r in township_rows() if r[8] == "河湾村")
    assert format_yuan(expected) in page.locator(".figures").first.inner_text()
    assert page.locator(".crumbs").inner_text().split() == ["全县", "›", "石桥乡", "›", "河湾村"]
    shoot(page, "dashboard-village")


def test_upload_xlsx_with_bad_rows_and_read_the_preview(console: LiveServer, page: Page,
                                                        seeded_engine: Engine, tmp_path: Path,
                                                        shoot: Shoot) -> None:
    good = [[f"新户{n}", valid_id(n), "农村最低生活保障金", "2025年6月", "386.00", "2025-06-10",
             "县民政局", "龙潭镇", "龙潭村", f"N{n}"] for n in range(300, 303)]
    bad_id = valid_id(303)[:-1] + ("0" if valid_id(303)[-1] != "0" else "1")
    bad = [["错号", bad_id, "农村最低生活保障金", "2025年6月", "386.00", "2025-06-10",
            "县民政局", "龙潭镇", "龙潭村", "N303"],
           ["零元", valid_id(304), "农村最低生活保障金", "2025年6月", "0", "2025-06-10",
            "县民政局", "龙潭镇", "龙潭村", "N304"]]
    again = [*good[0][:5], "2025-06-25", *good[0][6:9], "N300b"]  # June paid twice
    path = write_xlsx(tmp_path / "民政-2025年6月.xlsx", good[:2] + bad + good[2:] + [again])
    with seeded_engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(Payment)).scalar_one()
    log_in(page, console.url, "minzheng")
    assert page.url == f"{console.url}/imports"
    shoot(page, "imports")
    page.set_input_files("input[name=file]", str(path))
    page.click("text=上传并预览")
    page.wait_for_url("**/imports/*/preview")  # sent with progress (static/upload.js)
    assert "导入预览" in page.locator("h1").inner_text(), page.locator("main").inner_text()
    rows = page.locator("table.bad-rows tbody tr")
    assert rows.count() == 2
    texts = rows.all_inner_texts()
    assert texts[0].split("\t")[1] == "5" and "校验" in texts[0], texts  # header on row 2
    assert texts[1].split("\t")[1] == "6" and "金额为零" in texts[1], texts
    # The bad rows do not silence what the rules would raise on the good ones.
    raised = page.locator("#raised").inner_text()
    assert raised.startswith("数据碰撞：本批次新增疑点 1 条（duplicate_in_period 1 条）"), raised
    assert "（试运行，未保存）" in raised and "只计正确的 4 行" in raised, raised
    with seeded_engine.connect() as conn:  # a preview stores nothing
        assert conn.execute(select(func.count()).select_from(Payment)).scalar_one() == before
    shoot(page, "import-preview")
    page.click("text=跳过错误行")
    page.wait_for_load_state()
    assert "已导入" in page.locator("p.ok").inner_text(), page.locator("main").inner_text()
    with seeded_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Payment)).scalar_one() == before + 4
    assert "本批次新增疑点 1 条" in page.locator("#raised").inner_text()
    page.goto(f"{console.url}/imports")
    history = page.locator("table tbody tr").first.inner_text()
    assert "民政-2025年6月.xlsx" in history and "minzheng" in history
    assert [r.target for r in list_audit(seeded_engine, action="import.run")] == [
        "民政-2025年6月.xlsx"]


def test_published_notice_reaches_a_real_syncd_terminal(console: LiveServer, page: Page,
                                                        seeded_engine: Engine, tmp_path: Path,
                                                        shoot: Shoot) -> None:
    log_in(page, console.url, "it1")
    page.goto(f"{console.url}/notices")
    page.click("summary")  # the form is folded away under 发布新公告
    page.select_option("select[name=kind]", "村务公开")
    page.fill("input[name=title]", "青山村2026年冬季低保评议结果公示")
    page.fill("textarea[name=body]", "评议结果见村务公开栏，有异议请于7日内向村委会反映。")
    page.select_option("select[name=scope]", "village")
    page.fill("input[name=township]", "高村镇")
    page.fill("input[name=village]", "青山村")
    page.click("form[action='/notices'] button[type=submit]")
    page.wait_for_url("**/notices?done=published-*")
    assert "已发布" in page.locator("p.ok").inner_text()
    with seeded_engine.connect() as conn:
        notice_id = conn.execute(select(Notice.id).where(
            Notice.title == "青山村2026年冬季低保评议结果公示")).scalar_one()
    terminal = write_terminal(tmp_path / "terminal")
    enrolled = terminal.run("enroll", enrollment_code(seeded_engine), "--server", console.url,
                            "--json")
    assert enrolled.returncode == 0, enrolled.stderr[-2000:]
    synced = terminal.run("syncd", "--once")
    assert synced.returncode == 0, synced.stderr[-2000:]
    store = open_store(terminal.db)
    try:
        with store.connect() as conn:
            got = conn.execute(select(TerminalNotice.title, TerminalNotice.body).where(
                TerminalNotice.id == notice_id)).one()
    finally:
        store.dispose()
    assert got == ("青山村2026年冬季低保评议结果公示",
                   "评议结果见村务公开栏，有异议请于7日内向村委会反映。")
    page.reload()
    row = page.locator("tr", has_text="青山村2026年冬季低保评议结果公示")
    assert row.locator(".reach-count").inner_text() == "1 / 2"  # the new terminal has it
    row.locator("details.reach summary").click()
    received = row.locator(".reach-received li").all_inner_texts()
    waiting = row.locator(".reach-waiting li").all_inner_texts()
    assert [t.split()[1:] for t in received] == [["高村镇", "青山村"]], received
    assert received[0].split()[0] == json.loads(enrolled.stdout)["terminal_id"]
    # The fixture's terminal of 青山村 has not synced since: listed as waiting, with its code.
    assert len(waiting) == 1 and waiting[0].split()[1:3] == ["高村镇", "青山村"], waiting
    assert waiting[0].split()[0] != received[0].split()[0]
    shoot(page, "notices")


def test_township_user_gets_403_on_another_township(console: LiveServer, page: Page,
                                                    seeded_engine: Engine, shoot: Shoot) -> None:
    log_in(page, console.url, "gaocun")
    assert page.locator("h1").inner_text() == "高村镇 资金发放统计"
    assert page.locator(".crumbs a", has_text="全县").count() == 0
    answer = page.goto(f"{console.url}/dashboard?township=石桥乡")
    assert answer is not None and answer.status == 403
    assert page.locator("h1").inner_text() == "无权访问"
    shoot(page, "forbidden")
    answer = page.goto(f"{console.url}/terminals?township=石桥乡")
    assert answer is not None and answer.status == 403
    page.goto(f"{console.url}/terminals")
    assert "石桥乡" not in page.locator("main").inner_text()
    denied = list_audit(seeded_engine, action="access.denied")
    assert [(r.actor, r.township, r.target) for r in denied] == [
        ("gaocun", "石桥乡", "/terminals"), ("gaocun", "石桥乡", "/dashboard")]
    page.context.clear_cookies()
    log_in(page, console.url, "insp1")
    page.goto(f"{console.url}/audit")
    first = page.locator("tr", has_text="access.denied").first.inner_text()
    assert "gaocun" in first and "石桥乡" in first
    shoot(page, "audit")


def test_form_without_its_csrf_token_is_refused(console: LiveServer, page: Page,
                                                seeded_engine: Engine) -> None:
    log_in(page, console.url, "it1")
    page.goto(f"{console.url}/notices")
    page.click("summary")
    page.fill("input[name=title]", "没有校验码的公告")
    page.eval_on_selector("form[action='/notices'] input[name=csrf_token]", "e => e.remove()")
    with page.expect_response(f"{console.url}/notices") as answer:
        page.click("form[action='/notices'] button[type=submit]")
    assert answer.value.status == 403
    assert page.locator("h1").inner_text() == "表单已失效"
    with seeded_engine.connect() as conn:
        assert conn.execute(select(Notice.id).where(Notice.title == "没有校验码的公告")
                            ).first() is None


def test_six_wrong_passwords_lock_the_account(console: LiveServer, page: Page,
                                              shoot: Shoot) -> None:
    for _ in range(5):
        log_in(page, console.url, "viewer1", "not-the-password")
        assert page.locator("p.error").inner_text() == "用户名或密码错误。"
    log_in(page, console.url, "viewer1", "not-the-password")
    assert "账号已锁定" in page.locator("p.error").inner_text()
    log_in(page, console.url, "viewer1")  # the right password, too late
    assert "账号已锁定" in page.locator("p.error").inner_text()
    assert "/login" in page.url
    shoot(page, "login-locked")


def test_disabled_user_is_logged_out(console: LiveServer, page: Page, seeded_url: str) -> None:
    log_in(page, console.url, "viewer1")
    assert page.locator("h1").inner_text() == "全县 资金发放统计"
    assert _county("user", "disable", "viewer1", "--db", seeded_url) == 0
    page.reload()
    assert page.url.startswith(f"{console.url}/login")
    log_in(page, console.url, "viewer1")
    assert "已停用" in page.locator("p.error").inner_text()


def test_terminals_complaints_and_public_pages(console: LiveServer, page: Page,
                                               shoot: Shoot) -> None:
    log_in(page, console.url, "insp1")
    page.goto(f"{console.url}/terminals")
    rows = page.locator("table tbody tr")
    assert rows.count() == 2
    assert "失联" in rows.nth(0).inner_text() and "石桥乡" in rows.nth(0).inner_text()
    assert "需换纸" in rows.nth(1).inner_text() and "纸将用完" in rows.nth(1).inner_text()
    shoot(page, "terminals")
    page.select_option("select[name=township]", "高村镇")
    page.click("text=筛选")
    page.wait_for_url("**/terminals?township=*")
    assert page.locator("table tbody tr").count() == 1
    page.goto(f"{console.url}/complaints")
    complaint = page.locator("table tbody tr").first.inner_text()
    assert "QS01-0001" in complaint and "<b>粗体</b>" in complaint  # shown as text
    shoot(page, "complaints")
    page.context.clear_cookies()
    page.goto(f"{console.url}/public")
    assert page.url == f"{console.url}/public"
    assert page.locator("figure.chart").count() == 3
    assert "村民" not in page.locator("main").inner_text()  # aggregates only, no names
    shoot(page, "public")


def test_a_large_upload_shows_its_progress_then_the_preview(console: LiveServer, page: Page,
                                                            seeded_engine: Engine,
                                                            tmp_path: Path) -> None:
    # ~2.5 MB of CSV: 400 people × 60 months of 低保 (a department's five-year file).
    path = tmp_path / "民政-五年.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(400):
            for month in range(60):
                writer.writerow([f"大批户{n}", valid_id(n + 150), "农村最低生活保障金",
                                 f"{2021 + month // 12}年{month % 12 + 1}月", "386.00",
                                 f"{2021 + month // 12}-{month % 12 + 1:02d}-10", "县民政局",
                                 "龙潭镇", "龙潭村", f"B{n:04d}-备注：按月发放，一卡通到户"])
    assert path.stat().st_size > 2 * 2**20
    with seeded_engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(Payment)).scalar_one()
    log_in(page, console.url, "minzheng")
    seen: list[str] = []
    page.expose_function("progressSeen", lambda value: seen.append(str(value)))
    page.evaluate("""() => {
        const bar = document.getElementById('upload-progress');
        new MutationObserver(() => window.progressSeen(bar.getAttribute('value')))
            .observe(bar, {attributes: true, attributeFilter: ['value']});
    }""")
    page.set_input_files("input[name=file]", str(path))
    page.click("text=上传并预览")
    page.wait_for_url("**/imports/*/preview", timeout=300_000)
    assert "导入预览" in page.locator("h1").inner_text(), page.locator("main").inner_text()
    assert seen and seen[-1] == "100", seen  # the bar went to the end before the preview
    assert [int(v) for v in seen] == sorted(int(v) for v in seen), seen  # never backwards
    figures = page.locator("section.figures").inner_text()
    assert "24000" in figures.replace(",", ""), figures
    assert page.locator("table.bad-rows").count() == 0
    with seeded_engine.connect() as conn:  # a preview stores nothing
        assert conn.execute(select(func.count()).select_from(Payment)).scalar_one() == before
    page.click("text=确认导入")
    page.wait_for_load_state()
    assert "已导入" in page.locator("p.ok").inner_text(timeout=300_000), \
        page.locator("main").inner_text()
    with seeded_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Payment)).scalar_one() \
            == before + 24_000
    page.goto(f"{console.url}/imports")
    assert "民政-五年.csv" in page.locator("table tbody tr").first.inner_text()


def test_upload_without_javascript_still_previews(console: LiveServer, chromium: Browser,
                                                  tmp_path: Path) -> None:
    # The form works without the script (rule 31): a plain multipart POST.
    path = write_xlsx(tmp_path / "民政.xlsx", [[
        "新户", valid_id(500), "农村最低生活保障金", "2025年6月", "386.00", "2025-06-10",
        "县民政局", "龙潭镇", "龙潭村", "N500"]])
    context = chromium.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        log_in(page, console.url, "minzheng")
        page.set_input_files("input[name=file]", str(path))
        page.click("text=上传并预览")
        page.wait_for_url("**/imports/preview")
        assert "导入预览" in page.locator("h1").inner_text()
        assert page.locator("#upload-status").is_hidden()
    finally:
        context.close()


def test_notice_lists_the_terminals_by_code_and_village_escaped(
        console: LiveServer, page: Page, seeded_engine: Engine, shoot: Shoot) -> None:
    hostile = "<b>河湾</b>村&amp;"
    with httpx.Client(base_url=console.url, timeout=30) as http:
        marked = enroll_terminal(seeded_engine, http, township="石桥乡", village=hostile)
    notice_id = add_notice(seeded_engine, kind="政策", title="全县冬季取暖补贴申领通知",
                           body="请于12月31日前到村委会申领。", scope="county",
                           published_on=datetime.now(UTC).date(), now=datetime.now(UTC))
    log_in(page, console.url, "it1")
    page.goto(f"{console.url}/notices")
    row = page.locator("tr", has_text="全县冬季取暖补贴申领通知")
    assert row.locator(".reach-count").inner_text() == "0 / 3"  # nobody synced since
    row.locator("details.reach summary").click()
    waiting = row.locator(".reach-waiting li")
    texts = waiting.all_inner_texts()
    assert len(texts) == 3 and row.locator(".reach-received li").count() == 0
    mine = [t for t in texts if t.startswith(marked["terminal_id"] + " ")]
    assert len(mine) == 1 and f"石桥乡 {hostile}" in mine[0], texts  # shown as typed
    assert row.locator(".reach-waiting b").count() == 0  # never markup
    assert all("最近联系" in t for t in texts)
    shoot(page, "notices-terminals")
    # A township user sees its own township's terminals only, in the list and the count.
    log_in(page, console.url, "gaocun")
    page.goto(f"{console.url}/notices")
    row = page.locator("tr", has_text="全县冬季取暖补贴申领通知")
    assert row.locator(".reach-count").inner_text() == "0 / 1"
    row.locator("details.reach summary").click()
    assert [t.split()[1] for t in row.locator(".reach-waiting li").all_inner_texts()] == [
        "高村镇"]
    assert notice_id > 0
