"""Spreadsheet cells made safe, and XLSX workbooks built in memory.

One mechanism for every county export and reject file: a text cell that
starts like a formula (``=`` ``+`` ``@`` or ``-`` not followed by a digit)
gets a leading apostrophe so that a spreadsheet never runs it; characters
XLSX cannot hold (control characters a terminal may send) are dropped.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from kiosk.timefmt import format_local

__all__ = ["XLSX_MIME", "neutralise", "xlsx_bytes"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(text: str) -> str:
    """A cell neutralised for spreadsheets: a leading = + - @ would run as a formula."""
    risky = text[:1] in ("=", "+", "@") or (text[:1] == "-" and not text[1:2].isdigit())
    return "'" + text if risky else text


def _cell(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return format_local(value)
    if isinstance(value, date | int | float):
        return value
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def xlsx_bytes(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook of ``(title, header, rows)`` sheets, as bytes (nothing written to disk).

    Raises ``ImportError`` without openpyxl (the ``county`` extra).
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append([_cell(h) for h in header])
        for row in rows:
            sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
