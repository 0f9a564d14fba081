"""Decode ``GS v 0`` raster bit images from an ESC/POS byte stream back into an image.

The inverse of what python-escpos's ``image()`` sends: ``1D 76 30 m xL xH yL
yH d…`` with ``x`` bytes per row (8 dots a byte, MSB left, 1 = black) and
``y`` rows. Used by the PNG preview transport, the emulated printer and the
tests that compare the printed bytes with the rendered receipt. Pure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image

from drivers.printer.errors import PrinterError

__all__ = ["RASTER_HEADER", "RasterError", "RasterImage", "decode_raster", "iter_raster",
           "stack"]

RASTER_HEADER = b"\x1dv0"
_INVERT = bytes(range(255, -1, -1))


class RasterError(PrinterError, ValueError):
    """A raster command whose data is cut short, or no raster image at all."""

    code = "printer.bad_raster"


@dataclass(frozen=True)
class RasterImage:
    """One ``GS v 0`` command: where it starts in the stream and its image."""

    offset: int
    end: int
    mode: int
    image: Image.Image


def iter_raster(data: bytes) -> Iterator[RasterImage]:
    """Every ``GS v 0`` image in ``data``, in order; other bytes are skipped.

    Raises :class:`RasterError` if a command's data is shorter than its header says.
    """
    pos = 0
    while True:
        start = data.find(RASTER_HEADER, pos)
        if start < 0 or start + 8 > len(data):
            return
        mode = data[start + 3]
        width_bytes = data[start + 4] | data[start + 5] << 8
        rows = data[start + 6] | data[start + 7] << 8
        body = start + 8
        end = body + width_bytes * rows
        if end > len(data):
            raise RasterError(f"raster image at byte {start} needs {width_bytes * rows} data "
                              f"bytes, only {len(data) - body} follow")
        # Mode "1" raw data is also 8 pixels a byte, MSB first, but 1 = white:
        # invert the bytes instead of looping over pixels.
        raw = data[body:end].translate(_INVERT)
        image = Image.frombytes("1", (width_bytes * 8, rows), raw)
        yield RasterImage(start, end, mode, image)
        pos = end


def stack(images: list[Image.Image]) -> Image.Image:
    """Images one under the other (python-escpos sends tall images in fragments)."""
    if not images:
        raise RasterError("no raster image in the data")
    width = max(im.width for im in images)
    out = Image.new("1", (width, sum(im.height for im in images)), 1)
    y = 0
    for im in images:
        out.paste(im, (0, y))
        y += im.height
    return out


def decode_raster(data: bytes) -> Image.Image:
    """All raster images of ``data`` stacked into one mode-``"1"`` image.

    Raises :class:`RasterError` if there is none or one is cut short.
    """
    return stack([r.image for r in iter_raster(data)])
