"""XLSX workbooks built in memory, for the console's downloads.

Cells go through the one mechanism every county export uses
(kiosk.textsafe.spreadsheet_cell): a text cell that a spreadsheet would run
as a formula gets a leading apostrophe; characters XLSX cannot hold become
visible escapes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from kiosk.textsafe import spreadsheet_cell
from kiosk.timefmt import format_local

__all__ = ["XLSX_MIME", "xlsx_bytes"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return format_local(value)
    if isinstance(value, date | int | float):
        return value
    return spreadsheet_cell("" if value is None else str(value))


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
