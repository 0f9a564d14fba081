"""View-models without QML: the rules live here, so they are tested here."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from demo.village import DEMO_LOOKUP_KEY
from kiosk.complaints import ComplaintDraft, FiledComplaint, Reason
from kiosk.lookup import BenefitLookup, LookupResult
from kiosk.store.models import utcnow
from screens.conftest import LONG, FakeClock
from ui.brightness import find_backlight
from ui.viewmodels.benefits import BenefitsModel
from ui.viewmodels.clerk import ClerkModel
from ui.viewmodels.complaint import ComplaintModel


@pytest.fixture
def result(seeded_engine: Engine) -> LookupResult:
    lookup = BenefitLookup(seeded_engine, DEMO_LOOKUP_KEY)
    try:
        return lookup.lookup(LONG)
    finally:
        lookup.close()


def test_benefits_model_formats_and_selects(qtbot: QtBot, result: LookupResult) -> None:
    model = BenefitsModel()
    with qtbot.waitSignal(model.changed):
        model.load(result, holder_name="龙德贵", replies=2)
    assert model.property("maskedId") == "4312**********079X"
    assert model.property("yearTotalText").startswith("¥")
    assert "2 条投诉" in model.property("replyNotice")
    first = model.property("payments")[0]
    assert {"itemName", "period", "paidOn", "amountText", "statusText"} <= set(first)
    model.selectYear(1)
    assert model.property("yearIndex") == 1
    assert model.property("yearTitle") == f"{result.years[1].year}年已发放合计"
    before = _properties(model)
    emitted: list[int] = []
    model.changed.connect(lambda: emitted.append(1))
    model.selectYear(99)  # out of range from a stale screen: ignored safely
    model.selectYear(-1)
    assert (emitted, _properties(model)) == ([], before)
    model.clear()
    assert _properties(model) == _properties(BenefitsModel())


def _properties(model: QObject) -> dict[str, object]:
    """Every Qt property the view-model declares (what QML can read)."""
    meta = model.metaObject()
    return {str(meta.property(i).name()): meta.property(i).read(model)
            for i in range(meta.propertyOffset(), meta.propertyCount())}


def test_compare_before_emit(qtbot: QtBot, result: LookupResult) -> None:
    model = BenefitsModel()
    model.load(result, holder_name="龙德贵")
    emitted: list[int] = []
    model.changed.connect(lambda: emitted.append(1))
    model.selectYear(model.property("yearIndex"))
    assert emitted == []


class _Filer:
    def __init__(self) -> None:
        self.drafts: list[ComplaintDraft] = []

    def __call__(self, draft: ComplaintDraft) -> FiledComplaint:
        self.drafts.append(draft)
        return FiledComplaint(len(self.drafts), f"T1-{len(self.drafts):06d}", "k", utcnow())


def test_complaint_steps_and_validation(qtbot: QtBot, result: LookupResult) -> None:
    filer = _Filer()
    model = ComplaintModel(filer)
    model.start(result, holder_hash="ab" * 32, holder_name="龙德贵", item_code="DIBAO")
    assert model.property("step") == "reason"  # preselected from the item screen
    model.chooseReason("no_such_reason")
    assert model.property("step") == "reason"
    model.chooseReason(Reason.WRONG_AMOUNT.value)
    model.setText("x" * 2001)
    assert "太长" in model.property("textCount")
    model.next()
    assert model.property("step") == "text" and model.property("error")
    model.setText("金额少了")
    model.next()
    for key in "138001":
        model.phoneKey(key)
    model.next()
    assert model.property("phoneError")
    model.phoneKey("clear")
    model.next()
    assert model.property("step") == "identity"
    model.chooseIdentity(False)
    with qtbot.waitSignal(model.filed) as signal:
        model.submit()
    assert signal.args == ["T1-000001"]
    draft = filer.drafts[0]
    assert (draft.reason, draft.item_code, draft.text, draft.phone, draft.anonymous,
            draft.id_hash, draft.name) == (Reason.WRONG_AMOUNT, "DIBAO", "金额少了", None,
                                           False, "ab" * 32, "龙德贵")


def test_complaint_without_card_is_anonymous_only(qtbot: QtBot) -> None:
    model = ComplaintModel(_Filer())
    model.start(None, holder_hash=None, holder_name=None)
    model.chooseAbout(0)
    model.chooseReason("other")
    model.next()
    model.next()
    model.chooseIdentity(False)
    assert model.property("step") == "identity" and "匿名" in model.property("error")


def test_complaint_storage_failure_keeps_the_draft(qtbot: QtBot, result: LookupResult) -> None:
    def broken(_draft: ComplaintDraft) -> FiledComplaint:
        raise OSError("disk full")

    model = ComplaintModel(broken)
    model.start(result, holder_hash="ab" * 32, holder_name="龙德贵")
    model.chooseAbout(0)
    model.chooseReason("not_received")
    model.setText("三月没收到")
    model.next()
    model.next()
    model.chooseIdentity(True)
    with qtbot.waitSignal(model.failed):
        model.submit()
    assert model.property("step") == "confirm"
    assert model.property("text") == "三月没收到"
    assert "没有提交成功" in model.property("error")


def test_clerk_pin_attempts_and_lockout(qtbot: QtBot) -> None:
    clock = FakeClock()
    model = ClerkModel("2468", lambda: {"terminal": "T1"}, attempts=3, lockout_s=300,
                       clock=clock)
    for _ in range(3):
        for key in "0000":
            model.pinKey(key)
        model.pinKey("ok")
    assert "分钟后再试" in model.property("pinMessage")
    for key in "2468":
        model.pinKey(key)
    model.pinKey("ok")
    assert not model.property("unlocked"), "the right PIN must not work while locked"
    clock.now += 301
    for key in "2468":
        model.pinKey(key)
    model.pinKey("ok")
    assert model.property("unlocked")
    assert model.property("info")[0] == {"label": "终端编号", "value": "T1"}


def test_clerk_results_expire_and_running_jobs_do_not(qtbot: QtBot) -> None:
    clock = FakeClock()
    live = {"printer": "打印机正常", "lastSync": "2026-12-01 08:00"}
    model = ClerkModel("2468", lambda: dict(live), clock=clock, result_s=60)
    for key in "2468":
        model.pinKey(key)
    model.pinKey("ok")

    def row(label: str) -> str:
        return str(next(r["value"] for r in model.property("info") if r["label"] == label))

    model.show_result("printer", "已打印")
    model.show_result("lastSync", "正在同步……", running=True)
    assert (row("打印机"), row("上次同步")) == ("已打印", "正在同步……")
    clock.now += 59
    model.tick()
    assert row("打印机") == "已打印"
    live["printer"] = "打印机没有纸了"
    clock.now += 1
    with qtbot.waitSignal(model.changed, timeout=1000):
        model.tick()
    assert (row("打印机"), row("上次同步")) == ("打印机没有纸了", "正在同步……")
    model.show_result("lastSync", "同步成功")
    live["lastSync"] = "2026-12-01 09:00"
    clock.now += 60
    model.tick()
    assert row("上次同步") == "2026-12-01 09:00"


def test_clerk_disabled_without_pin(qtbot: QtBot) -> None:
    model = ClerkModel("", lambda: {})
    model.reset()
    model.pinKey("ok")
    assert not model.property("unlocked") and not model.property("enabled")
    assert "关闭" in model.property("pinMessage")




def test_clerk_brightness_through_sysfs(qtbot: QtBot, tmp_path: Path) -> None:
    device = tmp_path / "backlight" / "panel0"
    device.mkdir(parents=True)
    (device / "max_brightness").write_text("200\n")
    (device / "brightness").write_text("100\n")
    backlight = find_backlight(tmp_path / "backlight")
    assert backlight is not None and backlight.percent() == 50
    model = ClerkModel("2468", lambda: {}, backlight=backlight)
    model.changeBrightness(10)  # locked: nothing happens
    assert (device / "brightness").read_text() == "100\n"
    for key in "2468":
        model.pinKey(key)
    model.pinKey("ok")
    assert model.property("brightness") == 50
    model.changeBrightness(10)
    assert (device / "brightness").read_text() == "120"
    for _ in range(10):
        model.changeBrightness(-10)
    assert model.property("brightness") == 10, "never darker than 10 %"
    assert find_backlight(tmp_path / "nothing-here") is None


def test_a_crashing_print_job_is_logged_and_the_screen_recovers(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    from ui.printing import PrintOutcome
    from ui.viewmodels.printing import PrintModel

    def crash() -> PrintOutcome:
        raise RuntimeError("bug in the print job")

    model = PrintModel()
    with qtbot.waitSignal(model.failed, timeout=5000):
        model.start(crash)
    assert model.property("state") == "problem"
    assert "打印" in model.property("message")
    crashed = [r for r in caplog.records if "print-job failed" in r.getMessage()]
    # With its traceback (rendered into exc_text where the ID-redacting filter ran).
    assert crashed
    assert crashed[0].exc_info or "bug in the print job" in (crashed[0].exc_text or "")
    # The next job runs normally.
    ok = PrintOutcome(True, None, "", "https://county/r/x")
    model.start(lambda: ok)
    qtbot.waitUntil(lambda: model.property("state") == "printed", timeout=5000)
