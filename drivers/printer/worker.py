"""The printer's one worker thread: every printer job waits its turn in one queue.

A receipt, a clerk's test page and a status probe all open the printer. Run
on threads of their own, a probe could open the printer while a receipt was
still printing: a second TCP connection that many network printers refuse,
or status queries interleaved with raster bytes on a serial or USB line.
So the kiosk (and ``kiosk print``) hands every printer job to one
:class:`PrinterWorker`, which runs them one after another, in order, on its
thread, as :class:`drivers.idcard.reader.CardReader` does for the card link.

Job entry points (:func:`drivers.printer.printer.probe_status`,
``ui.printing.ReceiptService.send_blocks``) are marked
:func:`runs_on_printer_worker` and assert where they run.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from types import TracebackType
from typing import ParamSpec, TypeVar

__all__ = ["PrinterWorker", "on_printer_worker", "runs_on_printer_worker"]

log = logging.getLogger(__name__)

_T = TypeVar("_T")
_P = ParamSpec("_P")

_Job = tuple[Callable[[], object], "Future[object]"]


class _PrinterThread(threading.Thread):
    """The thread type of a :class:`PrinterWorker` (how the entry points recognise it)."""


def on_printer_worker() -> bool:
    """True on a printer worker's thread."""
    return isinstance(threading.current_thread(), _PrinterThread)


def runs_on_printer_worker(fn: Callable[_P, _T]) -> Callable[_P, _T]:
    """Mark a printer job entry point: calling it off the printer worker is a bug."""

    @functools.wraps(fn)
    def checked(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        # One printer, one conversation at a time: a job that opened the printer
        # from another thread could meet a job already running there.
        assert on_printer_worker(), f"{fn.__qualname__} called off the printer worker thread"
        return fn(*args, **kwargs)

    return checked


class PrinterWorker:
    """One thread running printer jobs in submission order; ``start()``/``stop()`` or ``with``."""

    def __init__(self, name: str = "printer") -> None:
        """No thread yet: :meth:`start` starts it."""
        self._name = name
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._thread: _PrinterThread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the thread (idempotent)."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = _PrinterThread(target=self._run, name=self._name, daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 30.0) -> bool:
        """Cancel the jobs still waiting, let the running one finish (up to ``timeout`` s).

        Returns True if the thread ended in time. Safe to call twice.
        """
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is None:
            return True
        while True:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job[1].cancel()
        self._queue.put(None)
        thread.join(timeout)
        if thread.is_alive():
            log.warning("printer job still running at shutdown")
            return False
        return True

    def __enter__(self) -> PrinterWorker:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    @property
    def pending(self) -> int:
        """Jobs waiting behind the one running (any thread; a snapshot)."""
        return self._queue.qsize()

    def submit(self, job: Callable[[], _T]) -> Future[_T]:
        """Queue ``job``; its result (or exception) arrives in the returned future.

        Any thread. Raises ``RuntimeError`` if the worker is not running.
        """
        future: Future[_T] = Future()
        with self._lock:
            if self._thread is None:
                raise RuntimeError("the printer worker is not running")
            self._queue.put((job, future))  # type: ignore[arg-type]
        return future

    def call(self, job: Callable[[], _T], timeout: float | None = None) -> _T:
        """Run ``job`` on the worker and wait for it (for command-line use).

        Re-raises whatever ``job`` raised; ``TimeoutError`` after ``timeout`` s.
        Never call it from the worker itself: it would wait for itself.
        """
        assert not on_printer_worker(), "PrinterWorker.call from a printer job"
        return self.submit(job).result(timeout)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            job, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = job()
            except BaseException as exc:  # handed to whoever waits on the future
                future.set_exception(exc)
            else:
                future.set_result(result)
