"""XLSX export of the console's tables: same role and township limits as the pages,
formulas neutralised, no ID numbers; on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from reference import REFERENCE_DAY
from sqlalchemy import Engine, select

from county.collision.life import assign
from county.collision.models import LEAD_STATES, Lead
from county.collision.names import RULE_NAMES
from county.collision.run import collide
from county.console.accounts import add_user
from county.console.audit import list_audit
from county.console.lead_export import LEAD_COLUMNS
from county.console.leads_page import STATUS_WORDS
from county.importer import ImportOptions, import_payments
from county.tx import writing
from county_server.conftest import enroll_terminal
from county_server.console_data import (
    PASSWORD,
    add_townships,
    add_users,
    csrf_of,
    file_complaint,
    log_in,
    valid_id,
    write_xlsx,
)
from county_server.live import LiveServer
from demo.village import generate_village
from kiosk import clock

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def console(server: LiveServer, seeded_engine: Engine, tmp_path: Path) -> LiveServer:
    """Users, three townships, a terminal and a complaint in 高村镇 and in 石桥乡."""
    add_users(seeded_engine)
    add_townships(seeded_engine, tmp_path)
    with httpx.Client(base_url=server.url, timeout=30) as http:
        gaocun = enroll_terminal(seeded_engine, http)
        shiqiao = enroll_terminal(seeded_engine, http, township="石桥乡", village="河湾村")
        file_complaint(http, gaocun["token"], key="export-gaocun-01",
                       text='=HYPERLINK("http://evil.example/","点我")\x07响铃')
        file_complaint(http, shiqiao["token"], key="export-shiqiao-1", text="石桥乡的投诉")
    return server


def _sheets(answer: httpx.Response) -> dict[str, list[tuple[object, ...]]]:
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["content-type"] == XLSX
    assert answer.headers["content-disposition"].startswith("attachment; filename*=UTF-8''")
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)]
                for ws in book.worksheets}
    finally:
        book.close()


@contextmanager
def _client(console: LiveServer, name: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=console.url, timeout=30) as http:
        assert log_in(http, name).status_code == 303
        yield http


def test_every_table_exports_for_the_inspector(console: LiveServer) -> None:
    with _client(console, "insp1") as http:
        dashboard = _sheets(http.get("/dashboard?format=xlsx"))
        assert set(dashboard) == {"按年度", "按项目", "按地区", "按部门", "投诉", "投诉办理",
                                  "投诉按类别", "投诉按乡镇", "线索-按乡镇", "线索-按规则",
                                  "线索-按部门", "线索清单"}
        assert {row[0] for row in dashboard["投诉按乡镇"][1:]} == {"高村镇", "石桥乡"}
        places = {row[0] for row in dashboard["按地区"][1:]}
        assert places == {"高村镇", "石桥乡", "龙潭镇"}
        terminals = _sheets(http.get("/terminals?format=xlsx"))["终端"]
        assert terminals[0][:3] == ("终端", "乡镇", "村") and len(terminals) == 3
        complaints = _sheets(http.get("/complaints?format=xlsx"))["投诉"]
        assert len(complaints) == 3
        notices = _sheets(http.get("/notices?format=xlsx"))["公告"]
        assert len(notices) > 5
        audit = _sheets(http.get("/audit?format=xlsx"))["审计日志"]
        assert any(row[5] == "login.ok" for row in audit[1:])
    with _client(console, "minzheng") as http:
        imports = _sheets(http.get("/imports?format=xlsx"))["导入记录"]
        assert imports[0][1] == "文件" and len(imports) == 1  # only its own (none yet)
    with _client(console, "it1") as http:
        imports = _sheets(http.get("/imports?format=xlsx"))["导入记录"]
        assert [row[2] for row in imports[1:]] == ["it1"]


def test_township_user_exports_only_its_township(console: LiveServer,
                                                 seeded_engine: Engine) -> None:
    with _client(console, "gaocun") as http:
        terminals = _sheets(http.get("/terminals?format=xlsx"))["终端"]
        assert [row[1] for row in terminals[1:]] == ["高村镇"]
        complaints = _sheets(http.get("/complaints?format=xlsx"))["投诉"]
        assert [row[3] for row in complaints[1:]] == ["高村镇"]
        dashboard = _sheets(http.get("/dashboard?format=xlsx"))
        assert dashboard["按地区"][0][0] == "村"
        assert {row[0] for row in dashboard["按地区"][1:]} == {"青山村"}
        assert http.get("/terminals?township=石桥乡&format=xlsx").status_code == 403
        assert http.get("/audit?format=xlsx").status_code == 403
    exports = list_audit(seeded_engine, action="export")
    assert {r.target.split("-")[0].removesuffix(".xlsx") for r in exports
            if r.actor == "gaocun"} == {
        "终端", "投诉", "统计"}


def test_exports_neutralise_formulas_and_carry_no_id_number(console: LiveServer) -> None:
    with _client(console, "it1") as http:
        token = csrf_of(http.get("/notices").text)
        http.post("/notices", data={"kind": "政策", "title": "+1+1 不是公式", "scope": "county",
                                    "csrf_token": token})
        notices = _sheets(http.get("/notices?format=xlsx"))["公告"]
        assert ("'+1+1 不是公式") in [row[2] for row in notices]
    with _client(console, "insp1") as http:
        answer = http.get("/complaints?format=xlsx")
        complaints = _sheets(answer)["投诉"]
        texts = [row[6] for row in complaints[1:]]
        # The bell XLSX cannot hold is shown as an escape, as in every county export.
        assert "'=HYPERLINK(\"http://evil.example/\",\"点我\")\\x07响铃" in texts
        with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "<f>" not in sheet  # no formula cell at all
        numbers = [p.id_number for p in generate_village(today=REFERENCE_DAY).people]
        numbers += [valid_id(n) for n in range(100, 120)]
        for path in ("/dashboard", "/terminals", "/complaints", "/notices", "/audit",
                     "/imports"):
            content = http.get(f"{path}?format=xlsx").content
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                              if n.endswith(".xml"))
            assert not any(n in xml for n in numbers), path


def test_dashboard_workbook_lists_the_leads_masked(console: LiveServer, seeded_engine: Engine,
                                                  tmp_path: Path) -> None:
    twice = ["新户410", valid_id(410), "农村最低生活保障金", "2025年6月", "386.00",
             "2025-06-10", "县民政局", "龙潭镇", "龙潭村", "N410"]
    again = [*twice[:5], "2025-06-25", *twice[6:9], "N410b"]  # June paid twice
    path = write_xlsx(tmp_path / "twice.xlsx", [twice, again])
    assert import_payments(seeded_engine, path, ImportOptions(actor="t"),
                           now=clock.now()).imported
    with writing(seeded_engine) as conn:  # and the seeded county's own anomalies
        collide(conn, now=clock.now())
    with seeded_engine.connect() as conn:
        leads = conn.execute(select(Lead.id, Lead.township).order_by(Lead.id)).all()
    assert {town for _, town in leads} == {"高村镇", "龙潭镇"}, leads
    first = leads[0][0]
    assign(seeded_engine, first, "=1+1监督小组", actor="insp1", now=clock.now())
    with _client(console, "insp1") as http:
        answer = http.get("/dashboard?format=xlsx")
        book = _sheets(answer)
    assert {"线索-按乡镇", "线索-按规则", "线索-按部门", "线索清单"} <= set(book)
    listed = book["线索清单"]
    assert listed[0][:7] == LEAD_COLUMNS[:7] == ("规则", "规则说明", "乡镇", "状态", "线索号",
                                                 "姓名", "身份证号（脱敏）")
    rows = listed[1:]
    assert sorted(int(str(r[4])) for r in rows) == [i for i, _ in leads]
    state_of = {w: s for s, w in STATUS_WORDS.items()}
    order = [(RULE_NAMES.index(str(r[0])), str(r[2]), LEAD_STATES.index(state_of[str(r[3])]))
             for r in rows]
    assert order == sorted(order)  # by rule, township, status
    # The imported payee is known by name and masked number (the seeded ones only by hash).
    named = [r for r in rows if r[5]]
    assert [(r[0], r[2], r[5]) for r in named] == [("duplicate_in_period", "龙潭镇", "新户410")]
    assert re.fullmatch(r"\d{4}\*+\d{3}[\dX]", str(named[0][6])), named
    mine = next(r for r in rows if r[4] == first)
    assert mine[3] == "已交办" and mine[10] == "'=1+1监督小组"  # written as text
    by_town = {str(r[0]): int(str(r[1])) for r in book["线索-按乡镇"][1:]}
    assert by_town.pop("合计") == len(rows) == sum(by_town.values())
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                      if n.endswith(".xml"))
    assert "<f>" not in xml  # no formula cell at all
    numbers = [p.id_number for p in generate_village(today=REFERENCE_DAY).people]
    assert not any(n in xml for n in [*numbers, valid_id(410)])
    add_user(seeded_engine, "longtan", role="township", township="龙潭镇", password=PASSWORD,
             actor="test", now=clock.now())
    for user, town, count in (("gaocun", "高村镇", len(rows) - 1), ("longtan", "龙潭镇", 1),
                              ("shiqiao", "石桥乡", 0)):
        with _client(console, user) as http:  # a township: its own leads only
            own = _sheets(http.get("/dashboard?format=xlsx"))
        assert len(own["线索清单"]) == 1 + count and {r[2] for r in own["线索清单"][1:]} <= {town}
        assert [r[0] for r in own["线索-按乡镇"][1:]] == [town] * bool(count) + ["合计"]
    with _client(console, "viewer1") as http:  # no lead role: no lead sheets
        assert not any(s.startswith("线索") for s in _sheets(http.get("/dashboard?format=xlsx")))
