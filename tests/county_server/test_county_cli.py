"""The `county` CLI: in-process for the admin commands, a real `county serve` process."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest

from county_server.cli_run import run
from county_server.serve_run import free_port

DATA = Path(__file__).resolve().parents[1] / "data"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'county.db'}"


def test_enroll_new_json_and_terminals(capsys: pytest.CaptureFixture[str], db: str) -> None:
    body = run_json(capsys, "enroll", "new", "--village", "青山村", "--township", "高村镇",
                    "--db", db)
    assert set(body) == {"code", "expires_at"}
    assert len(body["code"]) == 11 and body["code"][5] == "-"
    code, out, _ = run(capsys, "enroll", "new", "--village", "青山村", "--township", "高村镇",
                       "--db", db)
    assert code == 0 and "kiosk enroll" in out and "█" in out  # the QR for the clerk
    assert run_json(capsys, "terminals", "--db", db) == []
    code, _, err = run(capsys, "terminals", "revoke", "T00009", "--db", db)
    assert code == 1 and "no active terminal T00009" in err


def test_notice_setting_item_commands(capsys: pytest.CaptureFixture[str], db: str) -> None:
    added = run_json(capsys, "notice", "add", "--kind", "政策", "--title", "新政策",
                     "--body", "正文", "--db", db)
    notice_id = added["id"]
    listed = run_json(capsys, "notice", "list", "--db", db)
    assert [(n["id"], n["title"], n["scope"]) for n in listed] == [(notice_id, "新政策",
                                                                   "county")]
    code, _, err = run(capsys, "notice", "add", "--kind", "公示", "--title", "x", "--scope",
                       "village", "--db", db)
    assert code == 1 and "--township" in err
    assert run(capsys, "notice", "retire", str(notice_id), "--db", db)[0] == 0
    assert run_json(capsys, "notice", "list", "--db", db) == []
    assert run(capsys, "notice", "retire", str(notice_id), "--db", db)[0] == 1

    set_ = run_json(capsys, "setting", "set", "ui.idle_seconds", "60", "--scope",
                    "township:高村镇", "--db", db)
    assert set_["version"] > 0
    assert run_json(capsys, "setting", "list", "--db", db) == [
        {"key": "ui.idle_seconds", "target": "township:高村镇", "value": "60",
         "version": set_["version"]}]
    _setting_typos_are_refused(capsys, db, stored=set_["version"])

    assert run(capsys, "item", "add", "CHANJIA", "产假补贴", "--alias", "生育补贴",
               "--db", db)[0] == 0
    items = run_json(capsys, "item", "list", "--db", db)
    assert {"code": "CHANJIA", "name": "产假补贴", "category": "", "department": "",
            "scope": "person", "aliases": ["生育补贴"]} in items
    assert "DIBAO" in {i["code"] for i in items}


def _setting_typos_are_refused(capsys: pytest.CaptureFixture[str], db: str, *,
                               stored: int) -> None:
    """Issue 13: a typo or a bad value is refused, naming what would do; nothing is stored."""
    before = run_json(capsys, "setting", "list", "--db", db)
    for argv, said in (
            (("ui.idle_secnods", "90"), ["did you mean ui.idle_seconds?",
                                         "ui.complaint_idle_seconds, ui.countdown_seconds, "
                                         "ui.idle_seconds"]),
            (("ui.idle_timeout_s", "90"), ["the name in kiosk.toml", "as ui.idle_seconds"]),
            (("Bad Key", "1"), ["unknown setting 'Bad Key'"]),
            (("printer.paper", "58"), ["unknown setting", "ui.idle_seconds"]),
            (("ui.idle_seconds", "5"), ["from 15 to 600, got '5'"]),
            (("ui.idle_seconds", "90s"), ["whole number of seconds", "got '90s'"]),
            (("ui.countdown_seconds", "-3"), ["from 3 to 60"])):
        code, out, err = run(capsys, "setting", "set", *argv, "--db", db)
        assert (code, out) == (1, ""), argv
        for words in said:
            assert words in err, (argv, err)
    assert run_json(capsys, "setting", "list", "--db", db) == before
    # A good value is stored as the terminal reads it.
    again = run_json(capsys, "setting", "set", "ui.idle_seconds", "090", "--db", db)
    assert (again["value"], again["version"] > stored) == ("90", True)
    keys = {k.pop("key"): k for k in run_json(capsys, "setting", "keys")}
    assert sorted(keys) == ["ui.complaint_idle_seconds", "ui.countdown_seconds",
                            "ui.idle_seconds", "ui.speak_after_card"]
    assert (keys["ui.idle_seconds"]["config_key"], keys["ui.idle_seconds"]["min"],
            keys["ui.idle_seconds"]["max"]) == ("ui.idle_timeout_s", 15, 600)


def test_import_command(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    bad = Path(shutil.copy(DATA / "county_payments_bad.csv", tmp_path / "bad.csv"))
    code, out, err = run(capsys, "import", str(bad), "--db", db)
    assert code == 1
    assert "bad.csv:3: 身份证号无效 (校验位不对) [id.check_digit]" in err
    assert "NOTHING imported" in out
    code, out, err = run(capsys, "import", str(bad), "--skip-bad", "--db", db, "--json")
    result = json.loads(out)
    assert code == 2, err  # imported, bad rows skipped
    assert result["imported"] and result["new"] == 2
    assert result["reject_file"] == str(tmp_path / "bad.rejects.csv")
    dry = run_json(capsys, "import", str(DATA / "county_payments.xlsx"), "--dry-run",
                   "--db", db)
    assert (dry["rows"], dry["new"], dry["already_present"], dry["imported"]) == (4, 3, 1, False)
    code, _, err = run(capsys, "import", str(DATA / "county_payments_no_item.csv"), "--db", db)
    assert code == 1 and "项目 (item)" in err


def _demo_with_complaint(db: str) -> None:
    from datetime import UTC, datetime

    from county.complaints import receive_complaint
    from county.db import open_county_db
    from county.terminals import enroll, new_enrollment_code
    from sync.protocol import ComplaintSubmission

    engine = open_county_db(db)
    now = datetime.now(UTC)
    code, _ = new_enrollment_code(engine, township="高村镇", village="青山村", now=now)
    terminal = enroll(engine, code, now=now)
    receive_complaint(engine, terminal.terminal_id, ComplaintSubmission(
        idempotency_key="cli-test-0001", ticket_no="T00001-000001", category="wrong_amount",
        text="金额少了五十元", anonymous=False, id_hash="b" * 64, name="刘䶮",
        phone="13800000000", created_at=now), now=now)
    engine.dispose()


def test_complaints_list_show_reply_export(capsys: pytest.CaptureFixture[str], db: str,
                                           tmp_path: Path) -> None:
    _demo_with_complaint(db)
    [listed] = run_json(capsys, "complaints", "list", "--db", db)
    assert (listed["server_id"], listed["name"], listed["reply_text"]) == ("C0000001", "刘䶮",
                                                                          None)
    code, out, _ = run(capsys, "complaints", "show", "C0000001", "--db", db)
    assert code == 0 and "金额不对" in out and "尚未答复" in out
    assert run(capsys, "complaints", "show", "C0000099", "--db", db)[0] == 1
    code, _, err = run(capsys, "complaints", "reply", "C0000001", "--text", "已补发。", "--db", db)
    assert code == 1 and "cannot reply a complaint that is new" in err
    assert run(capsys, "complaints", "assign", "C0000001", "--to", "高村镇监督组",
               "--db", db)[0] == 0
    assert run(capsys, "complaints", "reply", "C0000001", "--text", "已补发。", "--db", db)[0] == 0
    assert run_json(capsys, "complaints", "list", "--unreplied", "--db", db) == []
    shown = run_json(capsys, "complaints", "show", "1", "--db", db)
    assert shown["reply_text"] == "已补发。"

    csv_out = tmp_path / "complaints.csv"
    assert run(capsys, "complaints", "export", "--out", str(csv_out), "--db", db)[0] == 0
    text = csv_out.read_text(encoding="utf-8-sig").splitlines()
    assert text[0].startswith("投诉编号,票号,终端,类别")
    assert "C0000001" in text[1] and "金额不对" in text[1] and "已补发。" in text[1]
    assert csv_out.stat().st_mode & 0o077 == 0
    xlsx_out = tmp_path / "complaints.xlsx"
    assert run(capsys, "complaints", "export", "--out", str(xlsx_out), "--db", db)[0] == 0
    sheet = openpyxl.load_workbook(xlsx_out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "投诉编号" and rows[1][0] == "C0000001" and rows[1][7] == "刘䶮"


def test_seed_demo_cards_and_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "county.toml"
    config.write_text(f'[county]\ndb = "sqlite:///{tmp_path / "cfg.db"}"\n', encoding="utf-8")
    result = run_json(capsys, "seed-demo", "--config", str(config), "--cards",
                      str(tmp_path / "cards"))
    assert result["added"]["payment"] > 20000 and result["cards"] > 900
    # Every demo person has a person key, so a village terminal (the default) finds them.
    assert result["added"]["person_key"] == result["cards"]
    # 村务公开: the public items' rolls as of the village's day, and the micro-power list.
    assert result["added"]["roll_entry"] > 0 and result["added"]["power"] == 4
    assert result["added"]["village_project"] == 2  # 村级工程: the road and the water project
    assert (tmp_path / "cfg.db").exists()
    card = json.loads(next((tmp_path / "cards").glob("*.json")).read_text("utf-8"))
    assert len(card["id_number"]) == 18
    again = run_json(capsys, "seed-demo", "--config", str(config))
    assert again["added"] == {"benefit_item": 0, "household_member": 0, "payment": 0,
                              "notice": 0, "person_key": 0, "roll_entry": 0, "power": 0,
                              "ledger_entry": 0, "village_project": 0}
    # The database itself holds no plaintext ID number.
    raw = (tmp_path / "cfg.db").read_bytes()
    assert card["id_number"].encode() not in raw
    config.write_text('[county]\ndatabase = "x"\n', encoding="utf-8")
    code, _, err = run(capsys, "terminals", "--config", str(config))
    assert code == 1 and "unknown key(s) database" in err


@pytest.mark.parametrize("workers", [1, 2])
def test_county_serve_process(tmp_path: Path, workers: int) -> None:
    """`county serve` as its own process(es): migrates, serves the API, stops on SIGTERM."""
    port = free_port()
    db = f"sqlite:///{tmp_path / 'served.db'}"
    county = Path(sys.executable).with_name("county")
    proc = subprocess.Popen([str(county), "serve", "--db", db, "--port", str(port),
                             "--log-level", "warning", "--workers", str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONWARNINGS": "error::DeprecationWarning"})
    try:
        deadline = time.monotonic() + 120  # imports and migrations on a loaded machine
        while True:
            try:
                spec = httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=10)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "county serve did not come up"
                time.sleep(0.1)
        assert spec.json()["info"]["title"] == "village-kiosk county server"
        denied = httpx.get(f"http://127.0.0.1:{port}/api/v1/changes", timeout=30)
        assert denied.status_code == 401
        assert denied.json()["error"]["code"] == "auth.missing"
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=20)
    # uvicorn shuts down gracefully, then re-raises the signal it caught.
    assert proc.returncode in (0, -signal.SIGTERM), err
    assert b"Traceback" not in err
    assert (tmp_path / "served.db").exists()
