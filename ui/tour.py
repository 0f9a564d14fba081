"""``kiosk tour``: drive the real kiosk offscreen through every screen and flow.

Cards come from the SAM emulator through the real serial driver, receipts go
to the emulated printer and are decoded back to PNG. One screenshot per
screen, at each panel size, so that people can look at what villagers see.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from drivers.idcard.emulator.sam import Fault as CardFault
from drivers.printer.emulator import Fault as PrinterFault
from kiosk import clock
from kiosk.config import Config
from kiosk.usb_check import UsbCheck, record_usb_check
from sync.protocol import LookupAnswer
from ui.app import KioskUi
from ui.complaint_lookup import LookupWrong
from ui.demo import DEMO_PIN, DemoDevices
from ui.demo_settings import with_settings
from ui.driver import UiDriver, UiDriverError
from ui.i18n import I18N_DIR
from ui.services import KioskServices
from ui.untranslated import DataText, shown_texts, untranslated, wording

__all__ = ["SIZES", "Look", "TourResult", "run_tour"]

log = logging.getLogger(__name__)

#: Common kiosk panels: 1080p portrait-less totems and 10" 1280x800 panels.
SIZES = ((1920, 1080), (1280, 800))


class _Clock:
    """Real time plus a jump the tour can add, to show the idle countdown; held still
    while the tour looks at the countdown (on a loaded machine the screenshot and the
    click can take longer than the seconds left, and the session would end under it)."""

    def __init__(self) -> None:
        self.offset = 0.0
        self._held: float | None = None

    def __call__(self) -> float:
        return self._held if self._held is not None else time.monotonic() + self.offset

    def hold(self) -> None:
        """Stop the clock where it is."""
        self._held = self()

    def release(self) -> None:
        """Go on from where it was held (never backwards)."""
        if self._held is not None:
            self.offset = self._held - time.monotonic()
            self._held = None


def _simulate_county_reply(db: Path) -> None:
    """What the sync daemon does when the county answers: delivered, handled and replied
    (today) at the township, the villager asked to say whether it satisfied them."""
    today = clock.today()
    reply = (f"您反映的{today.year}年低保发放问题已收到。经核查，镇民政办已于{today.month}月"
             f"{today.day}日补发，如仍有疑问请拨打12388。——县纪委监委")
    con = sqlite3.connect(db)
    with con:
        now = clock.now().replace(tzinfo=None).isoformat(sep=" ")
        con.execute("UPDATE complaint SET delivery = 'sent', server_id = 'C-DEMO-2', "
                    "reply_text = ?, reply_at = ?, status = 'replied', level = 'township', "
                    "accepted_at = created_at, handled_at = created_at, replied_at = ?, "
                    "can_feedback = 1 WHERE reply_text IS NULL", (reply, now, now))
    con.close()


class _TourServices(KioskServices):
    """The demo terminal's services, with the county's answer to 查询投诉 simulated from
    the terminal's own store (the tour has no county, as for the reply above)."""

    def lookup_complaint(self, ticket_no: str, query_code: str) -> LookupAnswer:
        """The county's answer for a complaint of this terminal (see the class)."""
        con = sqlite3.connect(self.config.store.path)
        try:
            row = con.execute("SELECT query_code, status, level, accepted_at, handled_at, "
                              "replied_at, reply_text FROM complaint WHERE ticket_no = ?",
                              (ticket_no,)).fetchone()
        finally:
            con.close()
        if row is None or row[0] != query_code:
            raise LookupWrong("no complaint has that ticket number and query code")
        at = [datetime.fromisoformat(v).replace(tzinfo=UTC) if v else None for v in row[3:6]]
        return LookupAnswer(ticket_no=ticket_no, status=row[1] or "new",
                            level=row[2] or "township", accepted_at=at[0] or clock.now(),
                            handled_at=at[1], replied_at=at[2], reply_text=row[6])


