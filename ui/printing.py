"""Receipts for the kiosk: lookup result → receipt → image → printer (no Qt here).

One service serves the touch screen and ``kiosk print``: build the receipt
(kiosk.receipt), render it (drivers.printer.render) and send it
(drivers.printer.printer), or — when the printer cannot — hand back the
receipt's verification URL so the screen can show it as a QR code.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import qrcode

from drivers.printer.errors import DisconnectedError, PrinterError, PrinterNotReadyError
from drivers.printer.fonts import find_fonts
from drivers.printer.printer import ThermalPrinter
from drivers.printer.render import ReceiptRenderer, paper_dots
from drivers.printer.status import PrinterState, PrinterStatus
from drivers.printer.textmode import text_job
from drivers.printer.worker import runs_on_printer_worker
from kiosk import clock
from kiosk.config import Config
from kiosk.enrollment import Enrollment
from kiosk.lookup import STATUS_LABELS_ZH, LookupResult
from kiosk.receipt import (
    HOTLINE,
    Block,
    Gap,
    QrCode,
    Receipt,
    ReceiptPolicy,
    Row,
    Rule,
    Text,
    build_receipt,
    receipt_blocks,
)
from kiosk.receipt.offline import offline_text
from kiosk.timefmt import format_local
from ui.memory import release_memory

__all__ = ["PrintOutcome", "ReceiptService", "qr_png", "test_page_blocks"]


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one print job."""

    printed: bool
    state: PrinterState | None
    """The printer's state (after printing, or the one that stopped it); None: no printer."""
    error_code: str
    screen_qr: str
    """What the screen shows as a QR code when printing failed: the receipt itself as
    text a phone shows offline (kiosk.receipt.offline), not a link the village's
    phones mostly cannot reach."""


def test_page_blocks(uri: str, width_dots: int) -> tuple[Block, ...]:
    """The clerk's test page: every type size, rare characters, rules and a QR code."""
    return (
        Text("打印机测试页", size="title", align="center", bold=True),
        Rule(heavy=True),
        Text(f"打印机：{uri}", size="small"),
        Text(f"纸宽：{width_dots} 点", size="small"),
        Text(f"时间：{format_local(clock.now())}", size="small"),
        Rule(),
        Text("小字 惠民惠农补贴 0123456789", size="small"),
        Text("正文 惠民惠农补贴 0123456789"),
        Text("大字 惠民惠农补贴", size="large", bold=True),
        Row("金额", "¥1,234.50", size="large", bold=True),
        Text("生僻字：刘䶮 𠮷 龘 堃 喆 昇", size="large"),
        Rule(),
        Text(f"监督举报电话 {HOTLINE}", bold=True),
        Gap(0.3),
        QrCode("village-kiosk printer test", "扫码测试"),
        Gap(1.0),
    )


def qr_png(text: str, *, box_size: int = 8) -> bytes:
    """``text`` as a QR code PNG (black on white, 2-module border). Error correction L:
    shown on a clean screen, fewer and larger modules read better than redundancy."""
    image = qrcode.make(text, box_size=box_size, border=2,
                        error_correction=qrcode.constants.ERROR_CORRECT_L)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


