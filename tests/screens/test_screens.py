"""Click through the real QML window offscreen, flow by flow."""

from __future__ import annotations

import base64
import io
import json
import socket
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from county_server.serve_run import free_port
from PIL import Image
from PySide6.QtCore import QMetaProperty, QObject
from pytestqt.qtbot import QtBot
from pyzbar.pyzbar import decode
from reference import REFERENCE_DAY
from sqlalchemy import update

from demo.village import DEMO_LOOKUP_KEY
from drivers.idcard.cardtext import (
    CardType,
    ForeignCard,
    HmtCard,
    IdCard,
    decode_text,
    encode_text,
)
from drivers.idcard.errors import ReaderTimeout
from drivers.idcard.reader import CardReadFailed, ReaderState
from drivers.printer.emulator import EmulatedPrinter, Fault
from kiosk.complaints import ComplaintDraft, Reason, file_complaint
from kiosk.config import Config, load_config
from kiosk.devices import read_device_states
from kiosk.enrollment import Enrollment, save_enrollment
from kiosk.identity import mask_id
from kiosk.receipt.offline import mask_name
from kiosk.store import open_store
from kiosk.store.models import Complaint
from kiosk.update_state import Attempt, StateFiles
from screens.conftest import PIN, FakeClock
from screens.kiosk_window import open_kiosk, unlock_clerk
from ui.app import KioskUi
from ui.demo import DEMO_PIN, DemoDevices
from ui.demo_county import DemoCounty
from ui.driver import UiDriver
from ui.viewmodels.clerk import RESULT_S
from ui.wording import CARD_NOT_SUPPORTED, READER_TIMEOUT


