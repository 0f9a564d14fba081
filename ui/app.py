"""The kiosk application: Qt set-up, the QML module, devices wired to view-models.

``KioskUi`` owns the QML engine, the root view-model and the card reader. It
is used by ``kiosk run`` (fullscreen), ``kiosk demo`` (windowed, emulated
devices), ``kiosk tour`` (offscreen screenshots) and the UI tests.
"""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from drivers.idcard.link import CardLink
from drivers.idcard.reader import CardReader
from drivers.printer.errors import DisconnectedError, PrinterError, PrinterNotReadyError
from drivers.printer.printer import probe_status
from drivers.printer.status import PrinterState
from drivers.printer.worker import PrinterWorker
from drivers.speech import Speaker
from kiosk.timefmt import format_local
from kiosk.usb_check import last_usb_check
from ui.bridge import ReaderBridge
from ui.brightness import find_backlight
from ui.i18n import SOURCE_LANGUAGE, Translations
from ui.ops import Op
from ui.playback import audio_output_problem
from ui.printing import ReceiptService, test_page_blocks
from ui.services import KioskServices
from ui.tr import QT_TR_NOOP, tr
from ui.usb_update import UsbRun, from_usb_command, run_from_usb, usb_check_text
from ui.viewmodels import qml_types
from ui.viewmodels.app import AppModel
from ui.wording import (
    PRINTER_STATE_ZH,
    rejected_complaints_text,
    sync_error_text,
    update_attempt_text,
    update_waiting_text,
)
from ui.workers import join_workers

__all__ = ["QML_DIR", "KioskUi", "prepare_environment"]

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).with_name("qml")


def prepare_environment(*, offscreen: bool = False) -> None:
    """Environment Qt reads at start-up: the virtual keyboard; offscreen rendering.

    Must run before the QGuiApplication exists. Keeps the pinyin user
    dictionary and the QML cache in writable places even for a locked-down
    kiosk user.
    """
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    # The pinyin engine keeps its user dictionary here and warns when it has
    # to create the folder itself.
    (config_home / "qtvirtualkeyboard" / "pinyin").mkdir(parents=True, exist_ok=True)
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["QT_QUICK_BACKEND"] = "software"


class _TouchFilter(QObject):
    """Any press, touch or key anywhere counts as "the person is still there"."""

    _KINDS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
                        QEvent.Type.KeyPress})

    def __init__(self, on_touch: Callable[[], None]) -> None:
        super().__init__()
        self._on_touch = on_touch

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._KINDS:
            self._on_touch()
        return False


#: How long teardown waits for a running print job or probe (a slow serial print).
_WORKER_GRACE_S = 30.0