class ReceiptService:
    """Builds, renders and prints receipts for one terminal. Thread-safe: no shared state."""

    def __init__(self, config: Config, enrollment: Enrollment) -> None:
        self._config = config
        self._enrollment = enrollment

    @staticmethod
    def warm_up(paper_mm: int = 80) -> None:
        """Import what a render imports lazily (fontTools tables, Pillow plugins, the QR
        encoder) now, on the calling thread, by rendering a test page once.

        Print jobs run on worker threads; the first render imports fontTools
        table modules lazily, and PySide6's import hook is not safe against
        an import on another thread while the GUI thread runs Qt code (seen
        as a segfault). The GUI thread calls this once at start-up (~0.2 s).
        """
        # Its own font set, dropped on return: the fonts and their character maps
        # (~30 MB) are loaded again by the next print job and released after it.
        renderer = ReceiptRenderer(paper_dots(paper_mm), find_fonts())
        renderer.render(test_page_blocks("-", renderer.width))
        qr_png("warm-up")
        del renderer
        release_memory()  # the fonts' memory (fontTools' tables hold cycles): give it back

    def build(self, result: LookupResult, *, holder_name: str, masked_id: str,
              ticket: str | None = None, code: str = "",
              printed_at: datetime | None = None) -> Receipt:
        """The receipt for a lookup result (name and masked ID from the card); ``code`` is
        the complaint's query code, printed beside ``ticket`` (dropped without one)."""
        t, r = self._config.terminal, self._config.receipt
        return build_receipt(
            result, holder_name=holder_name, masked_id=masked_id, terminal_code=t.code,
            terminal_id=self._enrollment.terminal_id, village=t.village, township=t.township,
            county=t.county, printed_at=printed_at or clock.now(),
            lookup_key=self._enrollment.lookup_key,
            signing_key=self._enrollment.receipt_secret or None,
            verify_base_url=r.verify_base_url or self._enrollment.server_url,
            status_labels=STATUS_LABELS_ZH, complaint_ticket=ticket,
            complaint_query_code=code,
            policy=ReceiptPolicy(r.detail_years, r.max_detail_lines))

    def send(self, blocks: tuple[Block, ...], *, uri: str | None = None,
             paper_mm: int | None = None, mode: str | None = None) -> PrinterStatus:
        """Render ``blocks`` and print them on this terminal's printer (see :meth:`send_blocks`)."""
        return self.send_blocks(self._config, blocks, uri=uri, paper_mm=paper_mm, mode=mode)

    @staticmethod
    @runs_on_printer_worker
    def send_blocks(config: Config, blocks: tuple[Block, ...], *, uri: str | None = None,
                    paper_mm: int | None = None, mode: str | None = None) -> PrinterStatus:
        """Render ``blocks`` and print them; returns the printer's final status.

        ``uri``, ``paper_mm`` and ``mode`` override the config's printer
        settings. Runs on the printer worker thread only
        (:class:`drivers.printer.worker.PrinterWorker`). Raises
        :class:`drivers.printer.errors.PrinterError` (stable ``code``) on any
        printer problem, ``ValueError`` if no printer is set.
        """
        p = config.printer
        uri = uri or p.uri
        if not uri:
            raise ValueError("no printer configured (printer.uri)")
        # Fonts are found and loaded for this job and released with it (kiosk memory:
        # a terminal prints a few receipts a day; loading takes ~0.1 s).
        renderer = ReceiptRenderer(paper_dots(paper_mm or p.paper_mm), find_fonts())
        printer = ThermalPrinter(uri, width_dots=renderer.width,
                                 status_timeout_s=p.status_timeout_ms / 1000,
                                 job_timeout_s=p.job_timeout_s)
        with printer:
            if (mode or p.mode) == "text" and printer.uri.scheme != "png":
                return printer.print_job(text_job(
                    blocks, width_dots=renderer.width,
                    line_image=lambda t, s, b: renderer.render_line(t, s, bold=b)))
            return printer.print_image(renderer.render(blocks))

    def print_receipt(self, receipt: Receipt) -> PrintOutcome:
        """Print ``receipt``; never raises for printer trouble (the outcome says it).

        Printer worker thread only (see :meth:`send_blocks`).
        """
        text = offline_text(receipt)
        if not self._config.printer.uri:
            return PrintOutcome(False, None, "printer.none", text)
        try:
            status = self.send(receipt_blocks(receipt))
        except PrinterNotReadyError as exc:
            state = exc.status.state if exc.status else PrinterState.UNKNOWN
            return PrintOutcome(False, state, exc.code, text)
        except DisconnectedError as exc:
            return PrintOutcome(False, PrinterState.DISCONNECTED, exc.code, text)
        except PrinterError as exc:
            return PrintOutcome(False, None, exc.code, text)
        return PrintOutcome(True, status.state, "", text)
