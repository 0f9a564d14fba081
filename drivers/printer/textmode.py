"""GB18030 text mode: send receipt blocks as characters for the printer's own font.

Much less data than a raster image (a line of text is tens of bytes instead of
thousands), which matters on a 9600-baud serial line (docs/printing.md has
the numbers). Chinese printers' built-in fonts cover GB2312/GBK only, so:

- ``¥`` (four bytes in GB18030, garbled by GBK printers) is sent as the
  full-width ``￥``;
- a line with any character outside GBK (䶮, 𠮷 in names) is sent as a small
  raster image drawn by the renderer instead, so rare characters never turn
  into garbage or boxes;
- the QR code is the printer's native 2-D code (``GS ( k``, python-escpos
  ``qr(native=True)``).

Styles and cuts go through python-escpos (``set``, ``qr``, ``cut``,
``image``); only the text bytes themselves are written raw, because
python-escpos's ``text()`` switches single-byte code pages for lines without
Han characters, which Chinese-mode printers misread.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from escpos.constants import QR_ECLEVEL_M
from PIL import Image

from kiosk.receipt.layout import Block, Gap, QrCode, Row, Rule, Size, Text

__all__ = ["COLUMNS", "encode_line", "text_job", "text_width", "wrap_columns"]

#: Font A (12×24 dots) columns per paper width in dots.
COLUMNS = {576: 48, 384: 32}
_SELECT_CHINESE = b"\x1c\x26"  # FS &: Chinese character mode (GB2312/GBK printers)


def text_width(text: str) -> int:
    """Columns ``text`` takes in the printer font (CJK and full-width: 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_columns(text: str, columns: int) -> list[str]:
    """``text`` broken into lines of at most ``columns`` columns (by character)."""
    lines: list[str] = []
    current = ""
    for char in text:
        if current and text_width(current + char) > columns:
            lines.append(current)
            current = ""
        current += char
    lines.append(current)
    return lines


def encode_line(text: str) -> bytes | None:
    """``text`` as bytes for a GBK printer font, or None if some character has none."""
    try:
        return text.replace("¥", "￥").encode("gbk")
    except UnicodeEncodeError:
        return None


def _style(size: Size) -> dict[str, bool]:
    return {"double_height": size in ("large", "title"), "double_width": size == "title",
            "normal_textsize": size in ("small", "body")}


def text_job(blocks: Sequence[Block], *, width_dots: int,
             line_image: Callable[[str, Size, bool], Image.Image]) -> Callable[[Any], None]:
    """A job for ``ThermalPrinter.print_job``: the blocks in text mode.

    ``line_image(text, size, bold)`` draws a line that the printer font
    cannot (the renderer's ``render_line``).
    """
    columns = COLUMNS[width_dots]

    def send_line(p: Any, line: str, size: Size, bold: bool) -> None:
        data = encode_line(line)
        if data is None:
            p.image(line_image(line, size, bold), impl="bitImageRaster")
        else:
            p._raw(data + b"\n")

    def job(p: Any) -> None:
        p.hw("INIT")
        p._raw(_SELECT_CHINESE)
        for block in blocks:
            if isinstance(block, Text):
                p.set(align=block.align, bold=block.bold, **_style(block.size))
                cols = columns // 2 if block.size == "title" else columns
                for line in wrap_columns(block.text, cols):
                    send_line(p, line, block.size, block.bold)
            elif isinstance(block, Row):
                p.set(align="left", bold=block.bold, **_style(block.size))
                lines = wrap_columns(block.left, columns)
                right = block.right.replace("¥", "￥")
                if text_width(lines[-1]) + 1 + text_width(right) > columns:
                    lines.append("")
                lines[-1] += " " * (columns - text_width(lines[-1]) - text_width(right)) + right
                for line in lines:
                    send_line(p, line, block.size, block.bold)
            elif isinstance(block, Rule):
                p.set(align="left", bold=False, normal_textsize=True)
                p._raw(("=" if block.heavy else "-").encode("ascii") * columns + b"\n")
            elif isinstance(block, Gap):
                p.ln(max(1, round(block.lines)))
            elif isinstance(block, QrCode):
                p.set(align="center", bold=False, normal_textsize=True)
                p.qr(block.data, ec=QR_ECLEVEL_M, size=6 if width_dots >= 576 else 4,
                     native=True)
                send_line(p, block.caption, "small", False)
        p.set(align="left", bold=False, normal_textsize=True)
        p.cut()

    return job
