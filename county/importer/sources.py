"""Reading department spreadsheets: CSV (UTF-8 with or without BOM, GB18030) and XLSX.

A file is a list of sheets (a CSV file is one sheet named ""); each sheet
yields its non-blank rows as ``(row number, cells)`` where the row number is
what the clerk sees in Excel or a text editor (the first line is row 1).
Which row is the header is not decided here (county/importer/layout.py).
Cells stay as the file gives them: text from CSV; str/int/float/datetime
from XLSX (openpyxl), so that dates typed as dates, Excel serial numbers and
ID numbers Excel turned into numbers all reach the checks as they are.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from county.errors import CountyError

__all__ = ["Sheet", "SourceError", "Workbook", "open_workbook"]


class SourceError(CountyError, ValueError):
    """A file that cannot be read as a table (format, encoding, no header)."""

    code = "import.source"


@dataclass
class Sheet:
    """One sheet: its name ("" for a CSV file), its non-blank rows, its row count if known."""

    name: str
    rows: Iterator[tuple[int, list[Any]]]
    total: int | None = None


@dataclass
class Workbook:
    """An opened file: its sheets in file order. Use as a context manager."""

    sheets: Iterator[Sheet]
    encoding: str
    close: Callable[[], None]
    """Release the file (call it even when the rows were not all read)."""

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _sniff_encoding(path: Path) -> str:
    """``utf-8-sig`` when the file is valid UTF-8 (BOM or not), else ``gb18030``.

    GB18030 (a superset of GBK) decodes any byte sequence, so it is only the
    fallback: a UTF-8 file read as GB18030 would silently become mojibake.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    with path.open("rb") as stream:
        try:
            while chunk := stream.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8-sig"


def _non_blank(numbered: Iterator[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
    for number, cells in numbered:
        try:  # CSV cells are text: one join, not a generator a row
            blank = not "".join(cells).strip()
        except TypeError:  # XLSX: numbers, dates
            blank = not any(str(c).strip() for c in cells)
        if not blank:
            yield number, cells


def _csv_book(path: Path) -> Workbook:
    encoding = _sniff_encoding(path)
    stream = path.open("r", encoding=encoding, newline="")
    try:
        sample = stream.read(8192)
        stream.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
    except Exception:
        stream.close()
        raise
    if not sample.strip():
        stream.close()
        raise SourceError(f"{path.name}: the file is empty")
    reader = csv.reader(stream, dialect)
    sheet = Sheet("", _non_blank(enumerate(reader, start=1)))
    return Workbook(iter([sheet]), encoding, stream.close)


#: openpyxl holds the whole shared-string table in memory, even in read-only mode: a
#: 1.5 MB workbook whose one shared string unpacks to 1.5 GiB took 3.26 GB. Real
#: department files stay far below these (a million rows: tens of MB of strings).
MAX_SHARED_STRINGS_BYTES = 128 << 20
#: Everything a workbook unpacks to; sheets are streamed, but not without bound.
MAX_XLSX_UNPACKED_BYTES = 4 << 30


def _check_xlsx_size(path: Path) -> None:
    """Refuse a workbook that unpacks to more than it can hold (a zip bomb) before
    openpyxl reads it; raises :class:`SourceError`."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(f"{path.name}: not a readable .xlsx file ({exc})") from None
    strings = sum(e.file_size for e in entries if e.filename.lower().endswith(
        "sharedstrings.xml"))
    total = sum(e.file_size for e in entries)
    if strings > MAX_SHARED_STRINGS_BYTES or total > MAX_XLSX_UNPACKED_BYTES:
        raise SourceError(f"{path.name}: the workbook unpacks to {total >> 20} MiB "
                          f"({strings >> 20} MiB of text), more than an import reads "
                          f"({MAX_SHARED_STRINGS_BYTES >> 20} MiB of text, "
                          f"{MAX_XLSX_UNPACKED_BYTES >> 30} GiB in all); save it as .csv")


def _xlsx_book(path: Path) -> Workbook:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency of the county extra
        raise SourceError("reading .xlsx needs openpyxl (the county extra)") from None
    _check_xlsx_size(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SourceError(f"{path.name}: not a readable .xlsx file ({exc})") from None

    def sheets() -> Iterator[Sheet]:
        for ws in book.worksheets:
            values = ws.iter_rows(values_only=True)
            rows = (["" if c is None else c for c in cells] for cells in values)
            yield Sheet(str(ws.title), _non_blank(enumerate(rows, start=1)),
                        ws.max_row or None)

    return Workbook(sheets(), "xlsx", book.close)


def open_workbook(path: Path) -> Workbook:
    """Open ``path`` by its suffix (.csv/.txt or .xlsx). Raises :class:`SourceError`."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    if suffix in (".csv", ".txt"):
        return _csv_book(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_book(path)
    if suffix == ".xls":
        raise SourceError(f"{path.name}: old .xls files are not read; save it as .xlsx or .csv")
    raise SourceError(f"{path.name}: unknown file type {suffix!r} (expected .csv or .xlsx)")
