"""Importing department spreadsheets into the county database (`county import`)."""

from __future__ import annotations

from county.importer.layout import LayoutError
from county.importer.payments import ImportOptions, import_payments
from county.importer.report import BadRow, ImportResult
from county.importer.sources import SourceError

__all__ = ["BadRow", "ImportOptions", "ImportResult", "LayoutError", "SourceError",
           "import_payments"]
