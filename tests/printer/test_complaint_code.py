"""The complaint receipt carries the ticket and its query code, large, with the wording
telling the villager to keep it; the printed raster is exactly that layout."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops

from drivers.printer.emulator import EmulatedPrinter
from drivers.printer.printer import ThermalPrinter
from drivers.printer.raster import decode_raster
from drivers.printer.render import ReceiptRenderer
from kiosk.receipt import Text, receipt_blocks

from .conftest import lookup_result, make_receipt

TICKET = "DEMO01-000042"
CODE = "093715"


def _texts(blocks: tuple[object, ...]) -> list[Text]:
    return [b for b in blocks if isinstance(b, Text)]


def _differ(a: Image.Image, b: Image.Image) -> bool:
    return a.size != b.size or ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() \
        is not None


def test_the_code_is_laid_out_large_beside_the_ticket_with_keep_it_wording() -> None:
    receipt = make_receipt(lookup_result(range(2025, 2027), monthly=False), ticket=TICKET,
                           query_code=CODE)
    texts = _texts(receipt_blocks(receipt))
    [ticket] = [t for t in texts if TICKET in t.text]
    [code] = [t for t in texts if CODE in t.text]
    assert (code.text, code.size, code.bold) == (f"查询码：{CODE}", "title", True)
    assert texts.index(code) == texts.index(ticket) + 1
    wording = texts[texts.index(code) + 1].text
    assert "保管" in wording and "查询投诉" in wording and "不用身份证" in wording


def test_no_ticket_no_code_even_if_one_was_given() -> None:
    receipt = make_receipt(lookup_result(range(2025, 2027), monthly=False), query_code=CODE)
    assert receipt.complaint_query_code == ""
    assert not [t for t in _texts(receipt_blocks(receipt)) if "查询码" in t.text]


def test_a_ticket_without_a_code_keeps_the_old_wording() -> None:
    receipt = make_receipt(lookup_result(range(2025, 2027), monthly=False), ticket=TICKET)
    texts = [t.text for t in _texts(receipt_blocks(receipt))]
    assert "凭此号可在本机查询办理结果。" in texts
    assert not [t for t in texts if "查询码" in t]


@pytest.mark.parametrize("width", [576, 384])
def test_printed_bytes_decode_to_the_receipt_with_this_code(
        emulator: EmulatedPrinter, renderers: dict[int, ReceiptRenderer], width: int) -> None:
    result = lookup_result(range(2025, 2027), monthly=False)
    receipt = make_receipt(result, ticket=TICKET, query_code=CODE)
    image = renderers[width].render(receipt_blocks(receipt))
    with ThermalPrinter(emulator.uri, width_dots=width, status_timeout_s=10.0) as printer:
        printer.print_image(image)
    printed = decode_raster(emulator.received).crop((0, 0, image.width, image.height))
    assert not _differ(printed, image)
    # The code really is on the paper: another code (or none) prints other pixels.
    other = make_receipt(result, ticket=TICKET, query_code="093716")
    assert _differ(printed, renderers[width].render(receipt_blocks(other)))
    plain = make_receipt(result, ticket=TICKET)
    assert _differ(printed, renderers[width].render(receipt_blocks(plain)))
