"""`county import` on department files laid out as counties send them (tests/data/imports/).

Each file's expected result is written down in tests/data/imports/expected.json
by the script that made it (tests/data/make_import_corpus.py): which row is
the header, what becomes of every row (imported with which amount, refused
with which code, skipped as a total or footer), the exit code with and
without --skip-bad. The test checks every good row is in, every bad row out
with its reason, and no row under a wrong person.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select

from county.cli import main
from county.db import open_county_db
from county.importer import ImportOptions, SourceError, import_payments
from county.models import ImportBatch, Payment
from county.state import lookup_key
from kiosk import clock
from kiosk.identity import id_hash

IMPORTS = Path(__file__).resolve().parents[1] / "data" / "imports"
EXPECTED: dict[str, Any] = json.loads((IMPORTS / "expected.json").read_text("utf-8"))
IDS: dict[str, str] = EXPECTED.pop("_ids")
TABLES = [name for name, e in EXPECTED.items() if "sheets" in e]


@pytest.fixture(autouse=True)
def _corpus_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files are read from a copy: --skip-bad writes FILE.rejects.csv beside each."""
    copy = tmp_path / "imports"
    shutil.copytree(IMPORTS, copy)
    monkeypatch.setattr(sys.modules[__name__], "IMPORTS", copy)


@pytest.fixture
def engine(county_url: str) -> Iterator[Engine]:
    eng = open_county_db(county_url)
    yield eng
    eng.dispose()


def _options(name: str, **extra: Any) -> ImportOptions:
    return ImportOptions(**EXPECTED[name]["options"], **extra)


def _outcomes(result: Any) -> dict[str, dict[str, list[Any]]]:
    """Per sheet, per row: the outcome the import gave (bad/warn/skip; ok rows filled later)."""
    out: dict[str, dict[str, list[Any]]] = {s.name: {} for s in result.sheets}
    for b in result.bad:
        out[b.sheet][str(b.row)] = ["bad", b.code]
    for w in result.warnings:
        out[w.sheet][str(w.row)] = ["warn", w.code]
    for s in result.sheets:
        for skipped in s.skipped:
            out[s.name][str(skipped.row)] = ["skip", skipped.word]
    return out


@pytest.mark.parametrize("name", TABLES)
def test_every_row_of_every_sheet_has_its_written_down_outcome(engine: Engine,
                                                               name: str) -> None:
    expected = EXPECTED[name]
    result = import_payments(engine, IMPORTS / name, _options(name, skip_bad=True),
                             now=clock.now())
    sheets = {s.name: s for s in result.sheets}
    assert set(sheets) == set(expected["sheets"])
    outcomes = _outcomes(result)
    stored_fen: list[int] = []
    for sheet_name, want in expected["sheets"].items():
        if want is None:  # a sheet without a table: named as not imported
            assert sheets[sheet_name].not_imported and sheets[sheet_name].header_row is None
            continue
        assert sheets[sheet_name].header_row == want["header_row"]
        assert sheets[sheet_name].header_detected
        for row, outcome in want["rows"].items():
            if outcome[0] == "ok":
                assert row not in outcomes[sheet_name], (sheet_name, row, outcomes[sheet_name])
                stored_fen.append(outcome[1])
            else:
                assert outcomes[sheet_name].get(row) == outcome, (sheet_name, row)
        assert set(outcomes[sheet_name]) <= set(want["rows"])
    # Every ok row is stored with its amount (and nothing else is).
    with engine.connect() as conn:
        amounts = sorted(conn.execute(select(Payment.amount_fen)).scalars())
    refused = expected["exit_code_skip_bad"] == 1  # a warning stops even --skip-bad
    assert amounts == ([] if refused else sorted(stored_fen))
    assert result.exit_code == expected["exit_code_skip_bad"]
    # Every column is mapped or named as ignored.
    for sheet in result.sheets:
        ignored = [c.header for c in sheet.columns if c.field is None]
        assert ignored == expected["ignored_columns"] or sheet.not_imported
        letters = {c.field: c.letter for c in sheet.columns}
        for field, letter in expected["kept"].items():
            assert letters.get(field) == letter or sheet.not_imported
    for reason in [b.reason for b in result.bad] + [w.reason for w in result.warnings]:
        assert "4312" not in reason  # no ID number in a reason