def _tour_one_size(out: Path, size: tuple[int, int], work: Path,
                   settings: Config | None, look: Look) -> TourResult:
    # A reader at 9 600 baud takes about 1.4 s over the card's text and photo: long
    # enough for the "reading" screen to be caught (at 115 200 it shows for 0.1 s).
    devices, demo = DemoDevices.start(work, baud=9600)
    config = with_settings(demo, settings)
    if look.theme is not None:
        config = replace(config, ui=replace(config.ui, theme=look.theme))
    if look.language is not None:
        config = replace(config, ui=replace(config.ui, language=look.language))
    idle = _Clock()
    ui = KioskUi(_TourServices.open(config), link_factory=devices.link, size=size, clock=idle)
    ui.start()
    d = UiDriver(ui.window)
    app = ui.app_model
    if look.large_text:
        d.click("largeTextButton")
    shots: list[Path] = []
    cut: dict[str, list[str]] = {}
    chinese: dict[str, list[str]] = {}
    sources = wording(I18N_DIR / f"village_kiosk_{look.language}.ts") \
        if look.language in ("en", "ug") else frozenset()

    def shot(name: str) -> None:
        shots.append(d.screenshot(out / f"{len(shots) + 1:02d}-{name}.png"))
        truncated = d.truncated_texts()
        if truncated:
            log.warning("tour %dx%d: text cut off on %s: %s", *size, name, truncated)
            cut[name] = truncated
        if look.language in ("en", "ug"):
            # The villager's draft complaint and the terminal's place are data too.
            # (After the first window is gone, its view-models are too: no draft then.)
            draft = app.complaint_model.text
            extra = [config.terminal.township + config.terminal.village]
            data = DataText(config.store.path,
                            extra=[*extra, draft] if isinstance(draft, str) else extra)
            left = untranslated(shown_texts(d.window), data, sources)
            if left:
                log.warning("tour %dx%d: untranslated text on %s: %s", *size, name, left)
                chinese[name] = left

    def screen_is(name: str, timeout: float = 15) -> None:
        d.wait_until(lambda: app.screen == name, timeout=timeout, what=f"screen {name}")

    def lift_card() -> None:
        # The reader reads once per placement: wait until it has seen the card go.
        devices.sam.remove()
        d.wait_until(lambda: app.reader_text == "读卡器正常", timeout=15, what="card lifted")

    try:
        d.wait_until(lambda: app.readerProblem == "" and app.reader_text != "未知",
                     timeout=15, what="reader ready")
        shot("welcome")
        devices.sam.place(0)
        screen_is("reading")
        shot("reading")
        if app.screen != "reading":  # the shot would show another screen under its name
            raise UiDriverError("tour: the card was read before the reading screen was shot")
        screen_is("benefits")
        shot("benefits")
        d.click(f"year_{clock.today().year - 1}")
        shot("benefits-last-year")
        app.openSection(app.benefits_model.payments[0]["itemName"])
        screen_is("detail")
        shot("item-detail")
        d.click("backButton")
        d.click("printButton")
        d.wait_until(lambda: app.print_model.state == "printed", timeout=60, what="printed")
        shot("printed")
        devices.save_printed(out / "receipt-printed.png")
        d.click("backButton")
        devices.printer.set_fault(PrinterFault.PAPER_OUT)
        d.click("printButton")
        d.wait_until(lambda: app.print_model.state == "problem", timeout=30, what="problem")
        shot("print-paper-out")
        devices.printer.set_fault(PrinterFault.NONE)
        d.click("backButton")

        d.click("complainButton")
        shot("complaint-about")
        d.click("about_0")
        shot("complaint-reason")
        d.click("reason_not_received")
        d.click("complaintText")
        d.wait_until(lambda: bool(d.object("keyboard").property("active")), what="keyboard")
        d.type_on_keyboard("meiyoushoudao")
        shot("complaint-pinyin")
        d.pick_candidate(0)
        shot("complaint-text")
        d.click("textNext")
        for key in "13800138000":
            d.click(f"key_{key}")
        shot("complaint-phone")
        d.click("key_ok")
        shot("complaint-identity")
        d.click("realName")
        shot("complaint-confirm")
        d.click("submitComplaint")
        shot("complaint-filed")
        d.click("printTicket")
        d.wait_until(lambda: app.print_model.state in ("printed", "problem"), timeout=60,
                     what="ticket printed")
        devices.save_printed(out / "receipt-complaint.png")
        d.click("homeButton")
        lift_card()
        screen_is("welcome")

        _simulate_county_reply(config.store.path)
        devices.sam.place(0)
        screen_is("benefits")
        shot("benefits-with-reply")
        d.click("myComplaintsButton")
        shot("my-complaints")
        # Into the countdown (it shows in the last ui.countdown_s seconds).
        idle.offset += config.ui.idle_timeout_s - min(6, config.ui.countdown_s - 1)
        idle.hold()
        app.check_idle()
        shot("still-here")
        d.click("stillHereButton")
        idle.release()
        d.click("homeButton")
        lift_card()
        screen_is("welcome")

        d.click("noticesButton")
        shot("notices")
        d.click("notice_0")
        shot("notice")
        d.click("homeButton")

        devices.sam.inject(CardFault.REMOVED_MID_READ, times=6)
        devices.sam.place(1)
        screen_is("readError", timeout=30)
        shot("read-error")
        lift_card()
        d.click("okButton")

        d.press_and_hold("clerkCorner", 3.3)
        shot("clerk-pin")
        for key in DEMO_PIN:
            d.click(f"key_{key}")
        d.click("key_ok")
        d.wait_until(lambda: app.clerk_model.unlocked, what="clerk unlocked")
        d.pump(1.0)  # the printer probe answers on a worker
        app.clerk_model.refresh()
        shot("clerk")
        d.click("leaveClerk")

        devices.sam.place(0)  # back to the reply: 不满意, and why
        screen_is("benefits")
        d.click("myComplaintsButton")
        ticket = app.my_complaints_model.complaints[0]["ticketNo"]
        d.click(f"notSatisfied_{ticket}")
        d.find("whyPanel")
        shot("my-complaints-why")
        d.click("why_no_answer")
        d.wait_until(lambda: app.my_complaints_model.askingWhy == "", what="reason taken")
        shot("my-complaints-feedback")
        d.click("homeButton")
        lift_card()

        # 查询投诉 without a card: the complaint filed above, by its number and code.
        screen_is("welcome")
        con = sqlite3.connect(config.store.path)
        [(ticket, code)] = con.execute("SELECT ticket_no, query_code FROM complaint WHERE "
                                       "query_code IS NOT NULL ORDER BY id DESC LIMIT 1")
        con.close()
        d.click("complaintQueryButton")
        for key in str(int(ticket.rsplit("-", 1)[1])):  # this terminal's: the number only
            d.click(f"key_{key}")
        shot("complaint-query-ticket")
        d.click("key_ok")
        wrong = f"{(int(code) + 1) % 10**6:06d}"
        for key in wrong:
            d.click(f"key_{key}")
        shot("complaint-query-code")
        d.click("key_ok")
        d.wait_until(lambda: app.query_model.error != "", timeout=15, what="wrong code")
        shot("complaint-query-wrong")
        for key in code:
            d.click(f"key_{key}")
        d.click("key_ok")
        d.wait_until(lambda: app.query_model.step == "result", timeout=15, what="answer")
        shot("complaint-query-result")
        d.click("homeButton")
        _tour_public(d, shot)
        _ledger_tour(d, app, shot)
        _projects_tour(d, shot)
    except BaseException:
        ui.stop()
        devices.stop()
        raise
    ui.stop()

    log.warning("tour: the next screen opens a deliberately broken database (the "
                "'unavailable' screen); the errors logged about it are expected")
    broken = work / "broken.db"
    broken.write_bytes(b"this is not a database" * 200)
    try:  # the printer emulator stays for the clerk screen at the end
        ui = KioskUi(KioskServices.open(replace(config, store=replace(config.store,
                                                                      path=broken))),
                     link_factory=None, size=size)
        ui.start()
        try:
            d = UiDriver(ui.window)
            d.find("unavailableScreen")
            shot("unavailable")
        finally:
            ui.stop()
        # 从U盘更新 (issue 14), last so that no earlier picture is renumbered.
        ui = KioskUi(_TourServices.open(config), link_factory=devices.link, size=size,
                     clock=idle)
        ui.start()
        try:
            d = UiDriver(ui.window)
            _tour_clerk_usb(d, ui, config, shot)
        finally:
            ui.stop()
    finally:
        devices.stop()
    where = f"{size[0]}x{size[1]}"
    return TourResult(tuple(shots),
                      {f"{where}/{name}": tuple(texts) for name, texts in cut.items()},
                      {f"{where}/{name}": tuple(texts) for name, texts in chinese.items()})


