"""``GET /api/v1/ledger/images/{sha256}``: a voucher image of the terminal's own village.

Resumable: ``Range: bytes=START-`` answers 206 with the rest. An image is
served only to a terminal whose village has a live ledger entry or a live
project stage (村级工程, whose document images share this route) naming it, so
a hash seen elsewhere opens nothing.
"""

from __future__ import annotations

import re

from fastapi import Response
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, and_, or_, select

from county.ledger.models import LedgerEntry, LedgerImage
from county.ledger.wire import OWN_VILLAGE
from county.projects.models import VillageProject
from county.projects.wire import OWN_VILLAGE as OWN_VILLAGE_PROJECTS
from county.releases.download import RangeNotSatisfiable, part_of
from county.scope import TerminalScope
from sync.protocol import ErrorCode

__all__ = ["image_response"]

_SHA = re.compile(r"^[0-9a-f]{64}$")


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None
           ) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                        headers=headers)


def image_response(engine: Engine, who: TerminalScope, sha256: str,
                   range_header: str | None) -> Response:
    """The image bytes (200, or 206 for a Range), 404 when not this village's, 416 past end."""
    if not _SHA.match(sha256):
        return _error(404, ErrorCode.NOT_FOUND, "no such voucher image")
    with engine.connect() as conn:
        data = conn.execute(
            select(LedgerImage.data).where(
                LedgerImage.sha256 == sha256,
                or_(select(LedgerEntry.id).where(and_(
                    OWN_VILLAGE, LedgerEntry.image_sha256 == sha256,
                    LedgerEntry.deleted.is_(False))).exists(),
                    # a stage's image_sha256 in the project's JSON body: the quoted hash
                    select(VillageProject.id).where(and_(
                        OWN_VILLAGE_PROJECTS, VillageProject.deleted.is_(False),
                        VillageProject.body.contains(f'"{sha256}"'))).exists())),
            who.params()).scalar()
    if data is None:
        return _error(404, ErrorCode.NOT_FOUND, "no such voucher image for this terminal")
    size = len(data)
    try:
        part = part_of(size, f'"{sha256}"', range_header)
    except RangeNotSatisfiable as exc:
        return _error(416, ErrorCode.RANGE, str(exc), {"Content-Range": f"bytes */{size}"})
    return Response(data[part.start:part.start + part.length], status_code=part.status,
                    media_type="image/jpeg", headers=part.headers)