@pytest.mark.parametrize("name", TABLES)
def test_dry_run_answers_what_the_real_run_does(engine: Engine, name: str) -> None:
    for skip_bad in (False, True):
        dry = import_payments(engine, IMPORTS / name, _options(name, dry_run=True,
                                                               skip_bad=skip_bad),
                              now=clock.now())
        key = "exit_code_skip_bad" if skip_bad else "exit_code"
        assert dry.exit_code == EXPECTED[name][key]
        with engine.connect() as conn:
            assert conn.execute(select(Payment.id)).first() is None
    real = import_payments(engine, IMPORTS / name, _options(name), now=clock.now())
    assert real.exit_code == EXPECTED[name]["exit_code"]
    assert real.imported == (real.exit_code == 0)


def test_excel_rounded_id_is_a_warning_that_stops_the_import(engine: Engine) -> None:
    name = "高龄津贴-2025年3月-gbk.csv"
    refused = import_payments(engine, IMPORTS / name, ImportOptions(skip_bad=True),
                              now=clock.now())
    assert not refused.imported and refused.exit_code == 1
    assert [w.code for w in refused.warnings] == ["id.maybe_rounded"]
    accepted = import_payments(engine, IMPORTS / name,
                               ImportOptions(skip_bad=True, accept_warnings=True),
                               now=clock.now())
    assert accepted.imported and accepted.exit_code == 2 and accepted.new == 3
    # The GBK file's 组 and 备注 are kept.
    with engine.connect() as conn:
        kept = set(conn.execute(select(Payment.village_group, Payment.note)).all())
    assert ("二组", "补发1-2月") in kept and ("三组", "") in kept


def test_the_real_person_is_never_paid_under_a_rounded_number(engine: Engine) -> None:
    # 舒国强's ID as a number cell: refused, so nothing is stored under any number of his.
    import_payments(engine, IMPORTS / "低保-2025年5-6月-高村镇.xlsx",
                    ImportOptions(item="低保", skip_bad=True), now=clock.now())
    real = IDS["SHU_REAL"]
    with engine.connect() as conn:
        key = lookup_key(conn)
        hashes = set(conn.execute(select(Payment.id_hash)).scalars())
    assert id_hash(key, real) not in hashes
    assert id_hash(key, real[:15] + "000") not in hashes


def test_kept_columns_reach_the_payment(engine: Engine) -> None:
    import_payments(engine, IMPORTS / "低保-2025年5-6月-高村镇.xlsx",
                    ImportOptions(item="低保", skip_bad=True), now=clock.now())
    with engine.connect() as conn:
        key = lookup_key(conn)
        rows = conn.execute(select(Payment.period, Payment.household_size, Payment.note,
                                   Payment.township, Payment.village, Payment.amount_fen)
                            .where(Payment.id_hash == id_hash(key, IDS["WU"]))).all()
    assert [tuple(r) for r in rows] == [("2025年5月", 2, "新增", "高村镇", "青山村", 76000)]


def test_amounts_in_wan_yuan_refuse_the_file(engine: Engine) -> None:
    with pytest.raises(SourceError, match="万元"):
        import_payments(engine, IMPORTS / "耕地补贴-万元.xlsx", ImportOptions(), now=clock.now())


def test_header_row_and_sheet_options(engine: Engine) -> None:
    name = IMPORTS / "低保-2025年5-6月-高村镇.xlsx"
    only_june = import_payments(engine, name, ImportOptions(item="低保", sheet="6月",
                                                            dry_run=True), now=clock.now())
    assert [s.name for s in only_june.sheets] == ["6月"] and only_june.rows == 3
    given = import_payments(engine, name, ImportOptions(item="低保", header_row=3, sheet="5月",
                                                        dry_run=True), now=clock.now())
    assert given.sheets[0].header_row == 3 and not given.sheets[0].header_detected
    with pytest.raises(ValueError, match=r"missing column.*row 2"):
        import_payments(engine, name, ImportOptions(item="低保", header_row=2, sheet="5月",
                                                    dry_run=True), now=clock.now())
    with pytest.raises(SourceError, match="no sheet '7月'"):
        import_payments(engine, name, ImportOptions(item="低保", sheet="7月"), now=clock.now())