@dataclass(frozen=True)
class TourResult:
    """The screenshots taken and, per ``WIDTHxHEIGHT/screen``, the texts cut off there
    (empty when every text fits)."""

    shots: tuple[Path, ...]
    cut: dict[str, tuple[str, ...]]
    untranslated: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per ``WIDTHxHEIGHT/screen``, texts still in Chinese that are not data (English
    tours only; see ui.untranslated)."""


def _tour_clerk_usb(d: UiDriver, ui: KioskUi, config: Config,
                    shot: Callable[[str], None]) -> None:
    """The clerk screen after "从U盘更新" found a county bundle on a stick. The tour has
    no stick and no release key: the check's record is what `kiosk update from-usb`
    writes for a good bundle (as the county's reply above is simulated)."""
    record_usb_check(config.update.spool, UsbCheck(
        clock.now().isoformat(), "ready", "1.4.0", "", "village-kiosk 1.4.0 verified",
        "village-kiosk/village-kiosk-1.4.0.bundle"))
    d.press_and_hold("clerkCorner", 3.3)
    for key in DEMO_PIN:
        d.click(f"key_{key}")
    d.click("key_ok")
    d.wait_until(lambda: ui.app_model.clerk_model.unlocked, what="clerk unlocked")
    d.wait_until(lambda: ui.app_model.reader_text == "读卡器正常", timeout=30,
                 what="reader ready")
    d.pump(1.0)  # the printer probe answers on a worker
    ui.app_model.clerk_model.refresh()
    d.pump(0.1)
    # The clerk scrolls to the row (the last; below the fold on a 1280x800 panel).
    info = d.find("clerkInfoScroll")
    info.setProperty("contentY", max(0.0, float(info.property("contentHeight"))
                                     - float(info.property("height"))))
    d.pump(0.1)
    shot("clerk-usb")
    d.click("leaveClerk")


def _tour_public(d: UiDriver, shot: Callable[[str], None]) -> None:
    """村务公开 without a card: the hub, the rolls (whole, by surname, one line), the
    micro-power list (a step, then 办理须知); back on the welcome screen after."""
    d.click("publicButton")
    shot("public")
    d.click("choice_0")
    shot("roll-items")
    d.click("choice_0")
    d.find("rollScreen")
    shot("roll")
    d.click("bySurname")
    d.click("initial_0")
    shot("roll-by-surname")
    d.click("rollRow_0")
    shot("roll-line")
    d.click("homeButton")
    d.click("publicButton")
    d.click("choice_1")
    shot("powers")
    d.click("choice_0")
    d.click("nextPage")
    shot("power-step")
    for _ in range(5):
        if d.find("nextPage").property("enabled"):
            d.click("nextPage")
    shot("power-info")
    d.click("homeButton")
    d.find("welcomeScreen")


def _ledger_tour(d: UiDriver, app: Any, shot: Callable[[str], None]) -> None:
    """村级财务 (issue 17), a section of the 村务公开 hub: the months, the newest
    month's entries, a voucher."""
    d.click("publicButton")
    d.click("choice_2")
    shot("ledger-months")
    d.click("month_0")
    shot("ledger-entries")
    model = app.ledger_model
    for month in range(len(model.months)):  # the newest month with a voucher image
        model.openMonth(month)
        rows = [i for i, row in enumerate(model.entries) if row["hasImage"]]
        if rows:
            model.openVoucher(rows[0])
            break
    d.find("voucherImage")
    d.pump(0.2)
    shot("ledger-voucher")
    d.click("homeButton")


def _projects_tour(d: UiDriver, shot: Callable[[str], None]) -> None:
    """村级工程 (issue 17), a section of the 村务公开 hub: the projects, the first one's
    timeline, its approval document."""
    d.click("publicButton")
    d.click("choice_3")
    shot("projects")
    d.click("project_0")
    d.find("stageList")
    shot("project-timeline")
    d.click("document_0")
    d.find("documentImage")
    d.pump(0.2)
    shot("project-document")
    d.click("homeButton")


@dataclass(frozen=True)
class Look:
    """How the tour's terminal looks: its ``[ui] theme`` (None: the config's), whether
    the villager pressed "字大一点" first, and its language."""

    theme: Literal["default", "high-contrast"] | None = None
    large_text: bool = False
    language: Literal["zh_CN", "en", "ug"] | None = None
    """The terminal's ``[ui] language`` (None: the config's)."""


def run_tour(out: Path, *, sizes: tuple[tuple[int, int], ...] = SIZES,
             settings: Config | None = None, look: Look = Look()) -> TourResult:
    """Screenshots of every screen for each size, under ``out/WIDTHxHEIGHT/``.

    ``settings``: a terminal's config whose settings the demo terminal takes
    (see :func:`ui.demo_settings.with_settings`); None: the demo's own.
    Needs a QGuiApplication (offscreen is fine). Raises
    :class:`ui.driver.UiDriverError` if a screen does not appear in time.
    """
    KioskUi.application()
    shots: list[Path] = []
    cut: dict[str, tuple[str, ...]] = {}
    chinese: dict[str, tuple[str, ...]] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="kiosk-tour-") as work:
            one = _tour_one_size(out / f"{size[0]}x{size[1]}", size, Path(work), settings,
                                 look)
        shots += one.shots
        cut.update(one.cut)
        chinese.update(one.untranslated)
    return TourResult(tuple(shots), cut, chinese)
