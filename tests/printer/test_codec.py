"""Byte-level codecs: GS v 0 raster decoding and the emulator's DLE EOT detection."""

from __future__ import annotations

import pytest
from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from drivers.printer.emulator import StatusQueryParser
from drivers.printer.raster import RasterError, decode_raster, iter_raster


@st.composite
def bitmaps(draw: st.DrawFn) -> Image.Image:
    width = draw(st.integers(1, 80))
    height = draw(st.integers(1, 40))
    bits = draw(st.lists(st.booleans(), min_size=width * height, max_size=width * height))
    image = Image.new("1", (width, height), 1)
    image.putdata([0 if b else 255 for b in bits])
    return image


@settings(max_examples=60, deadline=None)
@given(bitmaps())
def test_raster_roundtrip_through_python_escpos(image: Image.Image) -> None:
    printer = Dummy()
    printer.image(image, impl="bitImageRaster", fragment_height=16)
    decoded = decode_raster(printer.output)
    # Rows are padded to whole bytes with white on the right.
    assert decoded.height == image.height and decoded.width == -(-image.width // 8) * 8
    back = decoded.crop((0, 0, image.width, image.height))
    assert ImageChops.difference(back.convert("L"), image.convert("L")).getbbox() is None
    if decoded.width > image.width:  # the padding prints nothing
        assert decoded.crop((image.width, 0, decoded.width, decoded.height)).getextrema() == \
            (255, 255)


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (b"\x1dv0\x00\x01\x00\x01\x00\x80", (8, 1)),           # one row, first dot black
        (b"\x1b@\x1dv0\x00\x02\x00\x02\x00\xff\x00\x00\xff", (16, 2)),  # after ESC @
    ],
    ids=["one-byte", "after-init"],
)
def test_raster_header(data: bytes, size: tuple[int, int]) -> None:
    [raster] = list(iter_raster(data))
    assert raster.image.size == size
    assert raster.image.getpixel((0, 0)) == 0


def test_cut_short_raster_is_an_error() -> None:
    with pytest.raises(RasterError, match="needs 4"):
        decode_raster(b"\x1dv0\x00\x02\x00\x02\x00\xff")
    with pytest.raises(RasterError, match="no raster"):
        decode_raster(b"\x1b@hello")


@pytest.mark.parametrize(
    ("chunks", "queries"),
    [
        ([b"\x10\x04\x01"], [1]),                                   # plain query
        ([b"\x10\x04\x01\x10\x04\x02\x10\x04\x04"], [1, 2, 4]),     # the driver's three
        ([b"\x10", b"\x04", b"\x04"], [4]),                         # split over reads
        # DLE EOT bytes inside raster data are image dots, not a query:
        ([b"\x1dv0\x00\x03\x00\x01\x00\x10\x04\x01\x10\x04\x02"], [2]),
        ([b"\x1dv0\x00\x03\x00", b"\x01\x00\x10\x04", b"\x01", b"\x10\x04\x04"], [4]),
        # …and inside a QR code's data (GS ( k pL pH …):
        ([b"\x1d(k\x03\x001P0\x10\x04\x01"], [1]),
        ([b"\x1d(k\x05\x001P0\x10\x04\x10\x04\x01"], [1]),
        ([b"text \x10\x05 more \x10\x04\x01"], [1]),                # other DLE commands
    ],
    ids=["query", "three", "split", "inside-raster", "inside-raster-split", "after-qr",
         "inside-qr", "other-dle"],
)
def test_status_query_parser(chunks: list[bytes], queries: list[int]) -> None:
    parser = StatusQueryParser()
    found: list[int] = []
    for chunk in chunks:
        found += parser.feed(chunk)
    assert found == queries
