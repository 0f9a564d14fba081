"""The other transports (file:, png:, serial: on a real pty) and GB18030 text mode."""

from __future__ import annotations

import os
import select
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from drivers.printer.emulator import STATUS_ANSWERS, EmulatedPrinter, Fault, StatusQueryParser
from drivers.printer.errors import PaperOutError, PrinterUnavailableError
from drivers.printer.printer import ThermalPrinter
from drivers.printer.raster import decode_raster, iter_raster
from drivers.printer.render import ReceiptRenderer
from drivers.printer.status import PrinterState
from drivers.printer.textmode import encode_line, text_job, wrap_columns
from kiosk.receipt import Receipt, receipt_blocks

TIMEOUT = 0.5


def _same(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() \
        is None


def test_file_transport_writes_the_raster(tmp_path: Path, short_receipt: Receipt,
                                          renderers: dict[int, ReceiptRenderer]) -> None:
    image = renderers[384].render(receipt_blocks(short_receipt))
    out = tmp_path / "lp0"
    with ThermalPrinter(f"file:{out}", width_dots=384) as printer:
        assert printer.status().state is PrinterState.UNMONITORED
        assert printer.print_image(image).state is PrinterState.UNMONITORED
    assert _same(decode_raster(out.read_bytes()), image)


def test_file_transport_missing_directory_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(PrinterUnavailableError, match="nowhere"):
        ThermalPrinter(f"file:{tmp_path}/nowhere/lp0").open()


def test_png_preview_writes_the_image(tmp_path: Path, short_receipt: Receipt,
                                      renderers: dict[int, ReceiptRenderer]) -> None:
    image = renderers[576].render(receipt_blocks(short_receipt))
    out = tmp_path / "receipt.png"
    with ThermalPrinter(f"png:{out}", width_dots=576) as printer:
        printer.print_image(image)
    with Image.open(out) as saved:
        assert _same(saved, image)
    assert [p.name for p in tmp_path.iterdir()] == ["receipt.png"]  # no temp file left
    assert out.stat().st_mode & 0o777 == 0o600  # a name and a masked ID: owner only


@pytest.fixture
def pty_printer() -> Iterator[tuple[str, list[bytes], dict[str, Fault]]]:
    """A printer on the far end of a real pty: records bytes, answers DLE EOT."""
    master, slave = os.openpty()
    received: list[bytes] = []
    state = {"fault": Fault.NONE}
    stop = threading.Event()

    def serve() -> None:
        parser = StatusQueryParser()
        while not stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            received.append(data)
            for n in parser.feed(data):
                os.write(master, bytes((STATUS_ANSWERS[state["fault"]][n],)))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield os.ttyname(slave), received, state
    stop.set()
    thread.join()
    os.close(master)
    os.close(slave)


def test_serial_status_and_raster_over_a_pty(
        pty_printer: tuple[str, list[bytes], dict[str, Fault]], short_receipt: Receipt,
        renderers: dict[int, ReceiptRenderer]) -> None:
    port, received, state = pty_printer
    image = renderers[384].render(receipt_blocks(short_receipt))
    with ThermalPrinter(f"serial:{port}?baud=115200", width_dots=384,
                        status_timeout_s=10.0, job_timeout_s=10) as printer:
        assert printer.status().state is PrinterState.READY
        printer.print_image(image)
        state["fault"] = Fault.PAPER_OUT
        with pytest.raises(PaperOutError):
            printer.print_image(image)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and len(list(iter_raster(b"".join(received)))) < 1:
        time.sleep(0.02)
    assert _same(decode_raster(b"".join(received)), image)


def test_serial_without_answer_is_unknown_in_time(tmp_path: Path) -> None:
    master, slave = os.openpty()
    try:
        with ThermalPrinter(f"serial:{os.ttyname(slave)}", status_timeout_s=TIMEOUT) as p:
            started = time.monotonic()
            assert p.status().state is PrinterState.UNKNOWN
            assert time.monotonic() - started < TIMEOUT + 0.5
    finally:
        os.close(master)
        os.close(slave)


# ---- GB18030 text mode ----

def test_encode_line_uses_fullwidth_yen_and_refuses_rare_characters() -> None:
    assert encode_line("合计 ¥10.00") == "合计 ￥10.00".encode("gbk")
    assert encode_line("合计 ¥10.00") is not None
    yen = encode_line("¥1")
    assert yen is not None and b"\x81\x30\x84\x36" not in yen
    assert encode_line("姓名：刘䶮") is None
    assert encode_line("𠮷") is None
    assert wrap_columns("农村最低生活保障金（户）", 8) == ["农村最低", "生活保障", "金（户）"]


def test_text_mode_job(emulator: EmulatedPrinter, short_receipt: Receipt,
                       renderers: dict[int, ReceiptRenderer]) -> None:
    renderer = renderers[576]
    blocks = receipt_blocks(short_receipt)
    job = text_job(blocks, width_dots=576, line_image=lambda t, s, b: renderer.render_line(
        t, s, bold=b))
    with ThermalPrinter(emulator.uri, width_dots=576, status_timeout_s=10.0) as printer:
        printer.print_job(job)
    data = emulator.received
    assert b"\x1c\x26" in data                                   # FS & Chinese mode
    assert "身份证：4312**********079X".encode("gbk") in data
    assert "￥".encode("gbk") in data and "¥".encode("gb18030") not in data
    assert "大写：".encode("gbk") in data
    # The name with 䶮 went as a raster line, drawn exactly as the renderer draws it.
    images = [r.image for r in iter_raster(data)]
    assert len(images) == 1
    assert _same(images[0], renderer.render_line("姓名：刘䶮", "large", bold=True))
    # The QR code is the printer's own (GS ( k … store data … URL).
    assert b"\x1d(k" in data and short_receipt.verify_url.encode("ascii") in data
    assert len(data) < 6000  # text: a few kB, against tens of kB as raster
