"""The console's end of spoken complaints: the recording, for the complaint page's <audio>.

Served only to someone who may read the complaint (the same roles and township
scope as its page), never cached, with its own media type; each listening is
audited, as a recording is a villager's own voice.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from county.complaints import NoSuchComplaintError, get_complaint
from county.console.errors import Forbidden
from county.console.web import audit, engine_of, require
from county.voice.store import clip_of
from kiosk.voiceclip import CONTENT_TYPE

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
#: Who may listen: whoever may read complaints (county.console.complaints_page READERS).
LISTENERS = ("inspector", "township", "viewer")


def _recording(request: Request, sid: str) -> tuple[bytes, str]:
    who = require(request, *LISTENERS)
    engine = engine_of(request)
    try:
        c = get_complaint(engine, sid)
        who.township_filter(engine, c.township, what=f"/complaints/{c.server_id}/voice")
        data = clip_of(engine, c.server_id)
    except NoSuchComplaintError:
        raise Forbidden("没有这件投诉的录音，或无权查看。") from None
    audit(request, who, "complaint.listen", target=c.server_id, township=c.township)
    return data, c.server_id


@router.get("/complaints/{sid}/voice")
async def get_voice(request: Request, sid: str) -> Response:
    """The complaint's recording (``audio/ogg``)."""
    data, server_id = await run_in_threadpool(_recording, request, sid)
    return Response(data, media_type=CONTENT_TYPE, headers={
        "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f'inline; filename="{server_id}.opus"'})
