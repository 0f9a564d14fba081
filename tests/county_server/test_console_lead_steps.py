"""Handling leads on /leads/{id} over real HTTP: who may take which step, CSRF, the audit log,
and /leads' filters with the leads still stoppable before payment first."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urlencode

import httpx
from sqlalchemy import Engine, func, select

from county.cli import main
from county.collision import life
from county.collision.models import Lead, LeadEvent
from county.console.audit import list_audit
from county.demo_county import CountyData
from county_server.console_data import csrf_of, log_in
from kiosk import clock


def _leads_in(engine: Engine, township: str) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(select(Lead.id).where(Lead.township == township)
                                 .order_by(Lead.id)).scalars())


def _step(http: httpx.Client, lead_id: int, step: str, **fields: str) -> httpx.Response:
    page = http.get(f"/leads/{lead_id}")
    return http.post(f"/leads/{lead_id}/{step}",
                     data={"csrf_token": csrf_of(page.text), **fields}, follow_redirects=True)


def _status(engine: Engine, lead_id: int) -> str:
    with engine.connect() as conn:
        return str(conn.execute(select(Lead.status).where(Lead.id == lead_id)).scalar_one())


def test_a_leads_life_on_the_console(http: httpx.Client, engine: Engine,
                                     town: str) -> None:
    lead, innocent = _leads_in(engine, town)[:2]
    # A township account: nothing to do on a lead nobody assigned; cannot assign.
    log_in(http, "town1")
    page = http.get(f"/leads/{lead}")
    assert "县纪委交办后" in page.text
    assert 'id="step-' not in page.text
    assert _step(http, lead, "assign", group="自己").status_code == 403
    refused = _step(http, lead, "dismiss", reason="x")
    assert "不能做这一步" in refused.text and _status(engine, lead) == "new"
    http.cookies.clear()
    # The inspector hands it to the township's supervision group.
    log_in(http, "insp1")
    page = http.get(f"/leads/{lead}")
    assert 'id="step-assign"' in page.text and 'id="step-dismiss"' in page.text
    assert f'value="{town}监督小组"' in page.text
    no_token = http.post(f"/leads/{lead}/assign", data={"group": "x"})
    assert no_token.status_code == 403 and _status(engine, lead) == "new"
    assert "请填写交办" in _step(http, lead, "assign", group=" ").text
    done = _step(http, lead, "assign", group=f"{town}监督小组")
    assert "已交办" in done.text and _status(engine, lead) == "assigned"
    assert "排除线索必须填写理由" in _step(http, innocent, "dismiss", reason="").text
    assert "已排除" in _step(http, innocent, "dismiss", reason="死亡登记延迟").text
    http.cookies.clear()
    # The township's group confirms and records the money back.
    log_in(http, "town1")
    assert 'id="step-assign"' not in http.get(f"/leads/{lead}").text
    assert "金额请填元" in _step(http, lead, "confirm", amount="两百").text
    assert "已核实属实" in _step(http, lead, "confirm", amount="208", note="重复领取").text
    tomorrow = clock.today().toordinal() + 1
    future = clock.today().fromordinal(tomorrow).isoformat()
    assert "晚于今天" in _step(http, lead, "recover", amount="208", on=future).text
    page = _step(http, lead, "recover", amount="208", on=clock.today().isoformat())
    assert "已登记追回" in page.text and _status(engine, lead) == "recovered"
    assert "这条线索已处理完毕" in page.text and 'id="step-' not in page.text
    history = re.findall(r'<td data-label="处理">([^<]+)</td>', page.text)
    assert history == ["发现", "交办", "核实属实", "追回"]
    assert "¥208.00" in page.text
    figures = http.get("/leads").text
    assert re.search(rf'<td data-label="乡镇">{town}</td>.*?¥208\.00', figures, re.S)
    http.cookies.clear()
    log_in(http, "viewer1")
    assert "问题线索（数据碰撞）" not in http.get("/dashboard").text  # leads are not a viewer's
    token = csrf_of(http.get("/cards").text)  # a viewer sees no lead page: a token elsewhere
    assert http.post(f"/leads/{lead}/confirm", data={"csrf_token": token,
                                                     "amount": "1"}).status_code == 403

    entries = {e.action: e for e in list_audit(engine) if e.action.startswith("lead.")}
    assert set(entries) == {"lead.assign", "lead.dismiss", "lead.confirm", "lead.recover"}
    assert entries["lead.assign"].actor == "insp1" and "监督小组" in entries["lead.assign"].after
    assert entries["lead.recover"].actor == "town1" and entries["lead.recover"].township == town
    assert '"amount_fen": 20800' in entries["lead.recover"].after
    with engine.connect() as conn:
        steps = conn.execute(select(func.count()).select_from(LeadEvent).where(
            LeadEvent.lead_id == lead, LeadEvent.actor == "town1")).scalar_one()
    assert steps == 2


def test_leads_filters_and_before_payment_first(http: httpx.Client, engine: Engine,
                                                county: CountyData, county_url: str,
                                                tmp_path: Path) -> None:
    planted = set().union(*county.planted.values()) | county.control
    number = next(p.id_number for p in county.people if county.scale.year - p.birth.year >= 62
                  and p.id_number not in planted)
    path = tmp_path / "待发放.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([
            ["身份证号", "项目", "月份", "金额", "发放日期", "发放部门", "发放状态"],
            [number, "YANGLAO", "2026年5月", "208", "2026-05-28", "高村镇财政所", "待发放"]])
    assert main(["import", str(path), "--db", county_url]) == 0
    with engine.connect() as conn:
        stoppable = conn.execute(select(Lead.id).where(Lead.before_payment.is_(True))
                                 ).scalars().all()
        new = conn.execute(select(func.count()).select_from(Lead)
                           .where(Lead.status == "new")).scalar_one()
        towns = conn.execute(select(Lead.township, func.count()).group_by(Lead.township)).all()
    assert len(stoppable) == 1
    log_in(http, "insp1")
    page = http.get("/leads").text
    first = re.search(r'href="/leads/(\d+)"', page)
    assert first and int(first[1]) == stoppable[0] and "发放前可拦截" in page
    assert http.get("/leads", params={"status": "new"}).text.count('href="/leads/') == new
    assert 'href="/leads/' not in http.get("/leads", params={"status": "recovered"}).text
    for name, count in towns:
        shown = http.get("/leads", params={"township": name}).text
        assert shown.count('href="/leads/') == count
    both = http.get("/leads", params={"rule": "duplicate_in_period", "status": "new"}).text
    first = re.search(r'href="/leads/(\d+)"', both)
    assert first and int(first[1]) == stoppable[0]


def _headline(html: str) -> dict[str, str]:
    section = html[html.index('class="figures lead-figures"'):]
    section = section[:section.index("</section>")]
    return dict(re.findall(r"<span>([^<]+)</span><strong[^>]*>([^<]+)</strong>", section))


def test_dashboard_headline_figures(http: httpx.Client, engine: Engine,
                                    town: str) -> None:
    lead, innocent = _leads_in(engine, town)[:2]
    clock_now = clock.now()
    life.assign(engine, lead, "监督小组", actor="t", now=clock_now)
    life.confirm(engine, lead, 20800, actor="t", now=clock_now)
    life.recover(engine, lead, 15000, clock.today(), actor="t", now=clock_now)
    life.dismiss(engine, innocent, "补发", actor="t", now=clock_now)
    with engine.connect() as conn:
        rows = conn.execute(select(Lead.township, Lead.rule, Lead.department)).all()
    log_in(http, "insp1")
    page = http.get("/dashboard").text
    assert _headline(page) == {"发现线索": str(len(rows)), "已处理": "2",
                               "未处理": str(len(rows) - 2), "追回金额": "¥150.00"}
    for param, values in (("township", {r.township for r in rows}),
                          ("rule", {r.rule for r in rows})):
        for value in values:
            assert f'href="/leads?{urlencode({param: value})}"' in page
    assert "同期重复发放" in page and "按发放部门" in page
    assert all(r.department in page for r in rows)
    http.cookies.clear()
    log_in(http, "town1")
    mine = _headline(http.get("/dashboard").text)
    assert mine["发现线索"] == str(sum(1 for r in rows if r.township == town)) != str(len(rows))
    assert mine["追回金额"] == "¥150.00" and mine["已处理"] == "2"