class KioskUi:
    """Everything the kiosk screen needs, built and torn down together."""

    def __init__(self, services: KioskServices, *, link_factory: Callable[[], CardLink] | None,
                 size: tuple[int, int] | None = None, fullscreen: bool = False,
                 clock: Callable[[], float] | None = None,
                 speaker: Speaker | None = None) -> None:
        """Load the QML module and wire the view-models; the reader starts in :meth:`start`.

        Requires a QGuiApplication. ``link_factory`` makes the reader's link
        (None: no reader, e.g. tests that inject card events themselves).
        ``speaker`` reads the screens aloud (default: espeak-ng). Raises
        ``RuntimeError`` if the QML fails to load.
        """
        self.services = services
        self._printer_text = "未检查"
        # Every printer job (receipt, test page, status probe) queues here: one at a time.
        self.printer = PrinterWorker()
        self.app_model = AppModel(services, clerk_status=self._clerk_status,
                                  clock=clock or time.monotonic, backlight=find_backlight(),
                                  printer=self.printer, speaker=speaker)
        self.bridge = ReaderBridge()
        self.bridge.connect_to(self.app_model)
        self.translations = Translations()
        self.translations.switch(services.config.ui.language)
        self.app_model.speech_model.language_changed()
        self.app_model.languageRequested.connect(self._switch_language)
        clerk = self.app_model.clerk_model
        clerk.testPrintRequested.connect(self._test_print)
        clerk.syncRequested.connect(self._sync_now)
        clerk.usbUpdateRequested.connect(self._update_from_usb)
        clerk.changed.connect(self._on_clerk_changed)
        self._clerk_was_unlocked = False
        self._reader: CardReader | None = None
        self._link_factory = link_factory

        # The QML imports the view-model types (`import VillageKiosk.Models`, registered
        # by importing their modules) and takes the root one as `required property AppModel app`.
        qml_types()
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(QML_DIR))
        self.engine.setInitialProperties({"app": self.app_model})
        self.engine.loadFromModule("VillageKiosk", "Main")
        roots = self.engine.rootObjects()
        if not roots:
            raise RuntimeError("the QML module VillageKiosk failed to load (see the log)")
        window = roots[0]
        assert isinstance(window, QQuickWindow)
        self.window: QQuickWindow = window
        if size is not None:
            self.window.resize(*size)
        if fullscreen:
            self.window.showFullScreen()
        app = QGuiApplication.instance()
        self._filter = _TouchFilter(self.app_model.touched)
        if app is not None:
            app.installEventFilter(self._filter)

    @staticmethod
    def application(argv: list[str] | None = None) -> QGuiApplication:
        """The process's QGuiApplication (created once) with the CJK UI font."""
        existing = QGuiApplication.instance()
        if isinstance(existing, QGuiApplication):
            return existing
        app = QGuiApplication(argv or sys.argv[:1])
        app.setFont(QFont("Noto Sans CJK SC", 28))
        return app

    def start(self) -> None:
        """Start the clock, the printer worker and, if configured, the card reader's worker."""
        ReceiptService.warm_up(self.services.config.printer.paper_mm)
        self.printer.start()
        self.app_model.speech_model.warm_up()
        self.app_model.start()
        if self._link_factory is not None:
            self._reader = CardReader(self._link_factory(), self.bridge.listener(),
                                      poll_interval=self.services.config.idcard.poll_interval_ms
                                      / 1000)
            self._reader.start()

    def stop(self) -> None:
        """Stop the reader, destroy the window (before the view-models) and release the store."""
        if self._reader is not None:
            self._reader.stop()
            self._reader = None
        self.app_model.end_session(go_home=False)
        self.app_model.stop()
        # The translator belongs to the application, which outlives this window.
        self.translations.switch(SOURCE_LANGUAGE)
        # A print or probe still running would hand its result to objects
        # about to go; see ui.workers for why waiting matters.
        self.printer.stop(_WORKER_GRACE_S)
        join_workers(_WORKER_GRACE_S)
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self._filter)
        # QML must go before the view-models it binds to, or every binding
        # complains about a null object on the way out.
        for root in self.engine.rootObjects():
            root.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # Destroy the Python-made QObjects here, on the GUI thread, rather than
        # whenever a garbage collection happens to run on some worker thread.
        for obj in (self.app_model, self.bridge, self._filter):
            obj.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        self.services.close()

    # --- the clerk screen's data and jobs ------------------------------------------------

    def _clerk_status(self) -> dict[str, str]:
        s = self.services
        enrollment = s.enrollment
        status = {
            "terminal": f"{s.config.terminal.code}（{enrollment.terminal_id}）" if enrollment
            else tr("{code}（未注册）").format(code=s.config.terminal.code),
            "village": "".join(x for x in (s.config.terminal.township,
                                           s.config.terminal.village)) or "—",
            "reader": self.app_model.reader_text,
            "printer": self._printer_text,
            "speech": self._speech_text(),
            "version": s.version(),
            "update": "；".join(text for text in (
                update_attempt_text(s.update_attempt()),
                update_waiting_text(s.update_waiting(), s.config.update.window)) if text),
            "usb": usb_check_text(last_usb_check(s.config.update.spool), s.update_attempt()),
            "database": QT_TR_NOOP("正常") if s.usable
            else tr("不可用：{problem}").format(problem=s.problem),
        }
        if s.usable:
            state = s.sync_state()
            status["lastSync"] = (format_local(state.last_success_at)
                                  if state.last_success_at else QT_TR_NOOP("从未同步"))
            if state.last_error:
                why = sync_error_text(state.last_error_code, state.last_error)
                status["lastSync"] = tr(status["lastSync"]) + tr("（上次错误：{why}）").format(
                    why=why)
            status["outbox"] = tr("{count} 条").format(count=state.outbox_pending)
            status["rejected"] = rejected_complaints_text(state.outbox_rejected,
                                                          state.rejected_tickets)
        return status

    def _speech_text(self) -> str:
        ok = tr(audio_output_problem()
                or QT_TR_NOOP("正常（espeak-ng：普通话、英文、维吾尔文）"))
        return self.app_model.speech_model.clerk_text(ok)

    def _switch_language(self, code: str) -> None:
        self.translations.switch(code)
        self.app_model.speech_model.language_changed()
        self.engine.retranslate()
        # The texts Python formatted (ui.tr): the welcome screen's are made again; those
        # translated as QML reads them (readonly_tr) are read again. The other screens'
        # are made afresh when the villager opens them (the language buttons are on the
        # welcome screen only, and the session's end clears them).
        self.app_model.tick()
        self.app_model.refresh_welcome()
        self.app_model.changed.emit()
        self.app_model.query_model.changed.emit()

    def _on_clerk_changed(self) -> None:
        unlocked = self.app_model.clerk_model.unlocked
        if unlocked and not self._clerk_was_unlocked:
            self._probe_printer()
        self._clerk_was_unlocked = unlocked

    def _probe_printer(self) -> None:
        uri = self.services.config.printer.uri
        if not uri:
            self._printer_text = QT_TR_NOOP("没有设置打印机")
            return
        timeout = self.services.config.printer.status_timeout_ms / 1000

        def probe() -> str:  # on the printer worker: no Qt here
            try:
                status = probe_status(uri, timeout_s=timeout)
            except PrinterError as exc:
                return tr("不可用（{code}）").format(code=exc.code)
            self.services.record_device("printer", status.state.value)
            return PRINTER_STATE_ZH.get(status.state, status.state.value)

        Op(probe, name="printer-probe", runner=self.printer, owner=self.app_model) \
            .success(self._show_printer_state).failure(self._show_printer_state_failed).run()

    def _show_printer_state(self, text: str) -> None:
        self._printer_text = text
        self.app_model.clerk_model.refresh()

    def _show_printer_state_failed(self, exc: Exception) -> None:
        self._show_printer_state(tr("失败：{error}").format(error=exc))

    def _test_print(self) -> None:
        uri = self.services.config.printer.uri
        clerk = self.app_model.clerk_model
        if not uri:
            clerk.show_result("printer", tr("没有设置打印机"))
            return
        receipts = self.services.receipts()

        def test_page() -> tuple[str, PrinterState | None]:  # on the printer worker: no Qt
            try:
                status = receipts.send(test_page_blocks(uri, 576))
            except PrinterNotReadyError as exc:
                state = exc.status.state if exc.status else None
                return _failed(exc.code), self._record_printer(state)
            except DisconnectedError as exc:
                return _failed(exc.code), self._record_printer(PrinterState.DISCONNECTED)
            except PrinterError as exc:
                return _failed(exc.code), None
            return QT_TR_NOOP("已打印"), self._record_printer(status.state)

        Op(test_page, name="test-print", runner=self.printer, owner=self.app_model) \
            .success(self._show_test_print) \
            .failure(lambda exc: clerk.show_result("printer", tr("失败：{error}").format(
                error=exc))).run()

    def _record_printer(self, state: PrinterState | None) -> PrinterState | None:
        if state is not None:
            self.services.record_device("printer", state.value)
        return state

    def _show_test_print(self, outcome: tuple[str, PrinterState | None]) -> None:
        text, state = outcome
        if state is not None:  # what the row shows once the result has expired
            self._printer_text = PRINTER_STATE_ZH.get(state, state.value)
        if text.startswith("失败（"):  # the worker's (see _failed)
            text = tr("失败") + text.removeprefix("失败")
        self.app_model.clerk_model.show_result("printer", tr(text))

    def _sync_now(self) -> None:
        config = self.services.config
        command = [sys.executable, "-m", "kiosk.cli.main", "syncd", "--once"]
        if config.source != "<defaults>":
            command += ["--config", config.source]
        # The database this UI uses, which `kiosk run --db` may have put elsewhere
        # than the config file's store.path.
        command += ["--db", str(config.store.path)]

        def sync() -> str:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=600,
                                  check=False)
            if proc.returncode == 0:
                return QT_TR_NOOP("同步成功")
            # `syncd --once` prints each failed step as "error [code]: …" on stdout,
            # the first one the cause; stderr has the log or a CLI error (bad config).
            errors = [line for line in proc.stdout.splitlines() if line.startswith("error [")]
            why = errors[0] if errors else (proc.stderr.strip().splitlines() or ["?"])[-1]
            return QT_TR_NOOP("同步失败：") + why[-120:]

        self.app_model.clerk_model.show_result("lastSync", tr("正在同步……"), running=True)
        Op(sync, name="sync-now", owner=self.app_model).success(self._show_sync) \
            .failure(lambda exc: self._show_sync(QT_TR_NOOP("同步失败：") + str(exc))).run()

    def _show_sync(self, text: str) -> None:
        self.app_model.refresh_welcome()
        if text.startswith("同步失败："):  # the worker's: translated here, on the GUI thread
            text = tr("同步失败：") + text.removeprefix("同步失败：")
        self.app_model.clerk_model.show_result("lastSync", tr(text))

    def _update_from_usb(self) -> None:
        command, started = from_usb_command(self.services.config), datetime.now(UTC)
        self.app_model.clerk_model.show_result("usb", tr("正在检查U盘……"), running=True)
        Op(lambda: run_from_usb(command, started_at=started), name="usb-update",
           owner=self.app_model).success(self._show_usb) \
            .failure(lambda exc: self._show_usb(UsbRun(started, -1, str(exc)))).run()

    def _show_usb(self, run: UsbRun) -> None:
        s, clerk = self.services, self.app_model.clerk_model
        text = usb_check_text(last_usb_check(s.config.update.spool), s.update_attempt(), run)
        if text == usb_check_text(last_usb_check(s.config.update.spool), s.update_attempt()):
            clerk.clear_result("usb")  # the check's record: the live row, kept up to date
        else:
            clerk.show_result("usb", text)  # the command failed before it recorded anything


def _failed(code: str) -> str:
    """A job's failure for the clerk (on a worker: translated on the GUI thread)."""
    return QT_TR_NOOP("失败") + f"（{code}）"


def load_window_for_tests(services: KioskServices, **kwargs: Any) -> KioskUi:
    """A started :class:`KioskUi` without a reader (tests inject card events)."""
    ui = KioskUi(services, link_factory=None, **kwargs)
    ui.start()
    return ui


