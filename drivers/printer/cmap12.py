"""The code points of a font's format 12 character map, read straight from the table.

fontTools builds a dict of every code point to a glyph name; Noto Sans CJK
maps ~44 000 code points, and building that dict took ~0.07 s per face — most
of a receipt's first render in `kiosk print`. Coverage needs only the set,
which the format 12 subtable (Windows UCS-4 or Unicode full repertoire) holds
as ranges: expanded, that takes a few milliseconds. Fonts without one are read
by fontTools as before (drivers/printer/fonts.py).
"""

from __future__ import annotations

import struct

__all__ = ["format12_code_points"]

#: (platform, encoding) of the subtables fontTools' getBestCmap prefers, best first.
_FULL_REPERTOIRE = ((3, 10), (0, 6), (0, 4))


def format12_code_points(table: bytes) -> frozenset[int] | None:
    """The code points of the best full-repertoire format 12 subtable of a ``cmap`` table,
    or None if it has none (or the table is not what it claims)."""
    try:
        _, count = struct.unpack_from(">HH", table, 0)
        offsets: dict[tuple[int, int], int] = {}
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * i)
            offsets.setdefault((platform, encoding), offset)
        for key in _FULL_REPERTOIRE:
            offset = offsets.get(key)
            if offset is None or struct.unpack_from(">H", table, offset)[0] != 12:
                continue
            (groups,) = struct.unpack_from(">I", table, offset + 12)
            points: set[int] = set()
            for start, end, _glyph in struct.iter_unpack(
                    ">III", table[offset + 16:offset + 16 + 12 * groups]):
                points.update(range(start, end + 1))
            return frozenset(points)
    except struct.error:
        return None
    return None
