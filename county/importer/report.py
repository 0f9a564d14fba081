"""What an import did (or would do): per file, per sheet, per row; and its exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from county.importer.layout import Column

__all__ = ["EXIT_IMPORTED", "EXIT_PARTIAL", "EXIT_REFUSED", "BadRow", "ImportResult",
           "SheetReport", "SkippedRow"]

#: Exit codes of `county import` (a dry run returns what the real run would).
EXIT_IMPORTED, EXIT_REFUSED, EXIT_PARTIAL = 0, 1, 2


@dataclass(frozen=True)
class BadRow:
    """A row refused (or warned about), with where it is and why (stable ``code``, message)."""

    file: str
    row: int
    code: str
    reason: str
    sheet: str = ""


@dataclass(frozen=True)
class SkippedRow:
    """A row that is not data: a total (合计) or footer (制表人 …) row, or an empty template row."""

    row: int
    word: str


@dataclass
class SheetReport:
    """One sheet: where its header was, what each column became, what its rows were."""

    name: str
    header_row: int | None = None
    header_detected: bool = True
    columns: list[Column] = field(default_factory=list)
    rows: int = 0
    good: int = 0
    bad: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    not_imported: str = ""
    """Why the sheet was left out (no recognisable header), "" when it was read."""

    def as_json(self) -> dict[str, Any]:
        """This sheet as a JSON-able dict."""
        return {"name": self.name, "header_row": self.header_row,
                "header_detected": self.header_detected, "rows": self.rows,
                "good": self.good, "bad": self.bad,
                "skipped": [{"row": s.row, "word": s.word} for s in self.skipped],
                "columns": [{"column": c.letter, "header": c.header, "field": c.field,
                             "note": c.note} for c in self.columns],
                "not_imported": self.not_imported}


@dataclass
class ImportResult:
    """What an import did (or would do, for a dry run)."""

    file: str
    rows: int = 0
    good: int = 0
    new: int = 0
    already_present: int = 0
    corrected: int = 0
    """Stored payments this file names with another 乡镇/村 (moved, not added)."""
    superseded: int = 0
    """Stored payments this file replaces (same person, item, period, department)."""
    withdrawn_before: int = 0
    """Rows matching payments withdrawn by hand: not brought back."""
    bad: list[BadRow] = field(default_factory=list)
    warnings: list[BadRow] = field(default_factory=list)
    warnings_accepted: bool = False
    imported: bool = False
    dry_run: bool = False
    skip_bad: bool = False
    reject_file: str | None = None
    batch: int | None = None
    sheets: list[SheetReport] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        """Whether the file is (or, for a dry run, would be) refused as a whole."""
        return bool((self.bad and not self.skip_bad)
                    or (self.warnings and not self.warnings_accepted))

    @property
    def exit_code(self) -> int:
        """0 every row imported; 1 refused, nothing stored; 2 imported, bad rows skipped.

        A dry run answers what the real run would.
        """
        if self.refused:
            return EXIT_REFUSED
        return EXIT_PARTIAL if self.bad else EXIT_IMPORTED

    def as_json(self) -> dict[str, Any]:
        """The result as a JSON-able dict (for ``--json``)."""
        return {"file": self.file, "rows": self.rows, "good": self.good, "new": self.new,
                "already_present": self.already_present, "corrected": self.corrected,
                "superseded": self.superseded, "withdrawn_before": self.withdrawn_before,
                "imported": self.imported, "dry_run": self.dry_run,
                "exit_code": self.exit_code, "batch": self.batch,
                "reject_file": self.reject_file,
                "bad": [_row_json(b) for b in self.bad],
                "warnings": [_row_json(w) for w in self.warnings],
                "sheets": [s.as_json() for s in self.sheets]}


def _row_json(b: BadRow) -> dict[str, Any]:
    return {"sheet": b.sheet, "row": b.row, "code": b.code, "reason": b.reason}


def default_reject_path(path: Path) -> Path:
    """Where ``--skip-bad`` writes bad rows unless told: FILE.rejects.csv beside the file."""
    return path.with_name(path.stem + ".rejects.csv")
