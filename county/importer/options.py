"""How `county import` reads one file (the options the CLI and the console set)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Connection

__all__ = ["DEFAULT_MAX_FEN", "ImportOptions"]

#: Largest single payment accepted by default (fen): 500 000 yuan. A 危房改造
#: subsidy is a few 10 000 yuan; more than this is a typo (fen typed as yuan …).
DEFAULT_MAX_FEN = 500_000_00


@dataclass(frozen=True)
class ImportOptions:
    """How to read one file."""

    item: str | None = None
    """Item code or name for files without a 项目 column."""
    department: str | None = None
    """发放部门 for files without that column."""
    dry_run: bool = False
    skip_bad: bool = False
    accept_warnings: bool = False
    reject_file: Path | None = None
    column_map: Mapping[str, str] = field(default_factory=dict)
    max_fen: int = DEFAULT_MAX_FEN
    today: date | None = None
    """Rows dated after this are bad (default: the date of ``now``)."""
    header_row: int | None = None
    """The header's row number (as Excel shows it) instead of detecting it."""
    sheet: str | None = None
    """Only this sheet of a workbook (default: every sheet with a recognisable header)."""
    actor: str = ""
    """Who imports (recorded on the batch and on superseded payments' history)."""
    only_department: str | None = None
    """Rows of any other 发放部门 are bad rows (a department's own upload, web console)."""
    after_store: Callable[[Connection, int | None], None] | None = None
    """Called with the batch id in the import's transaction once the rows are stored (the
    collision rules, county/collision/imports.py); with ``dry_run`` the rows are stored,
    this is called, and everything is rolled back."""

