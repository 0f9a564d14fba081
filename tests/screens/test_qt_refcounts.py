"""The Qt binding keeps Python's reference counts of None, True and False straight.

PySide6 6.12.0 on Python 3.11 gives back None (or a bool) from every void
call and ``Signal.emit`` without taking a reference: each call takes one
away, and after enough of them Python aborts ("none_dealloc: deallocating
None") — a kiosk dies after hours of normal use, or a test run at exit.
pyproject.toml keeps such a binding out; this test fails if one comes back.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from pytestqt.qtbot import QtBot

CALLS = 2_000


class _Emitter(QObject):
    fired = Signal()


def test_void_calls_and_emits_leave_the_singletons_alone(qtbot: QtBot) -> None:
    emitter, timer = _Emitter(), QTimer()
    emitter.fired.connect(lambda: None)
    singletons = (None, True, False)
    gc.collect()
    gc.disable()  # nothing else may take or drop references meanwhile
    try:
        before = [sys.getrefcount(s) for s in singletons]
        for _ in range(CALLS):
            timer.setInterval(5)              # void: returns None
            emitter.setObjectName("kiosk")    # void
            QCoreApplication.processEvents()  # void, static
            emitter.fired.emit()              # returns a bool
        after = [sys.getrefcount(s) for s in singletons]
    finally:
        gc.enable()
    # A broken binding loses one per call (thousands); a Python callback some other
    # part of the app runs during processEvents may move a few either way.
    lost = [a - b for a, b in zip(after, before, strict=True)]
    assert all(abs(n) < CALLS // 20 for n in lost), lost
