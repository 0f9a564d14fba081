"""数据碰撞 on a generated county with planted leads, on SQLite and PostgreSQL.

The county (county/demo_county.py) goes in through the real importers as messy
files (names with spaces, lower-case x, dates in three formats): every
planted lead must be found, none on the control set, and a re-run adds
nothing.
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, func, select, update

from county.cli import main
from county.collision.models import Lead, LeadEvent
from county.collision.names import RULE_NAMES
from county.collision.rules import RULES
from county.collision.run import collide
from county.corrections import withdraw_payment
from county.db import open_county_db
from county.demo_county import CountyData, generate_county
from county.models import Payment
from county.tx import writing
from county_server.collide_data import NOW, SMALL, hashes


def _leads(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as conn:
        return [(r.rule, r.id_hash, r.status)
                for r in conn.execute(select(Lead.rule, Lead.id_hash, Lead.status))]


def test_every_planted_lead_found_none_on_control(engine: Engine, county: CountyData) -> None:
    leads = _leads(engine)
    control = hashes(engine, county.control)
    assert set(county.planted) == set(RULE_NAMES)
    for rule in RULE_NAMES:
        found = [who for name, who, _ in leads if name == rule]
        # One lead per planted anomaly (two kinds of announced_not_paid per round).
        assert len(found) == SMALL.planted * (2 if rule == "announced_not_paid" else 1), rule
        assert set(found) == hashes(engine, county.planted[rule]), rule
        assert not set(found) & control, rule
    assert {status for *_, status in leads} == {"new"}


def test_rerun_adds_nothing(engine: Engine) -> None:
    before = _leads(engine)
    for _ in range(2):
        with writing(engine) as conn:
            again = collide(conn, now=NOW)
        assert (again.new_ids, again.closed, again.reopened) == ([], 0, 0)
        assert again.found == len(before)
    assert sorted(_leads(engine)) == sorted(before)


def test_withdrawn_evidence_closes_the_lead_and_its_return_reopens(engine: Engine) -> None:
    with engine.connect() as conn:
        lead_id, evidence = conn.execute(select(Lead.id, Lead.evidence).where(
            Lead.rule == "duplicate_in_period").order_by(Lead.id).limit(1)).one()
    payment_id = json.loads(evidence)["payments"][0]
    withdraw_payment(engine, payment_id, reason="重复录入", actor="t", now=NOW)
    with writing(engine) as conn:
        run = collide(conn, now=NOW)
    assert run.closed == 1 and run.new_ids == []
    with engine.connect() as conn:
        assert conn.execute(select(Lead.status).where(Lead.id == lead_id)).scalar() == "closed"
        actions = conn.execute(select(LeadEvent.action).where(LeadEvent.lead_id == lead_id)
                               .order_by(LeadEvent.id)).scalars().all()
    assert actions == ["found", "closed"]
    with engine.begin() as conn:  # the withdrawal was itself a mistake: the payment is back
        conn.execute(update(Payment).where(Payment.id == payment_id).values(deleted=False))
    with writing(engine) as conn:
        back = collide(conn, now=NOW)
    assert (back.reopened, back.new_ids, back.closed) == (1, [], 0)
    with engine.connect() as conn:
        assert conn.execute(select(Lead.status).where(Lead.id == lead_id)).scalar() == "new"


def test_only_named_rules_run_and_since_closes_nothing(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(delete(Lead))
    with writing(engine) as conn:
        run = collide(conn, now=NOW, rules=[r for r in RULES if r.name == "over_standard"])
    assert set(run.new_by_rule) == {"over_standard"} and len(run.new_ids) == SMALL.planted
    with writing(engine) as conn:  # a narrow window finds less, and closes nothing
        narrow = collide(conn, now=NOW, since=NOW.date())
    # No payment is that recent; an announcement never paid has no payment date to limit.
    assert narrow.closed == 0 and set(narrow.new_by_rule) == {"announced_not_paid"}
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Lead).where(
            Lead.status == "new", Lead.rule == "over_standard")).scalar_one() == SMALL.planted


def test_collide_json_shape(engine: Engine, county_url: str, county: CountyData,
                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collide", "--db", county_url, "--json"]) == 0
    leads = json.loads(capsys.readouterr().out)
    assert len(leads) == len(_leads(engine))
    for lead in leads:
        assert set(lead) >= {"rule", "person", "payments", "amount_fen", "status",
                             "before_payment"}
        assert set(lead["person"]) == {"name", "masked_id"}
        assert lead["person"]["masked_id"][4:14] == "*" * 10 and lead["person"]["name"]
        assert " " not in lead["person"]["name"]  # 龙 德 贵 in the file, 龙德贵 here
        for payment in lead["payments"]:
            assert set(payment) == {"item_name", "amount_fen", "paid_on"}
        assert lead["rule"] in RULE_NAMES and lead["status"] == "new"
    over = [lead for lead in leads if lead["rule"] == "over_standard"]
    assert {lead["amount_fen"] for lead in over} == {28000 - 20800}
    dup = [lead for lead in leads if lead["rule"] == "duplicate_in_period"]
    assert all(len(d["payments"]) == 2 and d["amount_fen"] == 20800 for d in dup)
    # No plaintext ID number anywhere in the output.
    text = json.dumps(leads)
    assert not any(p.id_number[6:] in text or p.id_number[6:].lower() in text
                   for p in county.people)


def test_pending_payments_listed_first(engine: Engine, county_url: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    with engine.connect() as conn:
        evidence = conn.execute(select(Lead.evidence).where(
            Lead.rule == "paid_after_death").order_by(Lead.id.desc()).limit(1)).scalar_one()
    last = json.loads(evidence)["payments"][-1]
    with engine.begin() as conn:
        conn.execute(update(Payment).where(Payment.id == last).values(status="pending"))
        conn.execute(delete(Lead))
    assert main(["collide", "--db", county_url, "--json"]) == 0
    leads = json.loads(capsys.readouterr().out)
    assert leads[0]["before_payment"] is True and leads[0]["rule"] == "paid_after_death"
    assert [lead["before_payment"] for lead in leads].count(True) == 1


def test_xlsx_export_masked_and_private(engine: Engine, county_url: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "leads.xlsx"
    with redirect_stdout(io.StringIO()):
        assert main(["collide", "--db", county_url, "--xlsx", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "线索号" and len(rows) == 1 + len(_leads(engine))
    assert all(str(r[3])[4:14] == "*" * 10 for r in rows[1:])


def test_unknown_rule_is_refused(engine: Engine, county_url: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collide", "--db", county_url, "--rule", "paid_after_birth"]) == 1
    assert "paid_after_death" in capsys.readouterr().err


def test_collide_dry_run_stores_nothing(engine: Engine, county_url: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    with engine.begin() as conn:
        conn.execute(delete(Lead))
    assert main(["collide", "--db", county_url, "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert f"本批次新增疑点 {SMALL.planted * 8} 条" in said and "试运行，未保存" in said
    assert _leads(engine) == []


def test_generated_files_are_messy_and_the_county_repeatable(county: CountyData,
                                                             tmp_path: Path) -> None:
    from county.demo_county import write_files

    again = generate_county(SMALL)
    assert again.people == county.people and again.planted == county.planted
    files = write_files(county, tmp_path)
    deaths = files["deaths"].read_text("utf-8")
    payments = files["payments"].read_text("utf-8")
    assert oct(files["payments"].stat().st_mode & 0o777) == "0o600"
    assert any(" " in line.split(",")[0] for line in payments.splitlines()[1:])  # 龙 德 贵
    ids = [line.split(",")[1] for line in payments.splitlines()[1:]]
    assert any(i.endswith("x") for i in ids) and any(i.endswith("X") for i in ids)
    for form in (r"\d{4}-\d{2}-\d{2}", r"\d{4}/\d{1,2}/\d{1,2}", r"\d{4}年\d{1,2}月\d{1,2}日"):
        assert re.search(form, deaths) and re.search(form, payments), form
    assert deaths.startswith("2026年死亡人员名单") and "合计" in deaths


def test_migration_0301_matches_the_models(county_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from county.models import Base

    eng = open_county_db(county_url)
    try:
        with eng.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        eng.dispose()
    names = ("person", "reference_row", "lead", "benefit_standard", "ix_payment_collide",
             "ix_payment_item_paid_on")
    assert [d for d in diff if any(n in repr(d) for n in names)] == []
