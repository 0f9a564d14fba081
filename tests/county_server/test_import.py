"""`county import` on real messy department files (tests/data/county_*)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from county.db import open_county_db
from county.importer import ImportOptions, SourceError, import_payments
from county.importer.cells import CellError, parse_date, parse_household_size, parse_period
from county.models import HouseholdMember, ImportBatch, Payment
from county.state import lookup_key
from county_server.collide_data import REFERENCE_BAD_ROWS
from kiosk.identity import id_hash

DATA = Path(__file__).resolve().parents[1] / "data"
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
LONG = "43122619560322079X"
LIU = "431226195903224821"

#: (id number, item code, fen, paid_on) of the five good rows every good file holds.
EXPECTED = {
    (LONG, "DIBAO", 123450, date(2024, 3, 5)),
    (LIU, "YANGLAO", 18800, date(2024, 3, 15)),
    ("431226198604206379", "GENGDI", 56000, date(2024, 6, 12)),
    ("431226198810031127", "GAOLING", 15000, date(2024, 3, 25)),
    ("43122619851123467X", "DIBAO", 42050, date(2024, 3, 5)),
}


@pytest.fixture
def engine(county_url: str) -> Iterator[Engine]:
    """A fresh county database (shipped catalogue, random lookup key)."""
    eng = open_county_db(county_url)
    yield eng
    eng.dispose()


def _stored(engine: Engine) -> set[tuple[str, str, int, date]]:
    with engine.connect() as conn:
        key = lookup_key(conn)
        rows = conn.execute(select(Payment.id_hash, Payment.item_code, Payment.amount_fen,
                                   Payment.paid_on)).all()
    by_hash = {id_hash(key, n): n for n, *_ in EXPECTED}
    return {(by_hash.get(r.id_hash, r.id_hash), r.item_code, r.amount_fen, r.paid_on)
            for r in rows}


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


@pytest.mark.parametrize("name", ["county_payments_utf8bom.csv", "county_payments_gb18030.csv"])
def test_csv_in_both_encodings(engine: Engine, tmp_path: Path, name: str) -> None:
    path = shutil.copy(DATA / name, tmp_path / name)
    result = import_payments(engine, Path(path), ImportOptions(), now=NOW)
    assert result.bad == [] and result.imported
    assert (result.rows, result.new) == (5, 5)
    assert _stored(engine) == EXPECTED
    # Idempotent: the same file again changes nothing, not even the batch list.
    again = import_payments(engine, Path(path), ImportOptions(), now=NOW)
    assert (again.new, again.already_present) == (0, 5)
    assert _count(engine, Payment) == 5 and _count(engine, ImportBatch) == 1
    if engine.url.database and engine.dialect.name == "sqlite":
        # Hashed on the way in: no ID number in the database file or its WAL.
        files = Path(engine.url.database).parent.glob("county.db*")
        raw = b"".join(f.read_bytes() for f in files)
        for number, *_ in EXPECTED:
            assert number.encode() not in raw and number.lower().encode() not in raw


def test_xlsx_with_date_cells_serials_and_blank_lines(engine: Engine) -> None:
    result = import_payments(engine, DATA / "county_payments.xlsx", ImportOptions(), now=NOW)
    assert result.bad == [], result.bad
    assert result.rows == 4
    assert _stored(engine) == EXPECTED - {("43122619851123467X", "DIBAO", 42050,
                                          date(2024, 3, 5))}
    # The same payments in CSV form are recognised as already present.
    csv_result = import_payments(engine, DATA / "county_payments_utf8bom.csv", ImportOptions(),
                                 now=NOW)
    assert (csv_result.new, csv_result.already_present) == (1, 4)


def test_household_from_head_id(engine: Engine) -> None:
    import_payments(engine, DATA / "county_payments_utf8bom.csv", ImportOptions(), now=NOW)
    with engine.connect() as conn:
        key = lookup_key(conn)
        members = dict(conn.execute(select(HouseholdMember.id_hash,
                                           HouseholdMember.household_id)).all())
        liu_payment = conn.execute(select(Payment.household_id)
                                   .where(Payment.id_hash == id_hash(key, LIU))).scalar_one()
    household = members[id_hash(key, LONG)]
    assert members[id_hash(key, LIU)] == household == liu_payment
    assert household.startswith("H") and LONG not in household


BAD_ROWS = [
    (3, "id.check_digit"),
    (4, "amount.negative"),
    (5, "amount.absurd"),
    (6, "date.future"),
    (7, "row.duplicate"),
    (8, "item.unknown"),
    (9, "date.invalid"),
    (10, "amount.invalid"),
]


def test_bad_rows_are_reported_and_nothing_is_imported(engine: Engine) -> None:
    before = _count(engine, Payment)
    result = import_payments(engine, DATA / "county_payments_bad.csv", ImportOptions(), now=NOW)
    assert [(b.row, b.code) for b in result.bad] == BAD_ROWS
    assert all(b.file == "county_payments_bad.csv" for b in result.bad)
    assert "第 2 行" in result.bad[4].reason
    # Amounts read as everywhere else (kiosk.money.format_yuan): thousands separated.
    assert result.bad[2].reason == "金额 9,000,000.00 元超过单笔上限 500,000.00 元"
    assert result.bad[6].reason.startswith("不是日期: ")
    assert not result.imported
    assert _count(engine, Payment) == before
    assert _count(engine, HouseholdMember) == 0 and _count(engine, ImportBatch) == 0
    # No plaintext ID number in any reason.
    assert not any("4312" in b.reason for b in result.bad)


#: (row, code, reason) of county_payments_bad_more.csv: the kinds the first file lacks.
MORE_BAD_ROWS = [
    (3, "amount.zero", "金额为零"),
    (4, "date.too_old", "发放日期 1999-12-31 早于 2000 年"),
    (5, "id.empty", "身份证号无效 (空)"),
    (6, "id.length", "身份证号无效 (位数不对)"),
    (7, "id.characters", "身份证号无效 (含非法字符)"),
    (8, "id.birth_date", "身份证号无效 (出生日期不对)"),
    (9, "status.invalid", "发放状态 '作废' 无法识别（应为 已发放 / 待发放 / 退回）"),
]
NUMBER_CELL = (3, "id.number_cell",
               "Excel 把身份证号存成了数字，后几位已丢失：请把该列设为文本后重新填写")


def _nothing_imported(engine: Engine) -> None:
    assert _count(engine, Payment) == 0
    assert _count(engine, HouseholdMember) == 0 and _count(engine, ImportBatch) == 0


def test_more_bad_row_kinds_are_reported_and_nothing_is_imported(engine: Engine) -> None:
    result = import_payments(engine, DATA / "county_payments_bad_more.csv", ImportOptions(),
                             now=NOW)
    assert [(b.row, b.code, b.reason) for b in result.bad] == MORE_BAD_ROWS
    assert all(b.file == "county_payments_bad_more.csv" for b in result.bad)
    assert (result.rows, result.good, result.imported) == (9, 2, False)
    _nothing_imported(engine)


def test_an_id_number_saved_as_an_xlsx_number_cell_is_a_bad_row(engine: Engine) -> None:
    # Excel keeps 15 significant digits of a number: the ID's last digits are gone.
    result = import_payments(engine, DATA / "county_payments_number_id.xlsx", ImportOptions(),
                             now=NOW)
    assert [(b.row, b.code, b.reason) for b in result.bad] == [NUMBER_CELL]
    assert result.bad[0].file == "county_payments_number_id.xlsx"
    assert (result.rows, result.good, result.imported) == (3, 2, False)
    assert not any("4312" in b.reason for b in result.bad)
    _nothing_imported(engine)


def test_every_bad_row_kind_of_the_importer_is_tested() -> None:
    source = "".join(p.read_text(encoding="utf-8") for p in
                     (Path(__file__).resolve().parents[2] / "county" / "importer").glob("*.py"))
    codes = set(re.findall(r'"((?:id|amount|date|item|row|status|period|household)\.[a-z_]+)"',
                           source))
    corpus = json.loads((DATA / "imports" / "expected.json").read_text("utf-8"))
    in_corpus = {outcome[1] for e in corpus.values() if isinstance(e, dict)
                 for sheet in e.get("sheets", {}).values() if sheet
                 for outcome in sheet["rows"].values() if outcome[0] in ("bad", "warn")}
    tested = ({c for _, c in BAD_ROWS} | {c for _, c, _ in MORE_BAD_ROWS} | {NUMBER_CELL[1]}
              | in_corpus | {c for _, c in CELL_ERRORS}
              | {c for *_, c in REFERENCE_BAD_ROWS})  # reference lists: test_leads.py
    assert len(codes) == 23 and codes == tested


#: Cells of the kept columns that are refused, and their codes.
CELL_ERRORS = [("13月", "period.invalid"), ("三口人", "household.size_invalid")]


@pytest.mark.parametrize(("cell", "code"), CELL_ERRORS)
def test_kept_column_cells_that_are_refused(cell: str, code: str) -> None:
    parse = parse_period if code.startswith("period") else \
        (lambda v, _d: parse_household_size(v))
    with pytest.raises(CellError) as caught:
        parse(cell, date(2025, 5, 20))
    assert caught.value.code == code


@pytest.mark.parametrize(("cell", "expected"), [
    ("5月", "2025年5月"), (5, "2025年5月"), ("2025年5月", "2025年5月"), ("2025-05", "2025年5月"),
    ("202505", "2025年5月"), (datetime(2025, 5, 1), "2025年5月"), ("12月", "2024年12月"),
    ("2024年度", "2024年度"), ("", ""),
])
def test_period_forms(cell: object, expected: str) -> None:
    # Paid on 2025-05-20: a bare month takes that year, December the year before.
    assert parse_period(cell, date(2025, 5, 20)) == expected


def test_skip_bad_imports_the_rest_and_writes_rejects(engine: Engine, tmp_path: Path) -> None:
    path = Path(shutil.copy(DATA / "county_payments_bad.csv", tmp_path / "bad.csv"))
    result = import_payments(engine, path, ImportOptions(skip_bad=True), now=NOW)
    assert result.imported and result.new == 2
    rejects = tmp_path / "bad.rejects.csv"
    assert result.reject_file == str(rejects)
    assert rejects.stat().st_mode & 0o077 == 0
    with rejects.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][-2:] == ["原行号", "错误原因"]
    assert [(int(r[-2]), r[-1].split(":")[0]) for r in rows[1:]] == BAD_ROWS


def test_dry_run_writes_nothing(engine: Engine) -> None:
    result = import_payments(engine, DATA / "county_payments_utf8bom.csv",
                             ImportOptions(dry_run=True), now=NOW)
    assert (result.good, result.new, result.imported) == (5, 5, False)
    assert _count(engine, Payment) == 0


def test_item_and_department_options_for_files_without_those_columns(engine: Engine) -> None:
    path = DATA / "county_payments_no_item.csv"
    with pytest.raises(ValueError, match="missing column"):
        import_payments(engine, path, ImportOptions(), now=NOW)
    result = import_payments(engine, path, ImportOptions(item="高龄津贴", department="县民政局"),
                             now=NOW)
    assert result.new == 2
    with engine.connect() as conn:
        rows = conn.execute(select(Payment.item_code, Payment.department)).all()
    assert {tuple(r) for r in rows} == {("GAOLING", "县民政局")}


def test_column_map_override(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("领款人证件,钱,哪天,项目\n431226195903224821,50,2024-01-02,低保\n",
                    encoding="utf-8")
    with pytest.raises(SourceError, match="找不到表头"):
        import_payments(engine, path, ImportOptions(), now=NOW)
    result = import_payments(engine, path, ImportOptions(column_map={
        "领款人证件": "id_number", "钱": "amount", "哪天": "paid_on"}), now=NOW)
    assert result.new == 1 and result.bad == []


def test_unreadable_files(engine: Engine, tmp_path: Path) -> None:
    for name, content in (("x.xls", b"\xd0\xcf\x11\xe0"), ("x.xlsx", b"not a zip"),
                          ("x.pdf", b"%PDF")):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(SourceError):
            import_payments(engine, tmp_path / name, ImportOptions(), now=NOW)


@pytest.mark.parametrize(("cell", "expected"), [
    ("2024-03-05", date(2024, 3, 5)),
    ("2024/3/5", date(2024, 3, 5)),
    ("2024.3.5", date(2024, 3, 5)),
    ("20240305", date(2024, 3, 5)),
    ("2024年3月5日", date(2024, 3, 5)),
    ("２０２４年３月５日", date(2024, 3, 5)),
    ("45356", date(2024, 3, 5)),
    (45356, date(2024, 3, 5)),
    (45356.0, date(2024, 3, 5)),
    (datetime(2024, 3, 5, 10, 0), date(2024, 3, 5)),
    ("2024-03-05 10:30:00", date(2024, 3, 5)),
])
def test_date_forms(cell: object, expected: date) -> None:
    assert parse_date(cell) == expected


def test_an_xlsx_whose_text_unpacks_to_gigabytes_is_refused_unread(engine: Engine,
                                                                   tmp_path: Path) -> None:
    # A small workbook whose shared-string table unpacks to 200 MiB (the attack: a 1.5 MB
    # file with a 1.5 GiB string took 3.26 GB of memory through openpyxl).
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(DATA / "county_payments.xlsx") as good, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in good.infolist():
            if not entry.filename.endswith("sharedStrings.xml"):
                out.writestr(entry, good.read(entry.filename))
        with out.open("xl/sharedStrings.xml", "w") as strings:
            strings.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                          b'main" count="1" uniqueCount="1"><si><t>')
            chunk = b"A" * (1 << 20)
            for _ in range(200):
                strings.write(chunk)
            strings.write(b"</t></si></sst>")
    assert bomb.stat().st_size < 2 << 20
    with pytest.raises(SourceError, match=r"unpacks to .* save it as \.csv"):
        import_payments(engine, bomb, ImportOptions(), now=NOW)
