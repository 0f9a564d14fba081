"""The printer worker: one thread, jobs in order, a probe never overlaps a print."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from dataclasses import replace

import pytest

from drivers.printer.emulator import EmulatedPrinter
from drivers.printer.printer import ThermalPrinter, probe_status
from drivers.printer.render import ReceiptRenderer
from drivers.printer.status import PrinterState
from drivers.printer.worker import PrinterWorker, on_printer_worker
from kiosk.config import Config, PrinterConfig
from kiosk.receipt import Receipt, receipt_blocks
from ui.printing import ReceiptService

#: Bounds waits for the emulator's threads; only a broken run waits this long.
PATIENT = 30.0


def _wait(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)  # polls the condition; the test asserts no timing


def test_jobs_run_in_order_on_one_thread(printer_worker: PrinterWorker) -> None:
    seen: list[tuple[int, str, bool]] = []

    def job(i: int) -> None:
        seen.append((i, threading.current_thread().name, on_printer_worker()))

    futures = [printer_worker.submit(functools.partial(job, i)) for i in range(20)]
    for future in futures:
        future.result(PATIENT)
    assert seen == [(i, "printer", True) for i in range(20)]
    assert not on_printer_worker()


def test_a_failing_job_reaches_its_caller_and_the_next_job_still_runs(
        printer_worker: PrinterWorker) -> None:
    def broken() -> None:
        raise ValueError("no paper width")

    with pytest.raises(ValueError, match="no paper width"):
        printer_worker.call(broken)
    assert printer_worker.call(lambda: 42) == 42


def test_stop_cancels_the_jobs_still_waiting_and_lets_the_running_one_finish(
        emulator: EmulatedPrinter) -> None:
    worker = PrinterWorker()
    worker.start()
    running, finish = threading.Event(), threading.Event()
    def first_job() -> bool:
        running.set()
        return finish.wait(PATIENT)

    first = worker.submit(first_job)
    assert running.wait(PATIENT)
    waiting = worker.submit(lambda: probe_status(emulator.uri))
    stopped: list[bool] = []
    stopper = threading.Thread(target=lambda: stopped.append(worker.stop(PATIENT)))
    stopper.start()
    _wait(waiting.cancelled, "the waiting job to be cancelled")
    finish.set()
    stopper.join(PATIENT)
    assert stopped == [True]
    assert first.result(PATIENT) is True
    assert emulator.connections == 0  # the cancelled probe never opened the printer
    with pytest.raises(RuntimeError, match="not running"):
        worker.submit(lambda: None)


def test_printer_jobs_refuse_to_run_off_the_worker(emulator: EmulatedPrinter,
                                                   short_receipt: Receipt) -> None:
    with pytest.raises(AssertionError, match="printer worker"):
        probe_status(emulator.uri)
    with pytest.raises(AssertionError, match="printer worker"):
        ReceiptService.send_blocks(_config(emulator), receipt_blocks(short_receipt))
    assert emulator.connections == 0  # refused before opening anything


def _config(emulator: EmulatedPrinter) -> Config:
    return replace(Config(), printer=replace(PrinterConfig(), uri=emulator.uri))


def test_a_probe_waits_for_the_print_running(
        emulator: EmulatedPrinter, printer_worker: PrinterWorker,
        renderers: dict[int, ReceiptRenderer], short_receipt: Receipt) -> None:
    image = renderers[576].render(receipt_blocks(short_receipt))
    events: list[str] = []

    def print_receipt() -> PrinterState:
        events.append("print starts")
        with ThermalPrinter(emulator.uri, width_dots=576, status_timeout_s=PATIENT,
                            job_timeout_s=PATIENT) as printer:
            state = printer.print_image(image).state
        events.append("print ends")
        return state

    def probe() -> PrinterState:
        events.append("probe starts")
        state = probe_status(emulator.uri, timeout_s=PATIENT).state
        events.append("probe ends")
        return state

    emulator.hold()  # the printer is busy: the print job cannot finish until released
    try:
        printed = printer_worker.submit(print_receipt)
        _wait(lambda: emulator.connections == 1, "the print to connect")
        probed = printer_worker.submit(probe)
        # Either the probe queues behind the print (right) or it opens the printer
        # beside it (the bug this guards against): wait for whichever happens.
        _wait(lambda: printer_worker.pending == 1 or emulator.connections == 2,
              "the probe to queue or to connect")
        assert emulator.connections == 1
    finally:
        emulator.release()
    assert printed.result(PATIENT) is PrinterState.READY
    assert probed.result(PATIENT) is PrinterState.READY
    assert events == ["print starts", "print ends", "probe starts", "probe ends"]
    assert emulator.connections == 2
