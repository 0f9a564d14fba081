"""Reference lists as departments send them, imports that say what they raise, a lead's life,
the headline figures, red/yellow cards, and leads that never reach a terminal."""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, insert, select

from county.cli import main
from county.collision.imports import import_list
from county.collision.life import LeadError, assign, confirm, dismiss, figures, recover
from county.collision.models import Lead, LeadEvent, ReferenceRow
from county.db import open_county_db
from county.demo_county import CountyData
from county.importer.references import ReferenceOptions
from county.models import ImportBatch, Payment
from county_server.collide_data import LONG, NOW, REFERENCE_BAD_ROWS
from county_server.conftest import auth
from kiosk import clock


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


@pytest.fixture
def empty(county_url: str) -> Iterator[Engine]:
    """A fresh county database."""
    eng = open_county_db(county_url)
    yield eng
    eng.dispose()


def test_messy_deaths_list_rows_refused_with_reasons(empty: Engine, tmp_path: Path) -> None:
    path = _csv(tmp_path / "死亡.csv", [
        ["2026年死亡人员名单"],
        ["序号", "姓名", "身份证号码", "死亡日期", "备注"],
        ["1", "龙 德 贵", LONG.lower(), "2026/3/5", "431226195903224821 的父亲"],
        ["2", "刘䶮", "431226195903224822", "2026-03-05", ""],
        ["3", "向金金", "431226198604206379", "去年", ""],
        ["4", "谭萍", "431226198810031127", "2099年1月1日", ""],
        ["合计", "4 人"],
    ])
    result, leads = import_list(empty, path, ReferenceOptions("deaths"), now=NOW)
    assert result.refused and leads is None and _count(empty, ReferenceRow) == 0
    assert [(b.row, b.code) for b in result.bad] == [
        (4, "id.check_digit"), (5, "date.invalid"), (6, "date.future")]
    rejects = tmp_path / "rejects.csv"
    result, leads = import_list(empty, path, ReferenceOptions(
        "deaths", skip_bad=True, reject_file=rejects), now=NOW)
    assert result.imported and result.new == 1 and result.exit_code == 2
    assert rejects.stat().st_mode & 0o777 == 0o600
    with empty.connect() as conn:
        row = conn.execute(select(ReferenceRow)).one()
    assert row.event_on == date(2026, 3, 5)
    assert "431226195903224821" not in row.detail and "4312**********4821" in row.detail
    again, _ = import_list(empty, path, ReferenceOptions("deaths", skip_bad=True,
                                                         reject_file=rejects), now=NOW)
    assert (again.new, again.already_present) == (0, 1)


@pytest.mark.parametrize(("kind", "header", "row", "code"), REFERENCE_BAD_ROWS)
def test_reference_bad_rows(empty: Engine, tmp_path: Path, kind: str, header: list[str],
                            row: list[str], code: str) -> None:
    path = _csv(tmp_path / "list.csv", [header, row])
    result, _ = import_list(empty, path, ReferenceOptions(kind), now=NOW)
    assert [b.code for b in result.bad] == [code] and result.refused


@pytest.mark.parametrize(("kind", "header", "missing"), [
    ("deaths", ["姓名", "身份证号"], "死亡日期"),
    ("households", ["身份证号", "与户主关系"], "户号"),
    ("announcements", ["姓名", "身份证号", "金额"], "项目"),
])
def test_list_missing_its_column_is_refused(empty: Engine, tmp_path: Path, kind: str,
                                            header: list[str], missing: str) -> None:
    from county.importer import SourceError

    path = _csv(tmp_path / "list.csv", [header, ["x"] * len(header)])
    with pytest.raises(SourceError, match=missing):
        import_list(empty, path, ReferenceOptions(kind), now=NOW)


def _pensioner(county: CountyData) -> str:
    """A pensioner no rule flags yet."""
    planted = set().union(*county.planted.values()) | county.control
    return next(p.id_number for p in county.people if county.scale.year - p.birth.year >= 62
                and p.id_number not in planted)


