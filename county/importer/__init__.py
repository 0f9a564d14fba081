"""Importing department spreadsheets into the county database (`county import`)."""

from __future__ import annotations

from county.importer.payments import BadRow, ImportOptions, ImportResult, import_payments
from county.importer.sources import SourceError

__all__ = ["BadRow", "ImportOptions", "ImportResult", "SourceError", "import_payments"]