def test_map_uses_the_files_own_column_names(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("某县某局发放表\n领款人证件,钱,哪天,项目\n431226195903224821,50,2024-01-02,低保\n",
                    encoding="utf-8")
    with pytest.raises(SourceError, match="找不到表头"):
        import_payments(engine, path, ImportOptions(), now=clock.now())
    result = import_payments(engine, path, ImportOptions(column_map={
        "领款人证件": "id_number", "钱": "amount", "哪天": "paid_on"}), now=clock.now())
    assert result.new == 1 and result.sheets[0].header_row == 2
    with pytest.raises(SourceError, match="没有这一列"):
        import_payments(engine, path, ImportOptions(column_map={"身份证": "id_number"},
                                                    header_row=2), now=clock.now())


def test_a_corrected_file_replaces_the_rows_it_supersedes(engine: Engine) -> None:
    wrong = import_payments(engine, IMPORTS / "低保-2025年4月-误.csv", ImportOptions(),
                            now=clock.now())
    assert wrong.new == 2
    fixed = import_payments(engine, IMPORTS / "低保-2025年4月-更正.csv", ImportOptions(),
                            now=clock.now())
    assert (fixed.new, fixed.superseded, fixed.already_present) == (0, 1, 1)
    with engine.connect() as conn:
        amounts = sorted(conn.execute(select(Payment.amount_fen)
                                      .where(Payment.deleted.is_(False))).scalars())
        batches = conn.execute(select(ImportBatch.rows_superseded)
                               .order_by(ImportBatch.id)).scalars().all()
    assert amounts == [76000, 114000] and batches == [0, 1]


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exit_codes_and_report(capsys: pytest.CaptureFixture[str], county_url: str) -> None:
    xlsx = str(IMPORTS / "低保-2025年5-6月-高村镇.xlsx")
    code, out, err = _cli(capsys, "import", xlsx, "--item", "低保", "--db", county_url)
    assert code == 1 and "NOTHING imported" in out
    assert "header on row 3 (found)" in out and "G 保障人数 → household_size" in out
    assert "skipped (not data): row 9 合计, row 10 制表人" in out
    assert "[5月]:7: Excel 把身份证号存成了数字" in err
    code, out, _ = _cli(capsys, "import", xlsx, "--item", "低保", "--dry-run", "--skip-bad",
                        "--db", county_url)
    assert code == 2 and "would skip the bad rows" in out
    code, out, _ = _cli(capsys, "import", xlsx, "--item", "低保", "--skip-bad", "--json",
                        "--db", county_url)
    body = json.loads(out)
    assert code == 2 and body["exit_code"] == 2
    # The dry run stored nothing: this batch is the only one (on PostgreSQL its number may
    # skip the one the rolled-back dry run drew from the sequence).
    engine = create_engine(county_url)
    try:
        with engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT id FROM import_batch").scalars().all()
    finally:
        engine.dispose()
    assert stored == [body["batch"]]
    assert [s["name"] for s in body["sheets"]] == ["5月", "6月", "填表说明"]
    assert body["bad"][0] == {"sheet": "5月", "row": 7, "code": "id.number_cell",
                              "reason": "Excel 把身份证号存成了数字，后几位已丢失："
                                        "请把该列设为文本后重新填写"}
    code, out, _ = _cli(capsys, "import", str(IMPORTS / "养老金-2025年3月-utf8.csv"),
                        "--db", county_url)
    assert code == 0 and "H 银行账号 → ignored" in out
    code, _, err = _cli(capsys, "import", str(IMPORTS / "耕地补贴-万元.xlsx"), "--db", county_url)
    assert code == 1 and "万元" in err
    code, _, _ = _cli(capsys, "import", xlsx, "--no-such-option", "--db", county_url)
    assert code == 1  # a usage error stores nothing: 1, never 2 ("imported, rows skipped")
