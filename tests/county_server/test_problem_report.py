"""`county report --month | --quarter`: leads, cards and complaints per township and department
(the 月、季度问题报表), on the generated county, SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from county.cli import main
from county.collision.cards import cards
from county.collision.life import assign, confirm, dismiss, recover
from county.collision.models import Lead
from county.collision.report import ReportError, parse_period
from county.complaint_flow.service import register
from county.models import Payment
from county_server.collide_data import NOW
from kiosk import clock


def test_periods() -> None:
    nov = parse_period("2026-11")
    assert (nov.first, nov.end, nov.last) == (date(2026, 11, 1), date(2026, 12, 1),
                                              date(2026, 11, 30))
    q4 = parse_period("2026-q4")
    assert (q4.label, q4.first, q4.end) == ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1))
    assert parse_period("2026-12").end == date(2027, 1, 1)
    assert parse_period("2026-Q1").last == date(2026, 3, 31)
    for bad in ("2026-13", "2026-Q5", "11/2026", "2026-1", "=1+1"):
        with pytest.raises(ReportError):
            parse_period(bad)


def _report(capsys: pytest.CaptureFixture[str], *args: str
            ) -> dict[str, dict[str, dict[str, int]]]:
    capsys.readouterr()
    assert main(["report", *args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    return {by: {r["key"]: r for r in out[by]} for by in ("townships", "departments")}


def test_monthly_and_quarterly_report(engine: Engine, county_url: str,
                                      tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    with engine.connect() as conn:
        leads = conn.execute(select(Lead.id, Lead.township, Lead.department, Lead.rule)
                             .order_by(Lead.id)).all()
        payment = conn.execute(select(Payment.id, Payment.township, Payment.department)
                               .order_by(Payment.id)).first()
    assert payment is not None
    # One lead recovered in November, one dismissed in November, one decided in December.
    real, innocent, later = leads[0], leads[1], leads[2]
    assign(engine, real.id, "监督小组", actor="纪委", now=NOW)
    confirm(engine, real.id, 20800, actor="纪委", now=NOW)
    recover(engine, real.id, 12000, date(2026, 11, 19), actor="纪委", now=NOW)
    dismiss(engine, innocent.id, "补发", actor="纪委", now=NOW)
    december = NOW + timedelta(days=20)
    dismiss(engine, later.id, "补发", actor="纪委", now=december)
    register(engine, channel="hotline", category="conduct", text="=HYPERLINK(\"x\")",
             township="=1+1", actor="t", now=NOW, payment_id=payment.id)
    register(engine, channel="hotline", category="conduct", text="电话反映",
             township=payment.township, actor="t", now=december)

    clock.travel_to(december)
    try:
        out = tmp_path / "报表.xlsx"
        nov = _report(capsys, "--month", "2026-11", "--xlsx", str(out), "--db", county_url)
        dec = _report(capsys, "--month", "2026-12", "--db", county_url)
        q4 = _report(capsys, "--quarter", "2026-Q4", "--db", county_url)
        capsys.readouterr()
        assert main(["report", "--month", "2026-11", "--db", county_url]) == 0
        said = capsys.readouterr().out
    finally:
        clock.reset()

    by_town, by_dept = Counter(r.township for r in leads), Counter(r.department for r in leads)
    for town, n in by_town.items():
        assert nov["townships"][town]["found"] == n == q4["townships"][town]["found"]
        assert town not in dec["townships"] or dec["townships"][town]["found"] == 0
    for dept, n in by_dept.items():
        assert nov["departments"][dept or "（未注明）"]["found"] == n
    assert nov["townships"][""]["found"] == len(leads) == q4["townships"][""]["found"]
    assert nov["townships"][""]["handled"] == 2 and dec["townships"][""]["handled"] == 1
    assert q4["townships"][""]["handled"] == 3
    assert nov["townships"][real.township]["recovered_fen"] >= 12000
    assert nov["departments"][""]["recovered_fen"] == 12000 == q4["townships"][""]["recovered_fen"]
    assert dec["townships"][""]["recovered_fen"] == 0
    # Complaints: the November one in its (odd) township and in its payment's department.
    assert nov["townships"]["=1+1"]["complaints"] == 1
    assert nov["departments"][payment.department]["complaints"] == 1
    assert dec["townships"][payment.township]["complaints"] == 1
    assert q4["townships"][""]["complaints"] == 2
    # Cards as they stood on the period's last day (today for the current period), each
    # department's once in the total.
    with engine.connect() as conn:
        stood = Counter(c.card for c in cards(conn, today=december.date()) if c.card)
    assert stood["yellow"] + stood["red"] > 0
    for measure in ("red", "yellow"):
        assert dec["townships"][""][measure] == stood[measure]
        assert sum(r[measure] for k, r in dec["departments"].items() if k) == stood[measure]
    assert "合计" in said and "追回 ¥120.00" in said

    assert os.stat(out).st_mode & 0o777 == 0o600
    from openpyxl import load_workbook
    book = load_workbook(out)
    towns = book.worksheets[0]
    assert [c.value for c in towns[1]] == ["乡镇", "发现线索", "已处理线索", "追回金额（元）",
                                          "红牌", "黄牌", "投诉"]
    cells = {row[0].value: row for row in towns.iter_rows(min_row=2)}
    assert cells["'=1+1"][6].value == 1  # a township named like a formula stays text
    assert cells["合计"][1].value == len(leads) and cells["合计"][3].value == "120.00"
    assert book.worksheets[1].title == "2026-11 按部门"


def test_report_needs_a_period(county_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--db", county_url])
    assert main(["report", "--month", "2026-13", "--db", county_url]) == 1
    assert "collision.report_period" in capsys.readouterr().err
