"""An import's batch record: the file, its digest, its counts, who imported it."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, insert

from county.importer.options import ImportOptions
from county.importer.report import ImportResult
from county.models import ImportBatch

__all__ = ["new_batch"]


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def new_batch(conn: Connection, path: Path, options: ImportOptions, result: ImportResult, *,
               now: datetime) -> int:
    """The import's batch record (its ``rows_new`` as counted so far)."""
    return int(conn.execute(insert(ImportBatch).values(
        file_name=path.name, file_sha256=_file_sha256(path), rows_total=result.rows,
        rows_new=result.new, rows_rejected=len(result.bad),
        rows_superseded=result.superseded, imported_by=options.actor,
        imported_at=now).returning(ImportBatch.id)).scalar_one())
