"""Render receipt blocks (kiosk.receipt) to a 1-bit image for a thermal head.

The image is exactly as wide as the head: 576 dots on 80 mm paper, 384 dots
on 58 mm paper (8 dots/mm, 203 dpi). Black pixels are 0 in Pillow's mode
``"1"``. Text is drawn with the CJK font set from :mod:`drivers.printer.fonts`
(per-character fallback, so rare characters in names print), amounts in large
type, and the QR code with ``qrcode`` at whole dots per module so phones read
it off thermal paper.

Pure CPU work on whichever thread calls it; no I/O except loading fonts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import qrcode
from PIL import Image, ImageDraw

from drivers.printer.fonts import FontSet, find_fonts
from kiosk.receipt.layout import Block, Gap, QrCode, Row, Rule, Size, Text

__all__ = ["PAPER_DOTS", "ReceiptRenderer", "default_fonts", "paper_dots"]

#: Printable dots across the head for each paper width in mm.
PAPER_DOTS = {80: 576, 58: 384}

# Type sizes in dots (8 dots = 1 mm). Body text is ≥ 3.25 mm tall even on
# 58 mm paper so that elderly readers manage without glasses; amounts are
# larger still.
_SIZES: dict[int, dict[Size, int]] = {
    576: {"small": 26, "body": 32, "large": 42, "title": 52},
    384: {"small": 22, "body": 26, "large": 32, "title": 40},
}
_MARGIN = 8          # dots kept blank at each edge: heads vary by a few dots
_THRESHOLD = 140     # grey level below which an anti-aliased pixel prints black
_QR_SHARE = 0.55     # QR code width as a share of the paper width
_NO_LINE_START = "，。、：；！？）》」』%.,:;!?)"
_TOKEN = re.compile(r"[A-Za-z0-9¥￥.,:*\-/+#%]+|\s+|.", re.S)


def paper_dots(width_mm: int) -> int:
    """Dots across the head for ``width_mm`` (80 or 58). Raises ``ValueError`` otherwise."""
    try:
        return PAPER_DOTS[width_mm]
    except KeyError:
        raise ValueError(f"unsupported paper width {width_mm!r} mm "
                         f"(supported: {', '.join(map(str, PAPER_DOTS))})") from None


@functools.cache
def default_fonts() -> FontSet:
    """The installed font set, found once per process. Raises ``FontMissingError``."""
    return find_fonts()


@dataclass(frozen=True)
class _Piece:
    """A horizontal strip of the receipt: its height and how to draw it at a y offset."""

    height: int
    draw: Callable[[ImageDraw.ImageDraw, int], None]


class ReceiptRenderer:
    """Draws blocks at one paper width. Reusable and thread-safe (no mutable state)."""

    def __init__(self, width_dots: int, fonts: FontSet | None = None) -> None:
        if width_dots not in _SIZES:
            raise ValueError(f"unsupported head width {width_dots!r} dots "
                             f"(supported: {', '.join(map(str, _SIZES))})")
        self.width = width_dots
        self.fonts = fonts or default_fonts()
        self._sizes = _SIZES[width_dots]
        self._inner = width_dots - 2 * _MARGIN

    # -- text measuring and drawing --

    def measure(self, text: str, size: Size = "body", *, bold: bool = False) -> float:
        """Width of ``text`` in dots."""
        px = self._sizes[size]
        return sum(self.fonts.font(face, px).getlength(run)
                   for face, run in self.fonts.runs(text, bold=bold))

    def _line_height(self, size: Size) -> int:
        return round(self._sizes[size] * 1.32)

    def _draw_text(self, draw: ImageDraw.ImageDraw, x: float, top: int, text: str, size: Size,
                   bold: bool) -> None:
        px = self._sizes[size]
        baseline = top + round(px * 1.08)
        for face, run in self.fonts.runs(text, bold=bold):
            font = self.fonts.font(face, px)
            draw.text((x, baseline), run, font=font, fill=0, anchor="ls")
            x += font.getlength(run)

    def wrap(self, text: str, size: Size = "body", *, bold: bool = False,
             width: float | None = None) -> list[str]:
        """``text`` broken into lines no wider than ``width`` (default: the printable width).

        Breaks between CJK characters and at spaces, keeps ASCII words and
        numbers whole where they fit, and never starts a line with closing
        punctuation.
        """
        limit = self._inner if width is None else width
        lines: list[str] = []
        current = ""
        for token in _TOKEN.findall(text):
            candidate = current + token
            if self.measure(candidate.rstrip(), size, bold=bold) <= limit:
                current = candidate
                continue
            if token in _NO_LINE_START and len(current.rstrip()) > 1:
                # Closing punctuation may not start a line: take the character
                # before it along to the next line.
                kept = current.rstrip()
                lines.append(kept[:-1].rstrip())
                current = kept[-1] + token
            elif current.strip():
                lines.append(current.rstrip())
                current = token.lstrip()
            else:
                current = token.lstrip()
            # A token wider than a whole line (a very long number) is cut by character.
            while current and self.measure(current, size, bold=bold) > limit:
                cut = len(current) - 1
                while cut > 1 and self.measure(current[:cut], size, bold=bold) > limit:
                    cut -= 1
                lines.append(current[:cut])
                current = current[cut:]
        if current.strip() or not lines:
            lines.append(current.rstrip())
        return lines

    # -- blocks --

    def _text_piece(self, block: Text) -> _Piece:
        lines = self.wrap(block.text, block.size, bold=block.bold)
        lh = self._line_height(block.size)

        def draw(d: ImageDraw.ImageDraw, y: int) -> None:
            for i, line in enumerate(lines):
                w = self.measure(line, block.size, bold=block.bold)
                x = {"left": _MARGIN, "center": (self.width - w) / 2,
                     "right": self.width - _MARGIN - w}[block.align]
                self._draw_text(d, x, y + i * lh, line, block.size, block.bold)

        return _Piece(lh * len(lines), draw)

    def _row_piece(self, block: Row) -> _Piece:
        gap = self._sizes[block.size]
        right_w = self.measure(block.right, block.size, bold=block.bold)
        lines = self.wrap(block.left, block.size, bold=block.bold)
        last_w = self.measure(lines[-1], block.size, bold=block.bold)
        if block.right and last_w + gap + right_w > self._inner:
            lines.append("")
        lh = self._line_height(block.size)

        def draw(d: ImageDraw.ImageDraw, y: int) -> None:
            for i, line in enumerate(lines):
                self._draw_text(d, _MARGIN, y + i * lh, line, block.size, block.bold)
            if block.right:
                self._draw_text(d, self.width - _MARGIN - right_w, y + (len(lines) - 1) * lh,
                                block.right, block.size, block.bold)

        return _Piece(lh * len(lines), draw)

    def _rule_piece(self, block: Rule) -> _Piece:
        thickness = 3 if block.heavy else 1
        pad = 8 if block.heavy else 5

        def draw(d: ImageDraw.ImageDraw, y: int) -> None:
            d.rectangle((_MARGIN, y + pad, self.width - _MARGIN - 1, y + pad + thickness - 1),
                        fill=0)

        return _Piece(2 * pad + thickness, draw)

    def _qr_piece(self, block: QrCode) -> _Piece:
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(block.data)
        code.make(fit=True)
        matrix: list[list[bool]] = code.get_matrix()
        n = len(matrix)
        box = max(2, int(self.width * _QR_SHARE) // (n + 8))  # + 4-module quiet zone each side
        side = n * box
        caption = self._text_piece(Text(block.caption, "small", "center"))
        quiet = 4 * box

        def draw(d: ImageDraw.ImageDraw, y: int) -> None:
            left = (self.width - side) // 2
            top = y + quiet
            for r, row in enumerate(matrix):
                for c, dark in enumerate(row):
                    if dark:
                        d.rectangle((left + c * box, top + r * box,
                                     left + (c + 1) * box - 1, top + (r + 1) * box - 1), fill=0)
            caption.draw(d, top + side + quiet // 2)

        return _Piece(side + quiet + quiet // 2 + caption.height, draw)

    def _piece(self, block: Block) -> _Piece:
        if isinstance(block, Text):
            return self._text_piece(block)
        if isinstance(block, Row):
            return self._row_piece(block)
        if isinstance(block, Rule):
            return self._rule_piece(block)
        if isinstance(block, QrCode):
            return self._qr_piece(block)
        if isinstance(block, Gap):
            return _Piece(round(self._line_height("body") * block.lines), lambda d, y: None)
        raise TypeError(f"unknown receipt block {block!r}")

    def render(self, blocks: Sequence[Block]) -> Image.Image:
        """The blocks drawn top to bottom: a mode-``"1"`` image ``width`` dots wide."""
        pieces = [self._piece(b) for b in blocks]
        height = max(1, sum(p.height for p in pieces))
        canvas = Image.new("L", (self.width, height), 255)
        draw = ImageDraw.Draw(canvas)
        y = 0
        for piece in pieces:
            piece.draw(draw, y)
            y += piece.height
        return canvas.point(lambda v: 255 if v >= _THRESHOLD else 0).convert("1", dither=None)

    def render_line(self, text: str, size: Size = "body", *, bold: bool = False) -> Image.Image:
        """One paragraph as an image (text mode sends lines the printer's font lacks this way)."""
        return self.render([Text(text, size, bold=bold)])
