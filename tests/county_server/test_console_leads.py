"""Console pages /leads, /leads/{id} and /cards over real HTTP, on the generated county."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import Engine, select

from county.collision.models import Lead
from county.console.audit import list_audit
from county.demo_county import CountyData
from county_server.console_data import csrf_of, log_in


def test_leads_page_roles_and_township_limit(http: httpx.Client, engine: Engine,
                                             town: str) -> None:
    for name in ("viewer1", "it1", "minzheng"):
        log_in(http, name)
        assert http.get("/leads").status_code == 403, name
        http.cookies.clear()
    log_in(http, "insp1")
    page = http.get("/leads")
    assert page.status_code == 200
    with engine.connect() as conn:
        total = conn.execute(select(Lead.id)).all()
    assert page.text.count('href="/leads/') == len(total)
    assert "**********" in page.text
    only = http.get("/leads", params={"rule": "over_standard"}).text
    assert only.count('href="/leads/') == 4
    http.cookies.clear()
    log_in(http, "town1")
    mine = http.get("/leads").text
    with engine.connect() as conn:
        in_town = conn.execute(select(Lead.id).where(Lead.township == town)).scalars().all()
        other = conn.execute(select(Lead.id).where(Lead.township != town)).scalars().first()
    assert mine.count('href="/leads/') == len(in_town) < len(total)
    # The headline figures: a township user sees their own township's row only.
    rows = re.findall(r'<td data-label="乡镇">([^<]+)</td><td data-label="发现线索">(\d+)</td>',
                      mine)
    assert rows == [(town, str(len(in_town)))]
    assert http.get(f"/leads/{other}").status_code == 403
    assert http.get(f"/leads/{in_town[0]}").status_code == 200


def test_lead_page_and_audited_reveal(http: httpx.Client, engine: Engine,
                                      county: CountyData, town: str) -> None:
    with engine.connect() as conn:
        lead_id = conn.execute(select(Lead.id).where(Lead.rule == "paid_after_death")
                               .order_by(Lead.id)).scalars().first()
    log_in(http, "insp1")
    page = http.get(f"/leads/{lead_id}")
    assert page.status_code == 200 and "下一步核查" in page.text and "死亡后仍在发放" in page.text
    numbers = {p.id_number for p in county.people}
    assert not any(n in page.text for n in numbers)
    refused = http.post(f"/leads/{lead_id}/reveal",
                        data={"csrf_token": csrf_of(page.text), "reason": ""})
    assert "请填写" in refused.text and list_audit(engine, action="id.reveal") == []
    shown = http.post(f"/leads/{lead_id}/reveal",
                      data={"csrf_token": csrf_of(page.text), "reason": "入户核查"})
    assert shown.status_code == 200 and any(n in shown.text for n in numbers)
    [entry] = list_audit(engine, action="id.reveal")
    assert entry.actor == "insp1" and f"线索 {lead_id}: 入户核查" in entry.after
    http.cookies.clear()
    log_in(http, "town1")
    # A township user cannot reveal, even with a valid form for a lead of their own township.
    with engine.connect() as conn:
        mine = conn.execute(select(Lead.id).where(Lead.township == town)).scalars().first()
    own = http.get(f"/leads/{mine}")
    assert own.status_code == 200 and "查看完整身份证号" not in own.text
    answer = http.post(f"/leads/{mine}/reveal", data={"csrf_token": csrf_of(own.text),
                                                      "reason": "x"})
    assert answer.status_code == 403
    assert len(list_audit(engine, action="id.reveal")) == 1


def test_cards_page(http: httpx.Client) -> None:
    log_in(http, "viewer1")
    page = http.get("/cards")
    assert page.status_code == 200 and "农村最低生活保障金" in page.text and "按时率" in page.text
    http.cookies.clear()
    log_in(http, "minzheng")
    assert http.get("/cards").status_code == 403
