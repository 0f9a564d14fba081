"""The fast format 12 cmap reader agrees with fontTools (drivers/printer/cmap12.py)."""

from __future__ import annotations

import struct

from fontTools.ttLib import TTFont

from drivers.printer.cmap12 import format12_code_points
from drivers.printer.fonts import find_fonts


def test_same_code_points_as_fonttools_for_the_installed_faces() -> None:
    fonts = find_fonts()  # `make test` installs fonts-noto-cjk: missing fonts fail here
    compared = 0
    for face in (fonts.regular, fonts.bold, *fonts.fallbacks[:4]):
        with TTFont(str(face.path), fontNumber=face.index, lazy=True) as tt:
            fast = format12_code_points(tt.reader["cmap"])
            if fast is None:
                continue
            assert fast == frozenset(tt["cmap"].getBestCmap() or {}), face
            compared += 1
    assert compared, "no installed face has a format 12 cmap: the fast path went untested"


def test_a_table_without_format_12_is_left_to_fonttools() -> None:
    # One (3, 1) subtable of format 4: not ours to read.
    table = struct.pack(">HH", 0, 1) + struct.pack(">HHI", 3, 1, 12) + struct.pack(">H", 4)
    assert format12_code_points(table) is None
    assert format12_code_points(b"\x00") is None  # truncated


def test_ranges_are_expanded() -> None:
    sub = struct.pack(">HHIII", 12, 0, 16 + 24, 0, 2) + struct.pack(">III", 0x41, 0x43, 1) \
        + struct.pack(">III", 0x20BB7, 0x20BB7, 9)
    table = struct.pack(">HH", 0, 1) + struct.pack(">HHI", 3, 10, 12) + sub
    assert format12_code_points(table) == frozenset({0x41, 0x42, 0x43, 0x20BB7})
