"""The complaint-filed screen shows the query code, the complaint receipt prints it
beside the ticket, and neither the log nor the print job's log carries it."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from PIL import Image, ImageChops
from pytestqt.qtbot import QtBot

from drivers.idcard.cardtext import IdCard
from drivers.printer.emulator import EmulatedPrinter
from drivers.printer.fonts import find_fonts
from drivers.printer.raster import decode_raster
from drivers.printer.render import ReceiptRenderer, paper_dots
from kiosk.config import Config
from kiosk.receipt import Text
from screens.kiosk_window import open_kiosk
from ui.viewmodels.printing import PrintState


def _found_in(printed: Image.Image, renderer: ReceiptRenderer, text: Text) -> bool:
    """Whether ``text``, rendered alone, appears pixel for pixel in ``printed``."""
    alone = renderer.render((text,)).convert("L")
    box = ImageChops.invert(alone).getbbox()
    assert box is not None
    ink = alone.crop(box)
    page = printed.convert("L")
    x0, _, x1, _ = box
    return any(ImageChops.difference(page.crop((x0, y, x1, y + ink.height)), ink).getbbox()
               is None for y in range(page.height - ink.height + 1))


def test_anonymous_filed_screen_and_receipt_show_the_code(
        qtbot: QtBot, kiosk_config: Config, card: IdCard, printer: EmulatedPrinter,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.click("complainButton")
        d.click("about_0")
        d.click("reason_other")
        d.find("complaintText").setProperty("text", "村干部吃拿卡要")
        d.wait_until(lambda: ui.app_model.complaint_model.text != "", what="text taken")
        d.click("textNext")
        d.click("noPhone")
        d.click("anonymous")
        d.click("submitComplaint")
        ticket, shown = d.text("ticketNo"), d.text("queryCode")
        assert d.truncated_texts() == []
        d.click("printTicket")
        d.wait_until(lambda: ui.app_model.print_model.state == PrintState.PRINTED.value,
                     timeout=60, what="the complaint receipt printed")
    con = sqlite3.connect(kiosk_config.store.path)
    [(stored, anonymous)] = con.execute(
        "SELECT query_code, anonymous FROM complaint WHERE ticket_no = ?", (ticket,)).fetchall()
    con.close()
    assert (shown, anonymous) == (stored, 1) and len(shown) == 6 and shown.isdigit()
    printed = decode_raster(printer.received)
    # Its own font set, not the process-wide one: other tests count font sets left alive.
    renderer = ReceiptRenderer(paper_dots(kiosk_config.printer.paper_mm), find_fonts())
    assert _found_in(printed, renderer, Text(f"投诉受理号：{ticket}", size="large", bold=True))
    assert _found_in(printed, renderer, Text(f"查询码：{shown}", size="title", bold=True))
    other = f"{(int(shown) + 1) % 10**6:06d}"
    assert not _found_in(printed, renderer, Text(f"查询码：{other}", size="title", bold=True))
    assert shown not in caplog.text
