"""Background jobs of the view-models: ``Op(fn).success(cb).failure(cb).run()``.

The one way a view-model runs something that may block (printing, a printer
probe, a sync run) without freezing the screen, after Anki's
``aqt.operations``:

- ``fn`` runs off the GUI thread: on a new tracked worker thread
  (:mod:`ui.workers`) or on the runner given, such as the printer's
  :class:`~drivers.printer.worker.PrinterWorker`. **No UI inside fn**: it must
  not touch a QObject, only plain Python (services, drivers) — Qt objects are
  not thread-safe.
- ``success(result)`` or ``failure(exception)`` is then called on the GUI
  thread, through one relay object that lives there (a queued signal). The
  worker never holds a view-model or a callback, so nothing Qt is freed there.
- With ``owner=`` a QObject (usually the view-model), the callbacks are
  dropped if the owner has been destroyed meanwhile (a window torn down while
  a print ran).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from ui.workers import start_worker

__all__ = ["Op", "Runner"]

log = logging.getLogger(__name__)

_T = TypeVar("_T")


class Runner(Protocol):
    """Something that runs a job on its own thread (e.g. the printer worker)."""

    def submit(self, job: Callable[[], None]) -> object:
        """Queue ``job``; returns at once."""
        ...


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


class _Relay(QObject):
    """Lives on the GUI thread; hands finished jobs' outcomes to their callbacks there."""

    finished = Signal(int, bool, object)

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, Op[Any]] = {}
        self.finished.connect(self._deliver)

    @Slot(int, bool, object)
    def _deliver(self, op_id: int, ok: bool, value: object) -> None:
        op = self.waiting.pop(op_id, None)
        if op is not None:
            op._deliver(ok, value)


_relay: _Relay | None = None
_ids = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay()
    return _relay


class Op(Generic[_T]):
    """One background job: ``Op(fn).success(cb).failure(cb).run()``, made on the GUI thread."""

    def __init__(self, fn: Callable[[], _T], *, name: str = "op", runner: Runner | None = None,
                 owner: QObject | None = None) -> None:
        """``fn`` runs on ``runner`` (default: a new worker thread called ``name``).

        ``owner``: when it has been destroyed by the time ``fn`` ends, no
        callback runs.
        """
        self._fn = fn
        self._name = name
        self._runner = runner
        self._owner = owner
        self._on_success: Callable[[_T], None] | None = None
        self._on_failure: Callable[[Exception], None] | None = None

    def success(self, callback: Callable[[_T], None]) -> Op[_T]:
        """Call ``callback(result)`` on the GUI thread when ``fn`` returns."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> Op[_T]:
        """Call ``callback(exception)`` on the GUI thread when ``fn`` raises.

        Without one, the exception is only logged (with its traceback, always).
        """
        self._on_failure = callback
        return self

    def run(self) -> None:
        """Start ``fn``; returns at once. GUI thread only."""
        # The relay, and so every callback, must belong to the GUI thread.
        assert _on_gui_thread(), "Op.run() called off the GUI thread"
        relay = _the_relay()
        op_id = next(_ids)
        relay.waiting[op_id] = self
        fn, name = self._fn, self._name

        def work() -> None:  # off the GUI thread: holds only fn and the relay
            try:
                value: object = fn()
                ok = True
            except Exception as exc:  # handed to the failure callback; never kills the kiosk
                log.exception("background job %s failed", name)
                value, ok = exc, False
            relay.finished.emit(op_id, ok, value)  # queued to the GUI thread

        if self._runner is None:
            start_worker(name, work)
        else:
            self._runner.submit(work)

    def _deliver(self, ok: bool, value: Any) -> None:
        if self._owner is not None and not shiboken6.isValid(self._owner):
            return
        if ok:
            if self._on_success is not None:
                self._on_success(value)
        elif self._on_failure is not None:
            self._on_failure(value)
