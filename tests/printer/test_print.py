"""Printing through python-escpos to the emulated TCP printer: bytes back to pixels, faults."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pyzbar.pyzbar import ZBarSymbol
from pyzbar.pyzbar import decode as decode_codes

from demo.village import DEMO_LOOKUP_KEY
from drivers.printer.emulator import EmulatedPrinter, Fault
from drivers.printer.errors import (
    CoverOpenError,
    DisconnectedError,
    NoAnswerError,
    PaperOutError,
    PrinterError,
    PrinterNotReadyError,
    PrinterOfflineError,
    PrinterUnavailableError,
)
from drivers.printer.printer import ThermalPrinter, probe_status
from drivers.printer.raster import decode_raster, iter_raster
from drivers.printer.render import ReceiptRenderer
from drivers.printer.status import PrinterState
from drivers.printer.worker import PrinterWorker
from kiosk.receipt import Receipt, receipt_blocks, verify_receipt_url

from .conftest import lookup_result, make_receipt

TIMEOUT = 0.5
#: Status timeout where the emulator does answer: it only bounds the wait, and the
#: emulator's thread may be slow to run on a loaded CI machine.
PATIENT = 10.0


def _same(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() \
        is None


def _qr_urls(image: Image.Image) -> list[str]:
    found = decode_codes(image.convert("L"), symbols=[ZBarSymbol.QRCODE])
    return [c.data.decode("utf-8") for c in found]


@pytest.mark.parametrize("width", [576, 384])
def test_printed_raster_equals_rendered_image_and_qr_verifies(
        emulator: EmulatedPrinter, renderers: dict[int, ReceiptRenderer], width: int) -> None:
    receipt = make_receipt(lookup_result(range(2007, 2027)), ticket="DEMO01-000042")
    image = renderers[width].render(receipt_blocks(receipt))
    assert image.height > 960  # python-escpos sends it in several GS v 0 fragments
    with ThermalPrinter(emulator.uri, width_dots=width, status_timeout_s=PATIENT) as printer:
        after = printer.print_image(image)
    assert after.state is PrinterState.READY
    data = emulator.received
    assert data.startswith(b"\x10\x04\x01")  # status first, before any job byte
    assert len(list(iter_raster(data))) == -(-image.height // 960)
    printed = decode_raster(data)
    assert _same(printed, image)
    urls = _qr_urls(printed)
    assert urls == [receipt.verify_url]
    claim = verify_receipt_url(urls[0], DEMO_LOOKUP_KEY)
    assert (claim.receipt_id, claim.total_paid_fen) == (receipt.receipt_id,
                                                        receipt.total_paid_fen)
    assert data.rstrip(b"\x10\x04\x01\x02") .find(b"\x1dV") > 0  # cut (GS V) after the image


def test_paper_near_end_still_prints(emulator: EmulatedPrinter,
                                     renderers: dict[int, ReceiptRenderer],
                                     short_receipt: Receipt) -> None:
    emulator.set_fault(Fault.PAPER_NEAR_END)
    image = renderers[384].render(receipt_blocks(short_receipt))
    with ThermalPrinter(emulator.uri, width_dots=384, status_timeout_s=PATIENT) as printer:
        assert printer.print_image(image).state is PrinterState.PAPER_NEAR_END
    assert _same(decode_raster(emulator.received), image)


@pytest.mark.parametrize(
    ("fault", "error", "code"),
    [
        (Fault.PAPER_OUT, PaperOutError, "printer.paper_out"),
        (Fault.COVER_OPEN, CoverOpenError, "printer.cover_open"),
        (Fault.OFFLINE, PrinterOfflineError, "printer.offline"),
        (Fault.NO_ANSWER, NoAnswerError, "printer.no_answer"),
    ],
)
def test_not_ready_refuses_before_sending_the_job(
        emulator: EmulatedPrinter, short_receipt: Receipt, renderers: dict[int, ReceiptRenderer],
        fault: Fault, error: type[PrinterNotReadyError], code: str) -> None:
    emulator.set_fault(fault)
    image = renderers[576].render(receipt_blocks(short_receipt))
    started = time.monotonic()
    with ThermalPrinter(emulator.uri, width_dots=576, status_timeout_s=TIMEOUT,
                        job_timeout_s=TIMEOUT) as printer, pytest.raises(error) as info:
        printer.print_image(image)
    assert time.monotonic() - started < TIMEOUT + 1.0
    assert info.value.code == code
    assert not list(iter_raster(emulator.received))  # not one image byte sent


def test_no_answer_is_unknown_within_the_timeout(emulator: EmulatedPrinter) -> None:
    emulator.set_fault(Fault.NO_ANSWER)
    with ThermalPrinter(emulator.uri, status_timeout_s=TIMEOUT) as printer:
        started = time.monotonic()
        status = printer.status()
        elapsed = time.monotonic() - started
    assert status.state is PrinterState.UNKNOWN and not status.ready
    assert TIMEOUT * 0.8 <= elapsed < TIMEOUT + 0.5


def test_late_answer_is_not_taken_for_the_next_query(emulator: EmulatedPrinter) -> None:
    with ThermalPrinter(emulator.uri, status_timeout_s=TIMEOUT) as printer:
        emulator.set_fault(Fault.PAPER_OUT)
        assert printer.status().state is PrinterState.PAPER_OUT
        emulator.set_fault(Fault.NONE)
        assert printer.status().state is PrinterState.READY


def test_disconnect_mid_job(emulator: EmulatedPrinter, renderers: dict[int, ReceiptRenderer],
                            short_receipt: Receipt) -> None:
    emulator.set_fault(Fault.DISCONNECT_MID_JOB)
    emulator.disconnect_after = 5000
    image = renderers[576].render(receipt_blocks(short_receipt))
    started = time.monotonic()
    with ThermalPrinter(emulator.uri, width_dots=576, status_timeout_s=TIMEOUT,
                        job_timeout_s=TIMEOUT) as printer, \
            pytest.raises(DisconnectedError) as info:
        printer.print_image(image)
    assert time.monotonic() - started < 2 * TIMEOUT + 1.0
    assert info.value.code == "printer.disconnected"
    assert len(emulator.received) == 5000


def test_paper_running_out_during_the_job_is_reported(
        emulator: EmulatedPrinter, renderers: dict[int, ReceiptRenderer],
        short_receipt: Receipt) -> None:
    image = renderers[576].render(receipt_blocks(short_receipt))
    with ThermalPrinter(emulator.uri, width_dots=576, status_timeout_s=PATIENT,
                        job_timeout_s=PATIENT) as printer:
        def job(p: object) -> None:
            p.image(image)  # type: ignore[attr-defined]
            # pre-job status + image (a long ceiling: the emulator thread may lag on CI)
            assert emulator.wait_for(9 + len(image.tobytes()), timeout_s=60)
            emulator.set_fault(Fault.PAPER_OUT)

        with pytest.raises(PaperOutError, match="after the job"):
            printer.print_job(job)


def test_error_codes_are_distinct() -> None:
    types: list[type[PrinterError]] = [PaperOutError, CoverOpenError, NoAnswerError,
                                       DisconnectedError, PrinterOfflineError,
                                       PrinterUnavailableError]
    codes = [t.code for t in types]
    assert len(set(codes)) == len(codes)
    assert all(issubclass(t, PrinterError) for t in types)


def test_nobody_listening_is_unavailable(tmp_path: Path) -> None:
    with EmulatedPrinter() as gone:
        uri = gone.uri
    started = time.monotonic()
    with pytest.raises(PrinterUnavailableError, match=r"127\.0\.0\.1"):
        ThermalPrinter(uri, status_timeout_s=TIMEOUT).open()
    assert time.monotonic() - started < TIMEOUT + 0.5


def test_image_of_wrong_width_is_refused(emulator: EmulatedPrinter) -> None:
    with ThermalPrinter(emulator.uri, width_dots=384) as printer, \
            pytest.raises(ValueError, match="576"):
        printer.print_image(Image.new("1", (576, 10), 1))


def test_probe_status_never_raises_for_printer_trouble(emulator: EmulatedPrinter,
                                                      printer_worker: PrinterWorker) -> None:
    def probe(uri: str) -> PrinterState:
        return printer_worker.call(lambda: probe_status(uri, timeout_s=TIMEOUT)).state

    assert probe(emulator.uri) is PrinterState.READY
    emulator.set_fault(Fault.COVER_OPEN)
    assert probe(emulator.uri) is PrinterState.COVER_OPEN
    emulator.set_fault(Fault.NO_ANSWER)
    assert probe(emulator.uri) is PrinterState.UNKNOWN
    with EmulatedPrinter() as gone:
        uri = gone.uri
    assert probe(uri) is PrinterState.DISCONNECTED
