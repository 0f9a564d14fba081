"""Tables the county writes for people to open in a spreadsheet: CSV or XLSX.

Every export (complaints, an import's reject file) goes through
:func:`write_table`, so each one gets the same three guarantees: a cell that a
spreadsheet would run as a formula (``= + - @``, tab, CR at the start) is
written as text; characters XLSX cannot hold are written as visible escapes
instead of aborting the export; and the file is created mode 0600 (exports
hold names, phone numbers and ID numbers), replacing any earlier file
atomically, so a failure leaves the old file or none, never half of one.
Rows are streamed (CSV through the csv module, XLSX through openpyxl's
write-only workbook), so an export's size is not bounded by memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from county.errors import CountyError
from kiosk.files import atomic_writer
from kiosk.textsafe import spreadsheet_cell

__all__ = ["EXPORT_SUFFIXES", "ExportFormatError", "write_table"]

#: File name endings :func:`write_table` understands.
EXPORT_SUFFIXES = (".csv", ".xlsx")


class ExportFormatError(CountyError, ValueError):
    """The output file name ends in neither .csv nor .xlsx."""

    code = "export.format"


def _write_csv(handle: BinaryIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    # UTF-8 with a BOM: Excel on a county office PC then reads the Chinese right.
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    if header:
        writer.writerow([spreadsheet_cell(c) for c in header])
    for row in rows:  # streamed: a reject file may have a million rows
        writer.writerow([spreadsheet_cell(c) for c in row])
    text.flush()
    text.detach()  # the handle stays open for atomic_writer to fsync and rename


def _write_xlsx(handle: BinaryIO, header: Sequence[str], rows: Iterable[Sequence[Any]],
                sheet: str) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)  # rows streamed to the file, not kept
    page = book.create_sheet(sheet)
    if header:
        page.append([spreadsheet_cell(c) for c in header])
    for row in rows:
        page.append([spreadsheet_cell(c) for c in row])
    book.save(handle)


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *,
                sheet: str = "Sheet1") -> None:
    """Write ``header`` (none if empty: the rows carry their own) and ``rows`` to ``path``
    as CSV or XLSX (by its suffix), mode 0600.

    Runs on the caller's thread; rows are consumed once, as they come, and the
    file replaces ``path`` atomically (kiosk.files.atomic_writer). Raises
    :class:`ExportFormatError` for another suffix (before anything is written),
    ``OSError`` when the file cannot be written.
    """
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ExportFormatError(f"{path.name}: an export must end in .csv or .xlsx")
    with atomic_writer(path, mode=0o600) as handle:
        if suffix == ".csv":
            _write_csv(handle, header, rows)
        else:
            _write_xlsx(handle, header, rows, sheet)
