"""Cyclic garbage is collected by the GUI-thread timer, never by a worker thread."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from ui.gc_guard import GuiThreadGc


class _Cycle:
    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _freed.append(threading.current_thread().name)


_freed: list[str] = []


def test_garbage_made_on_a_worker_is_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    guard = GuiThreadGc(interval_ms=20)
    guard.start()
    try:
        assert not gc.isenabled()
        _freed.clear()

        def churn() -> None:
            for _ in range(50_000):  # far past gen-0 threshold: would collect here if enabled
                _Cycle()

        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        assert _freed == []  # nothing collected on the worker
        qtbot.waitUntil(lambda: len(_freed) >= 40_000, timeout=60_000)
        assert set(_freed) == {threading.main_thread().name}
    finally:
        guard.stop()
    assert gc.isenabled()
