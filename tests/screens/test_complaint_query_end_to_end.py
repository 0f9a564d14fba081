"""Issue 15's anonymous acceptance, end to end with every real part: an anonymous
complaint filed in the real kiosk UI (offscreen) is pushed by the real sync daemon to the
real county server on loopback, answered through the county's CLI, and followed on a
second terminal of the county without an ID card (查询投诉 → ticket + query code): the
reply shows; a wrong code says so; after five wrong codes the ticket is locked for now.
A terminal that cannot reach the county says so."""

from __future__ import annotations

import io
import logging
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from county_server import conftest as county
from county_server.live import LiveServer
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from syncd.conftest import Terminal, enrollment_code, write_terminal

from county.cli import main as county_main
from county.complaints import list_complaints
from drivers.idcard.cardtext import IdCard
from kiosk.config import Config, load_config
from kiosk.enrollment import Enrollment, save_enrollment
from screens.kiosk_window import open_kiosk
from ui.complaint_lookup import LookupLocked, LookupOffline, LookupWrong
from ui.driver import UiDriver
from ui.viewmodels.complaintquery import QUERY_ERRORS

_sqlite_template, seeded_url, seeded_engine, server = (
    county._sqlite_template, county.seeded_url, county.seeded_engine, county.server)
REPLY = "经查，村干部收取的费用已退还，并已对其批评教育。"


@pytest.fixture
def backend() -> str:
    """SQLite: one county database for this test."""
    return "sqlite"


def _terminal(tmp_path: Path, name: str, code: str, engine: Engine, url: str) -> Terminal:
    terminal = write_terminal(tmp_path / name)
    terminal.config.write_text(terminal.config.read_text(encoding="utf-8").replace(
        'code = "QS01"', f'code = "{code}"'), encoding="utf-8")
    enrolled = terminal.run("enroll", enrollment_code(engine), "--server", url)
    assert enrolled.returncode == 0, enrolled.stderr[-2000:]
    _sync(terminal)
    return terminal


def _sync(terminal: Terminal) -> None:
    done = terminal.run("syncd", "--once")
    assert done.returncode == 0, done.stderr[-2000:]


def _county_cli(*args: str, db: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = county_main([*args, "--db", db])
    assert code == 0, err.getvalue()


def _type(d: UiDriver, keys: str, *, letters: bool = False) -> None:
    for key in keys:
        d.click(f"letter_{key}" if letters and not key.isdigit() else f"key_{key}")


def _ask(d: UiDriver, ticket_number: str, code: str) -> None:
    """On the welcome screen: 查询投诉, the ticket's number (this terminal's code is filled
    in), then the code; waits for the answer."""
    d.click("complaintQueryButton")
    d.find("complaintQueryScreen")
    _type(d, ticket_number)
    d.click("key_ok")
    d.find("codeKeypad")
    _type(d, code)
    d.click("key_ok")


def _asked(ui: object, d: UiDriver) -> None:
    vm = ui.app_model.query_model  # type: ignore[attr-defined]
    d.wait_until(lambda: vm.step in ("result", "code") and (vm.step == "result" or vm.error),
                 timeout=60, what="the county's answer")


def test_anonymous_complaint_followed_with_ticket_and_code_on_another_terminal(
        qtbot: QtBot, server: LiveServer, seeded_engine: Engine, seeded_url: str,
        tmp_path: Path, card: IdCard, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    filing = _terminal(tmp_path, "filing", "QS07", seeded_engine, server.url)

    # 1. The villager files an anonymous complaint on the kiosk and notes ticket and code.
    with open_kiosk(load_config(filing.config)) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        d.click("complainButton")
        d.click("about_0")
        d.click("reason_other")
        d.find("complaintText").setProperty("text", "村干部办低保要收好处费")
        d.wait_until(lambda: ui.app_model.complaint_model.text != "", what="text taken")
        d.click("textNext")
        d.click("noPhone")
        d.click("anonymous")
        d.click("submitComplaint")
        ticket, code = d.text("ticketNo"), d.text("queryCode")
    assert ticket.startswith("QS07-") and len(code) == 6 and code.isdigit()

    # 2. Pushed by the sync daemon; 3. assigned and answered through the county's CLI.
    _sync(filing)
    [filed] = [c for c in list_complaints(seeded_engine) if c.ticket_no == ticket]
    assert filed.anonymous and filed.name is None
    _county_cli("complaints", "assign", filed.server_id, "--to", "高村镇监督组", "--by",
                "insp1", db=seeded_url)
    _county_cli("complaints", "reply", filed.server_id, "--text", REPLY, "--by", "gaocun",
                db=seeded_url)

    # 4. On a second terminal of the county, no card: 查询投诉 with ticket + code.
    other = _terminal(tmp_path, "other", "QS08", seeded_engine, server.url)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    with open_kiosk(load_config(other.config)) as (ui, d):
        vm = ui.app_model.query_model
        d.click("complaintQueryButton")
        d.find("complaintQueryScreen")
        assert d.text("queryTicket") == "QS08-"  # this terminal's code filled in
        for _ in "QS08-":
            d.click("key_back")
        _type(d, ticket, letters=True)
        d.click("key_ok")
        d.find("codeKeypad")
        _type(d, code)
        d.click("key_ok")
        _asked(ui, d)
        assert vm.step == "result", vm.error
        assert d.text("queryStatus") == "已答复（乡镇办理）"
        assert [s["done"] for s in vm.steps] == [True, True, True, False]
        assert REPLY in d.text("queryReply")
        assert d.truncated_texts() == []

        # A wrong code says so (the county never tells which of ticket or code is wrong).
        d.click("queryAgain")
        d.find("ticketKeypad")
        assert vm.ticket == ticket
        d.click("key_ok")
        _type(d, wrong)
        d.click("key_ok")
        _asked(ui, d)
        assert d.text("queryError") == QUERY_ERRORS[LookupWrong.code]
        assert vm.replyText == ""
        # Four more wrong codes: the ticket is locked, even for the right code, for now.
        for _ in range(4):
            _type(d, wrong)
            d.click("key_ok")
            _asked(ui, d)
            assert d.text("queryError") == QUERY_ERRORS[LookupWrong.code]
        _type(d, code)
        d.click("key_ok")
        _asked(ui, d)
        assert d.text("queryError") == QUERY_ERRORS[LookupLocked.code]

        # Leaving (首页, or the idle timeout) forgets ticket, code and answer.
        ui.app_model.home()
        d.find("welcomeScreen")
        assert (vm.ticket, vm.code, vm.replyText, vm.error) == ("", "", "", "")
    assert code not in caplog.text  # the kiosk, its client and the county log no code


def test_a_terminal_that_cannot_reach_the_county_says_so(
        qtbot: QtBot, kiosk_config: Config, tmp_path: Path) -> None:
    dead = tmp_path / "enrollment.json"
    save_enrollment(dead, Enrollment("T00042", "token", b"k" * 32, "http://127.0.0.1:9", "",
                                     datetime.now(UTC)))
    config = replace(kiosk_config, enrollment=replace(kiosk_config.enrollment, file=dead))
    with open_kiosk(config) as (ui, d):
        _ask(d, "1", "123456")
        _asked(ui, d)
        assert d.text("queryError") == QUERY_ERRORS[LookupOffline.code]
        assert QUERY_ERRORS[LookupOffline.code].startswith("现在连不上县里，请稍后再试")
        assert ui.app_model.query_model.ticket == "QS01-000001"