def test_import_dry_run_says_what_the_batch_raises(engine: Engine, county: CountyData,
                                                   county_url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    number = _pensioner(county)
    path = _csv(tmp_path / "deaths.csv", [["姓名", "身份证号", "死亡日期"],
                                          ["某 某", number.lower(), "2026年2月1日"]])
    before = _count(engine, Lead)
    args = ["import", str(path), "--kind", "deaths", "--db", county_url]
    assert main([*args, "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert "本批次新增疑点 1 条（paid_after_death 1 条）（试运行，未保存）" in said
    assert _count(engine, Lead) == before and _count(engine, ReferenceRow) > 0
    assert main(args) == 0
    assert "本批次新增疑点 1 条（paid_after_death 1 条）" in capsys.readouterr().out
    assert _count(engine, Lead) == before + 1
    assert main([*args, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["new"], answer["leads_new"], answer["kind"]) == (0, 0, "deaths")


def test_payment_import_says_what_it_raises(engine: Engine, county: CountyData,
                                            county_url: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    number = _pensioner(county)
    # Paid again by another office (the same office's row would replace the stored one).
    path = _csv(tmp_path / "pay.csv", [["身份证号", "项目", "月份", "金额", "发放日期", "发放部门"],
                                       [number, "YANGLAO", "2026年5月", "208", "2026-05-28",
                                        "高村镇财政所"]])
    args = ["import", str(path), "--db", county_url]
    stored = (_count(engine, Payment), _count(engine, Lead), _count(engine, LeadEvent),
              _count(engine, ImportBatch))
    assert main([*args, "--dry-run"]) == 0  # the preview: the rules ran, then a rollback
    said = capsys.readouterr().out
    assert "本批次新增疑点 1 条（duplicate_in_period 1 条）（试运行，未保存）" in said
    masked = f"{number[:4]}**********{number[-4:]}"
    assert re.search(rf"duplicate_in_period +\S+ {re.escape(masked)} ", said), said
    assert number not in said
    assert main([*args, "--dry-run", "--json"]) == 0
    preview = json.loads(capsys.readouterr().out)
    assert (preview["new"], preview["leads_new"], preview["imported"]) == (1, 1, False)
    assert [(lead["rule"], lead["person"]["masked_id"]) for lead in preview["leads"]] == [
        ("duplicate_in_period", masked)]
    assert (_count(engine, Payment), _count(engine, Lead), _count(engine, LeadEvent),
            _count(engine, ImportBatch)) == stored
    assert main(args) == 0
    assert "本批次新增疑点 1 条（duplicate_in_period 1 条）" in capsys.readouterr().out
    assert (_count(engine, Payment), _count(engine, Lead)) == (stored[0] + 1, stored[1] + 1)


def _lead(engine: Engine, rule: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(Lead.id).where(Lead.rule == rule)
                                .order_by(Lead.id)).scalars().first() or 0)


def test_a_leads_life_and_the_headline_figures(engine: Engine) -> None:
    real, innocent = _lead(engine, "duplicate_in_period"), _lead(engine, "paid_after_death")
    with pytest.raises(LeadError, match="cannot become confirmed"):
        confirm(engine, real, 20800, actor="a", now=NOW)
    assign(engine, real, "高村镇监督小组", actor="纪委", now=NOW)
    confirm(engine, real, 20800, actor="监督小组", now=NOW)
    with pytest.raises(LeadError, match="future"):
        recover(engine, real, 20800, date(2027, 1, 1), actor="a", now=NOW)
    recover(engine, real, 20800, date(2026, 11, 18), actor="监督小组", now=NOW)
    with pytest.raises(LeadError, match="reason"):
        dismiss(engine, innocent, "  ", actor="a", now=NOW)
    dismiss(engine, innocent, "死亡登记延迟，补发的是生前月份", actor="a", now=NOW)
    with pytest.raises(LeadError, match="cannot become assigned"):
        assign(engine, innocent, "x", actor="a", now=NOW)
    with engine.connect() as conn:
        rows = figures(conn, "rule")
        by_town = figures(conn, "township")
        total_leads = conn.execute(select(func.count()).select_from(Lead)).scalar_one()
    by_rule = {r.key: r for r in rows}
    assert by_rule["duplicate_in_period"].handled == 1
    assert by_rule["duplicate_in_period"].recovered_fen == 20800
    assert by_rule["paid_after_death"].handled == 1
    assert rows[-1].key == "" and rows[-1].found == total_leads and rows[-1].handled == 2
    assert by_town[-1].recovered_fen == 20800 and sum(r.found for r in by_town[:-1]) == total_leads


def test_lead_cli(engine: Engine, county_url: str,
                  capsys: pytest.CaptureFixture[str]) -> None:
    lead = _lead(engine, "over_standard")
    db = ["--db", county_url]
    assert main(["lead", "assign", str(lead), "兰里镇监督小组", *db]) == 0
    with pytest.raises(SystemExit):  # --reason is required
        main(["lead", "dismiss", str(lead), *db])
    assert main(["lead", "confirm", str(lead), "--amount", "72", *db]) == 0
    assert main(["lead", "recover", str(lead), "--amount", "72", *db]) == 0
    capsys.readouterr()
    assert main(["lead", "show", str(lead), "--json", *db]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "recovered" and shown["rule"] == "over_standard"
    assert main(["lead", "figures", "--json", *db]) == 0
    assert json.loads(capsys.readouterr().out)[-1]["recovered_fen"] == 7200
    assert main(["lead", "recover", str(lead), "--amount", "1", *db]) == 1
    assert "cannot become recovered" in capsys.readouterr().err


@pytest.mark.parametrize(("today", "card", "late"), [
    (date(2026, 11, 20), "", 0), (date(2026, 12, 5), "yellow", 1), (date(2027, 1, 10), "red", 2)])
def test_cards_for_late_publishing(engine: Engine, county_url: str, today: date,
                                   card: str, late: int,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    clock.travel_to(datetime.combine(today, NOW.timetz()))
    assert main(["cards", "--json", "--db", county_url]) == 0
    cards = {c["item_code"]: c for c in json.loads(capsys.readouterr().out)}
    # Monthly 低保 data up to October 2026, all of it imported on 2026-11-20.
    dibao = cards["DIBAO"]
    assert (dibao["card"], dibao["periods_late"], dibao["last_period"]) == (card, late,
                                                                            "2026-10")
    # Only the newest period (due by the end of November) arrived on time.
    if today == date(2026, 11, 20):
        assert dibao["on_time_rate"] == pytest.approx(0.1)
    assert cards["GENGDI"]["card"] == ""  # yearly: 2026's data is early


def test_leads_never_reach_terminals(seeded_engine: Engine, client: httpx.Client,
                                     terminal: dict[str, str]) -> None:
    with seeded_engine.begin() as conn:
        conn.execute(insert(Lead).values(
            key="k" * 64, rule="paid_after_death", id_hash="f" * 64, township="高村镇",
            department="LEAD-DEPT-MARKER", amount_fen=424242, before_payment=False,
            status="new", evidence="{}", detail="LEAD-DETAIL-MARKER", found_at=NOW,
            assigned_to="", dismiss_reason=""))
    cursor, bodies = None, []
    while True:
        answer = client.get("/api/v1/changes", headers=auth(terminal),
                            params={"limit": 5000, **({"since": cursor} if cursor else {})})
        assert answer.status_code == 200
        bodies.append(answer.text)
        page = answer.json()
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    with client.stream("GET", "/api/v1/snapshot", headers={**auth(terminal),
                                                            "Accept-Encoding": "identity"}) as s:
        bodies.append(gzip.decompress(b"".join(s.iter_raw())).decode("utf-8"))
    text = "\n".join(bodies)
    assert "LEAD-" not in text and "paid_after_death" not in text and "424242" not in text
