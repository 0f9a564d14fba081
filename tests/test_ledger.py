"""The village ledger as `kiosk ledger` and the screen read it (issue 17), on the demo
village's store: totals per month and year, the documented JSON, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from demo.ledger import generate_ledger
from demo.village import DemoVillage
from kiosk.cli.main import main
from kiosk.ledger import read_ledger, voucher_path


def test_month_and_year_totals(seeded_engine: Engine, demo_village: DemoVillage) -> None:
    demo = generate_ledger(demo_village.today)
    ledger = read_ledger(seeded_engine, month="2026-03")
    march = [e for e in demo if e.month == "2026-03"]
    year = [e for e in demo if e.month.startswith("2026")]
    assert [e.summary for e in ledger.entries] == [e.summary for e in march]
    assert ledger.month_totals.income_fen == sum(e.amount_fen for e in march
                                                 if e.kind == "income")
    assert ledger.year_totals.expense_fen == sum(e.amount_fen for e in year
                                                 if e.kind == "expense")
    assert ledger.year_totals.balance_fen == (ledger.year_totals.income_fen
                                              - ledger.year_totals.expense_fen)
    assert len(ledger.months) == 12 and ledger.months[0].label == demo[-1].month
    newest = read_ledger(seeded_engine)
    assert newest.month == demo[-1].month


def test_vouchers_are_found_only_when_fetched(seeded_db: Path, seeded_engine: Engine,
                                              demo_village: DemoVillage) -> None:
    with_image = [e for e in generate_ledger(demo_village.today) if e.image]
    path = voucher_path(seeded_db, with_image[0].image_sha256)
    assert path is not None and path.read_bytes() == with_image[0].image
    assert voucher_path(seeded_db, "0" * 64) is None and voucher_path(seeded_db, "") is None


def test_cli_json_and_text(seeded_db: Path, seeded_engine: Engine, demo_village: DemoVillage,
                           capsys: pytest.CaptureFixture[str]) -> None:
    demo = [e for e in generate_ledger(demo_village.today) if e.month == "2026-10"]
    assert main(["ledger", "--month", "2026-10", "--json", "--db", str(seeded_db)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["entries"][0] == {
        "date": demo[0].entry_date.isoformat(), "summary": demo[0].summary,
        "kind": demo[0].kind, "amount_fen": demo[0].amount_fen,
        "counterparty": demo[0].counterparty, "voucher": demo[0].voucher_no}
    assert len(shown["entries"]) == len(demo)
    assert main(["ledger", "--month", "2026-10", "--db", str(seeded_db)]) == 0
    text = capsys.readouterr().out
    assert "2026-10  收入 ¥" in text and demo[0].summary in text
    assert main(["ledger", "--month", "2026-13", "--db", str(seeded_db)]) == 2