def test_card_read_shows_benefits(qtbot: QtBot, kiosk_config: Config, card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        d.find("instruction")
        assert "请将身份证放在读卡区" in d.text("instruction")
        ui.bridge.cardPresent.emit()
        d.find("readingScreen")
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        assert d.text("maskedId") == "身份证 4312**********079X"
        assert d.truncated_texts() == []
        this_year = d.text("yearTotal")
        assert this_year.startswith("¥")
        d.click(f"year_{REFERENCE_DAY.year - 2}")
        d.wait_until(lambda: d.text("yearTotal") != this_year, what="the total 2 years back")
        assert ui.app_model.benefits_model.yearIndex == 2


def test_item_detail_and_back(qtbot: QtBot, kiosk_config: Config, card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        ui.app_model.openSection("农村最低生活保障金（全户）")
        d.find("detailScreen")
        assert ui.app_model.detail_model.itemName == "农村最低生活保障金"
        assert "低保" in ui.app_model.detail_model.policy
        d.click("backButton")
        d.find("benefitsScreen")


def test_complaint_with_pinyin_and_phone(qtbot: QtBot, kiosk_config: Config,
                                         card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.click("complainButton")
        d.find("complaintScreen")
        about = ui.app_model.complaint_model.options[0]["label"]  # the newest item paid
        d.click("about_0")
        d.click("reason_not_received")
        d.click("complaintText")
        d.wait_until(lambda: bool(d.items("keyboard")) and
                     bool(d.object("keyboard").property("active")), what="keyboard up")
        d.type_on_keyboard("nihao")
        assert d.candidates()[0] == "你好"
        # The candidate bar is readable: at least the large body size, not Qt's ~18 px.
        shown = d.texts_showing("你好")
        assert shown, "candidate not on screen"
        assert min(item.property("font").pixelSize() for item in shown) >= 34
        d.pick_candidate(0)
        d.wait_until(lambda: ui.app_model.complaint_model.text == "你好", what="text 你好")
        d.click("textNext")
        for key in "1234":
            d.click(f"key_{key}")
        d.click("key_ok")
        assert "电话号码不对" in d.text("phoneError")
        d.click("key_back")
        for _ in range(4):
            d.click("key_back")
        for key in "13800138000":
            d.click(f"key_{key}")
        d.click("key_ok")
        d.click("realName")
        d.click("submitComplaint")
        ticket = d.text("ticketNo")
        assert ticket == "QS01-000001"
    con = sqlite3.connect(kiosk_config.store.path)
    row = con.execute("SELECT ticket_no, category, text, phone, anonymous, name, item_code "
                      "FROM complaint").fetchone()
    codes = [c for (c,) in con.execute("SELECT code FROM benefit_item WHERE name = ?", (about,))]
    con.close()
    assert len(codes) == 1, about
    # About the item the villager picked on the screen.
    assert row == ("QS01-000001", "not_received", "你好", "13800138000", 0, "龙德贵", codes[0])


def _name(prop: QMetaProperty) -> str:
    name = prop.name()  # a str at run time; the stubs allow bytes
    return name if isinstance(name, str) else bytes(name).decode()


def _view_models(app: QObject) -> dict[str, QObject]:
    """The root view-model and every view-model reachable through its QObject properties."""
    found: dict[str, QObject] = {"app": app}
    meta = app.metaObject()
    for i in range(meta.propertyOffset(), meta.propertyCount()):
        prop = meta.property(i)
        value = prop.read(app)
        if isinstance(value, QObject):
            found |= {f"{_name(prop)}.{k}" if k != "app" else _name(prop): v
                      for k, v in _view_models(value).items()}
    return found


#: Readable properties that hold no personal data and may change while a test runs.
_PUBLIC_AND_MOVING = frozenset({"app.dateText", "app.timeText"})


def _every_property(app: QObject) -> dict[str, object]:
    """Every readable Qt property (its QMetaObject's, not a hand-picked list) of every
    view-model, by ``model.property``; QObject-valued ones are walked, not compared."""
    values: dict[str, object] = {}
    for name, model in _view_models(app).items():
        meta = model.metaObject()
        for i in range(meta.propertyOffset(), meta.propertyCount()):
            prop = meta.property(i)
            key = f"{name}.{_name(prop)}"
            if not prop.isReadable() or key in _PUBLIC_AND_MOVING:
                continue
            value = prop.read(model)
            if not isinstance(value, QObject):
                values[key] = value
    return values


def _differences(before: dict[str, object], after: dict[str, object]) -> dict[str, object]:
    assert before.keys() == after.keys()
    return {k: (before[k], after[k]) for k in before if before[k] != after[k]}


def _assert_no_session(ui: KioskUi) -> None:
    """Nobody's data is left: the holder's own screens have nothing to open."""
    screen = ui.app_model.screen
    ui.app_model.openMyComplaints()
    ui.app_model.openPrint()
    ui.app_model.openItem("DIBAO")
    assert ui.app_model.screen == screen


def test_card_removal_clears_every_view_model(qtbot: QtBot, kiosk_config: Config,
                                              card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        fresh = _every_property(ui.app_model)
        # Every view-model is covered, with the properties QML binds to.
        assert {"app.screen", "benefits.yearCapitals", "benefits.yearNote", "detail.payments",
                "printing.qrImage", "complaint.text", "myComplaints.complaints",
                "clerk.info"} <= fresh.keys()
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        d.click(f"year_{REFERENCE_DAY.year - 2}")
        d.wait_until(lambda: ui.app_model.benefits_model.yearIndex == 2, what="2 years back")
        ui.app_model.openItem("DIBAO")
        d.find("detailScreen")
        assert len(_differences(fresh, _every_property(ui.app_model))) > 5
        ui.bridge.cardRemoved.emit()
        d.find("welcomeScreen")
        assert _differences(fresh, _every_property(ui.app_model)) == {}
        _assert_no_session(ui)


def test_card_removal_keeps_a_complaint_being_written(qtbot: QtBot, kiosk_config: Config,
                                                       card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.click("complainButton")
        d.click("about_0")
        ui.bridge.cardRemoved.emit()
        d.pump(0.2)
        assert ui.app_model.screen == "complaint"
        assert ui.app_model.complaint_model.step == "reason"


def test_idle_countdown_then_clear(qtbot: QtBot, kiosk_config: Config, card: IdCard) -> None:
    clock = FakeClock()
    with open_kiosk(kiosk_config, clock=clock) as (ui, d):
        fresh = _every_property(ui.app_model)
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        d.click("printButton")
        d.wait_until(lambda: ui.app_model.print_model.state == "printed", timeout=20,
                     what="printed")
        d.click("backButton")
        d.find("benefitsScreen")
        clock.now += 52
        ui.app_model.check_idle()
        d.find("countdownOverlay")
        assert ui.app_model.countdown == 8
        d.click("stillHereButton")
        assert ui.app_model.countdown == -1
        clock.now += 61
        ui.app_model.check_idle()
        d.find("welcomeScreen")
        assert _differences(fresh, _every_property(ui.app_model)) == {}
        _assert_no_session(ui)


def test_print_receipt_and_paper_out(qtbot: QtBot, kiosk_config: Config, card: IdCard,
                                     printer: EmulatedPrinter) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.click("printButton")
        d.find("printScreen")
        d.wait_until(lambda: ui.app_model.print_model.state == "printed", timeout=20,
                     what="printed")
        assert len(printer.received) > 10_000
        d.click("backButton")
        d.find("benefitsScreen")
        printer.set_fault(Fault.PAPER_OUT)
        d.click("printButton")
        d.wait_until(lambda: ui.app_model.print_model.state == "problem", timeout=20,
                     what="printer problem")
        assert "没有纸" in d.text("printMessage")
        # The heartbeat will tell the county (the sync daemon reads this table).
        assert ui.services.engine is not None
        assert read_device_states(ui.services.engine)["printer"] == "paper_out"
        qr = d.find("receiptQr")
        assert qr.property("progress") == 1.0 and qr.property("implicitWidth") > 100
        # The QR code is the receipt itself, for a phone without a network: masked name
        # and ID, the totals and the signature; no link to the county server.
        scanned = decode(Image.open(io.BytesIO(base64.b64decode(
            ui.app_model.print_model.qrImage.split(",", 1)[1]))))
        text = scanned[0].data.decode("utf-8")
        assert mask_name(card.name) in text and card.name not in text
        assert mask_id(card.id_number) in text and card.id_number not in text
        assert "校验码 " in text and "http" not in text


def test_notices(qtbot: QtBot, kiosk_config: Config) -> None:
    with open_kiosk(kiosk_config) as (_ui, d):
        d.click("noticesButton")
        d.find("noticesScreen")
        d.click("notice_0")
        # Newest first: the 耕地 notice of May is newer than the 低保 one of January.
        assert d.text("noticeTitle") == "耕地地力保护补贴发放说明"
        d.click("backButton")
        d.click("kind_3")
        d.click("notice_0")
        assert "公示" in d.text("noticeTitle")


def test_read_error_and_reader_problem(qtbot: QtBot, kiosk_config: Config) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardPresent.emit()
        ui.bridge.readerError.emit(CardReadFailed("interrupted", "card left mid-read"))
        d.find("readErrorScreen")
        assert "没有读到身份证" in d.text("messageText")
        d.click("okButton")
        d.find("welcomeScreen")
        ui.bridge.readerState.emit(ReaderState.DISCONNECTED)
        assert "读卡器暂时不能使用" in d.text("readerProblem")
        assert ui.services.engine is not None
        assert read_device_states(ui.services.engine)["reader"] == "disconnected"


def test_a_stuck_reader_has_its_own_wording(qtbot: QtBot, kiosk_config: Config) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardPresent.emit()
        d.find("readingScreen")
        ui.bridge.readerError.emit(ReaderTimeout("no answer to APDU FF B0 02 00 00 within 1.00 s"))
        d.find("readErrorScreen")
        assert d.text("messageText") == READER_TIMEOUT
        d.click("okButton")
        d.find("welcomeScreen")
        # On the welcome screen (no card being read) it is the reader problem line only.
        ui.bridge.readerError.emit(ReaderTimeout("no answer to FIND_CARD within 1.00 s"))
        ui.bridge.readerState.emit(ReaderState.NOT_RESPONDING)
        d.find("welcomeScreen")
        assert "读卡器暂时不能使用" in d.text("readerProblem")


def test_clerk_pin_lockout_and_status(qtbot: QtBot, kiosk_config: Config,
                                      tmp_path: Path) -> None:
    # Four complaints the county refused, one still waiting; an update that was put back.
    engine = open_store(kiosk_config.store.path)
    tickets = []
    for i in range(5):
        filed = file_complaint(engine, ComplaintDraft(Reason.OTHER, text=f"第{i}件"),
                               terminal_code="QS01")
        tickets.append(filed.ticket_no)
        if i < 4:
            with engine.begin() as conn:
                conn.execute(update(Complaint).where(Complaint.id == filed.id)
                             .values(delivery="rejected", last_error="complaint.invalid"))
    engine.dispose()
    StateFiles(tmp_path).record(Attempt(
        "1.4.0", "0.1.0", "2026-11-22T01:00:00+00:00", "2026-11-22T01:03:00+00:00",
        "failed", "update.unhealthy", "ui did not report 1.4.0 healthy within 120 s"))
    config = replace(kiosk_config, update=replace(kiosk_config.update, root=tmp_path))
    with open_kiosk(config) as (ui, d):
        d.press_and_hold("clerkCorner", 3.3)
        d.find("clerkScreen")
        for _ in range(4):
            for key in "1111":
                d.click(f"key_{key}")
            d.click("key_ok")
        assert "还可以再试 1 次" in d.text("pinMessage")
        for key in PIN:
            d.click(f"key_{key}")
        d.click("key_ok")
        d.wait_until(lambda: ui.app_model.clerk_model.unlocked, what="unlocked")
        info = {row["label"]: row["value"] for row in ui.app_model.clerk_model.info}
        assert info["终端编号"] == "QS01（T00042）"
        assert info["数据库"] == "正常"
        assert info["待发送投诉"] == "1 条"
        # The newest three refused tickets, for the clerk to report to the county.
        assert info["被退回投诉"] == (f"4 条：{tickets[3]}、{tickets[2]}、{tickets[1]}等，"
                                  "请把编号报给县里")
        assert info["上次更新"] == "1.4.0 没装成，已退回 0.1.0（update.unhealthy）"
        assert d.truncated_texts() == []
        d.click("leaveClerk")
        d.find("welcomeScreen")


def test_corrupted_database_says_unavailable(qtbot: QtBot, kiosk_config: Config,
                                             tmp_path: Path, card: IdCard) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"garbage" * 4096)

    config = replace(kiosk_config, store=replace(kiosk_config.store, path=broken))
    with open_kiosk(config) as (ui, d):
        d.find("unavailableScreen")
        assert "暂时不能使用" in d.text("messageText")
        ui.bridge.cardRead.emit(card)
        d.pump(0.2)
        assert ui.app_model.screen == "unavailable"
        assert "store.unavailable" in ui.services.problem
        # The clerk can still get in, and is told what is wrong.
        d.press_and_hold("clerkCorner", 3.3)
        for key in PIN:
            d.click(f"key_{key}")
        d.click("key_ok")
        d.wait_until(lambda: ui.app_model.clerk_model.unlocked, what="unlocked")
        info = {row["label"]: row["value"] for row in ui.app_model.clerk_model.info}
        assert info["数据库"].startswith("不可用") and "store.unavailable" in info["数据库"]
        d.click("leaveClerk")
        d.find("unavailableScreen")


def test_empty_database_shows_the_empty_state(qtbot: QtBot, kiosk_config: Config,
                                              tmp_path: Path, card: IdCard) -> None:

    config = replace(kiosk_config, store=replace(kiosk_config.store, path=tmp_path / "new.db"))
    with open_kiosk(config) as (ui, d):
        d.find("welcomeScreen")
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        assert "没有查到发给您的补贴" in d.text("emptyState")
        assert ui.app_model.benefits_model.asOfText == "尚未同步"


@pytest.mark.parametrize("text", ["补贴" * 1000, "钱没收到😡😡 " * 50])
def test_long_and_emoji_complaint_text(qtbot: QtBot, kiosk_config: Config, card: IdCard,
                                       text: str) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.click("complainButton")
        d.click("about_0")
        d.click("reason_other")
        d.find("complaintText").setProperty("text", text)
        d.pump(0.1)
        d.click("textNext")
        d.click("noPhone")
        d.click("anonymous")
        d.click("submitComplaint")
        assert d.text("ticketNo").startswith("QS01-")


def _unlock_clerk(ui: KioskUi, d: UiDriver, *, pin: str = PIN) -> None:
    unlock_clerk(ui, d, pin)


def _clerk_info(ui: KioskUi) -> dict[str, str]:
    return {row["label"]: row["value"] for row in ui.app_model.clerk_model.info}


def _let_results_expire(ui: KioskUi, clock: FakeClock) -> None:
    clock.now += RESULT_S + 1
    ui.app_model.touched()  # the clerk is still there: no idle timeout
    ui.app_model.tick()


def test_clerk_test_print_result_expires(qtbot: QtBot, kiosk_config: Config,
                                         printer: EmulatedPrinter) -> None:
    clock = FakeClock()
    with open_kiosk(kiosk_config, clock=clock) as (ui, d):
        _unlock_clerk(ui, d)
        d.wait_until(lambda: _clerk_info(ui)["打印机"] == "打印机正常", timeout=60,
                     what="the printer probed on unlock")
        d.click("testPrint")
        d.wait_until(lambda: _clerk_info(ui)["打印机"] == "已打印", timeout=60,
                     what="the test page printed")
        assert len(printer.received) > 1000
        d.wait_until(lambda: bool(d.texts_showing("已打印")), what="已打印 on the screen")
        clock.now += RESULT_S - 1
        ui.app_model.touched()
        ui.app_model.tick()
        assert _clerk_info(ui)["打印机"] == "已打印"
        # The clerk is told when it did not print, and why.
        printer.clear()
        printer.set_fault(Fault.PAPER_OUT)
        d.click("testPrint")
        d.wait_until(lambda: _clerk_info(ui)["打印机"].startswith("失败"), timeout=60,
                     what="the test print failed")
        assert "paper_out" in _clerk_info(ui)["打印机"]
        assert d.truncated_texts() == []
        # A minute later the row shows the printer's state again, as the test print found it.
        _let_results_expire(ui, clock)
        assert _clerk_info(ui)["打印机"] == "打印机没有纸了"
        d.wait_until(lambda: bool(d.texts_showing("打印机没有纸了")), what="the state shown")
        # ... and later states are not hidden: the next probe (on the next unlock) shows.
        printer.set_fault(Fault.NONE)
        d.click("leaveClerk")
        d.find("welcomeScreen")
        _unlock_clerk(ui, d)
        d.wait_until(lambda: _clerk_info(ui)["打印机"] == "打印机正常", timeout=60,
                     what="the printer probed again")


def _sync_toml(tmp_path: Path, *, store: Path, enrollment: Path, printer_uri: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f"[store]\npath = {json.dumps(str(store))}\n\n"
        f"[enrollment]\nfile = {json.dumps(str(enrollment))}\n\n"
        f"[printer]\nuri = {json.dumps(printer_uri)}\n\n"
        f"[ui]\nclerk_pin = {json.dumps(PIN)}\n\n"
        # No retries, and the silent county below is waited for as long as it takes.
        "[sync]\nrequest_retries = 0\nconnect_timeout_s = 120\nread_timeout_s = 600\n",
        encoding="utf-8")
    return path


def test_clerk_sync_now_fails_without_a_county_and_says_so(
        qtbot: QtBot, kiosk_config: Config, tmp_path: Path, seeded_db: Path,
        printer: EmulatedPrinter) -> None:
    # A "county" that takes the connection and never answers, until the test closes it.
    county = socket.socket()
    county.bind(("127.0.0.1", 0))
    county.listen(8)
    url = f"http://127.0.0.1:{county.getsockname()[1]}"
    enrollment = tmp_path / "enrollment-loopback.json"
    save_enrollment(enrollment, Enrollment("T00042", "token", DEMO_LOOKUP_KEY, url, "",
                                           datetime.now(UTC)))
    # The file names another database: the UI runs on seeded_db as `kiosk run --db` would.
    elsewhere = tmp_path / "not-this.db"
    toml = _sync_toml(tmp_path, store=elsewhere, enrollment=enrollment, printer_uri=printer.uri)
    config = load_config(toml).with_db(seeded_db)
    shown: list[str] = []
    clock = FakeClock()
    try:
        with open_kiosk(config, clock=clock) as (ui, d):
            _unlock_clerk(ui, d)
            d.click("syncNow")
            # The sync runs in the background: the screen keeps working meanwhile.
            assert _clerk_info(ui)["上次同步"] == "正在同步……"
            d.click("refreshClerk")
            d.click("leaveClerk")
            d.find("welcomeScreen")
            _unlock_clerk(ui, d)
            assert _clerk_info(ui)["上次同步"] == "正在同步……"
            _let_results_expire(ui, clock)  # a sync still running does not expire
            assert _clerk_info(ui)["上次同步"] == "正在同步……"

            def record() -> None:
                shown.append(_clerk_info(ui).get("上次同步", ""))

            clerk = ui.app_model.clerk_model
            clerk.changed.connect(record)
            try:
                county.close()  # refuses and resets: the county is unreachable
                d.wait_until(lambda: _clerk_info(ui)["上次同步"] != "正在同步……",
                             timeout=120, what="the sync's outcome")
            finally:
                clerk.changed.disconnect(record)
            result = _clerk_info(ui)["上次同步"]
            assert result.startswith("同步失败：error [sync."), result
            assert shown[-1] == result
            d.wait_until(lambda: bool(d.texts_showing(result)), what="the failure on the screen")
            assert d.truncated_texts() == []
            # The sync daemon ran on the UI's database, not the file's store.path.
            assert ui.services.sync_state().last_error
            assert not elsewhere.exists()
            # A minute later the row shows the sync state again (never synced, the error).
            _let_results_expire(ui, clock)
            assert _clerk_info(ui)["上次同步"].startswith("从未同步（上次错误：")
    finally:
        county.close()


def test_clerk_sync_now_succeeds_with_the_county(qtbot: QtBot, tmp_path: Path) -> None:
    devices, demo = DemoDevices.start(tmp_path)
    try:
        county = DemoCounty.start(tmp_path, demo, port=free_port(), poll_interval_s=60)
    except BaseException:
        devices.stop()
        raise
    try:
        config = load_config(tmp_path / "kiosk.toml")
        with open_kiosk(config) as (ui, d):
            _unlock_clerk(ui, d, pin=DEMO_PIN)
            d.click("syncNow")
            d.wait_until(lambda: _clerk_info(ui)["上次同步"] != "正在同步……", timeout=300,
                         what="the sync's outcome")
            assert _clerk_info(ui)["上次同步"] == "同步成功"
            d.wait_until(lambda: bool(d.texts_showing("同步成功")), what="同步成功 on the screen")
    finally:
        county.stop()
        devices.stop()


def test_foreign_card_is_not_supported(qtbot: QtBot, kiosk_config: Config) -> None:
    # A foreign permanent resident card: type flag "I", a 15-character permit number.
    foreign = decode_text(encode_text(ForeignCard(
        name="马丁", name_en="MARTIN, JOHN", sex="男", nationality="CAN", birth="19800704",
        id_number="CAN310080070401", issuer="公安部", valid_from="20190101",
        valid_to="20290101")))
    assert foreign.card_type is CardType.FOREIGN
    with open_kiosk(kiosk_config) as (ui, d):
        fresh = _every_property(ui.app_model)
        ui.bridge.cardPresent.emit()
        d.find("readingScreen")
        ui.bridge.cardRead.emit(foreign)
        d.find("readErrorScreen")
        assert d.text("messageText") == CARD_NOT_SUPPORTED
        # Nothing of the card was kept: only the screen and its message changed.
        assert _differences(fresh, _every_property(ui.app_model)).keys() == {"app.screen",
                                                                             "app.message"}
        _assert_no_session(ui)
        d.click("okButton")
        d.find("welcomeScreen")


def test_hmt_residence_permit_is_looked_up(qtbot: QtBot, kiosk_config: Config) -> None:
    # A Hong Kong/Macau/Taiwan residence permit (flag "J") carries an 18-digit number with
    # a check digit: it is looked up like a resident card (nobody in the demo village).
    permit = decode_text(encode_text(HmtCard(
        name="陈美玲", sex="女", birth="19900512", address="湖南省麻阳苗族自治县高村镇锦江路1号",
        id_number="810000199005120020", issuer="麻阳苗族自治县公安局", valid_from="20210301",
        valid_to="20260301", pass_number="H12345678", issue_count="01")))
    assert permit.card_type is CardType.HMT
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardRead.emit(permit)
        d.find("benefitsScreen")
        assert "没有查到发给您的补贴" in d.text("emptyState")
        assert d.text("maskedId") == "身份证 8100**********0020"
