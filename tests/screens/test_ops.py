"""The background-job helper: fn off the GUI thread, callbacks on it."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from pytestqt.qtbot import QtBot

from drivers.printer.worker import PrinterWorker, on_printer_worker
from ui.ops import Op

PATIENT_MS = 30_000


def _thread() -> threading.Thread:
    return threading.current_thread()


def test_success_runs_fn_off_the_gui_thread_and_the_callback_on_it(qtbot: QtBot) -> None:
    ran_on: list[threading.Thread] = []
    got: list[tuple[Any, threading.Thread]] = []
    failed: list[Exception] = []

    def fn() -> int:
        ran_on.append(_thread())
        return 42

    Op(fn).success(lambda v: got.append((v, _thread()))).failure(failed.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=PATIENT_MS)
    assert got == [(42, threading.main_thread())]
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert failed == []


def test_failure_hands_the_exception_to_the_gui_thread(qtbot: QtBot) -> None:
    got: list[object] = []
    failed: list[tuple[Exception, threading.Thread]] = []

    def fn() -> int:
        raise ValueError("printer on fire")

    Op(fn).success(got.append).failure(lambda e: failed.append((e, _thread()))).run()
    qtbot.waitUntil(lambda: bool(failed), timeout=PATIENT_MS)
    [(error, thread)] = failed
    assert isinstance(error, ValueError) and str(error) == "printer on fire"
    assert thread is threading.main_thread()
    assert got == []


def test_a_runner_runs_fn_on_its_own_thread(qtbot: QtBot) -> None:
    got: list[tuple[bool, bool]] = []
    with PrinterWorker() as worker:
        Op(on_printer_worker, runner=worker).success(
            lambda on_worker: got.append((on_worker, on_printer_worker()))).run()
        qtbot.waitUntil(lambda: bool(got), timeout=PATIENT_MS)
    assert got == [(True, False)]


def test_no_callback_once_the_owner_is_gone(qtbot: QtBot) -> None:
    owner = QObject()
    release = threading.Event()
    got: list[object] = []
    done: list[object] = []
    with PrinterWorker() as worker:
        Op(lambda: release.wait(30), runner=worker, owner=owner).success(got.append) \
            .failure(got.append).run()
        owner.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        release.set()
        # The next job on the same worker ends, and is delivered, after the first.
        Op(lambda: "later", runner=worker).success(done.append).run()
        qtbot.waitUntil(lambda: bool(done), timeout=PATIENT_MS)
    assert done == ["later"]
    assert got == []


def test_run_off_the_gui_thread_is_refused(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def start() -> None:
        try:
            Op(lambda: None).run()
        except AssertionError as exc:
            errors.append(exc)

    thread = threading.Thread(target=start)
    thread.start()
    thread.join(30)
    assert len(errors) == 1 and "GUI thread" in str(errors[0])
