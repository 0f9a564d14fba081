"""The reject file of `county import --skip-bad`: the bad rows as the department sent them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from county.exports import write_table
from county.importer.cells import cell_text
from county.importer.report import BadRow

__all__ = ["write_rejects"]


def write_rejects(path: Path, rejected: list[tuple[str, list[str], list[Any], BadRow]]) -> None:
    """The bad rows with their cells plus 原行号 and 错误原因 (CSV, or XLSX if ``path`` ends
    in .xlsx), through county.exports: formulas neutralised, created 0600.

    A workbook's rows also name their sheet (工作表, first column); each
    sheet's section starts with that sheet's header. The file goes back to
    the department for correction, so it holds the original cells, ID
    numbers included.
    """
    def lines() -> Iterator[list[Any]]:
        current: str | None = None
        for sheet, header, cells, bad in rejected:
            lead = [sheet] if sheet else []
            if sheet != current:
                yield [*(["工作表"] if sheet else []), *header, "原行号", "错误原因"]
                current = sheet
            yield [*lead, *(cell_text(c) for c in cells), bad.row, f"{bad.code}: {bad.reason}"]

    write_table(path, (), lines(), sheet="错误行")
