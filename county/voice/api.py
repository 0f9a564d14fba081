"""The terminals' end of spoken complaints: ``GET``/``PUT /api/v1/complaints/{id}/voice``.

Wire format: sync/protocol/voice.py and docs/sync-protocol.md. The body of a
``PUT`` is raw bytes (``audio/ogg``), at most MAX_BODY_BYTES like every body.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from county.complaints import NoSuchComplaintError
from county.scope import TerminalScope
from county.voice.store import VoiceError, receive_piece, voice_state
from sync.protocol import API_PREFIX, ErrorBody
from sync.protocol.errors import ErrorCode
from sync.protocol.voice import CONTENT_TYPE, MAX_CLIP_BYTES, VoiceState

__all__ = ["install_voice_api"]

_STATUS = {ErrorCode.VOICE_OFFSET: 409, ErrorCode.VOICE_CHANGED: 409,
           ErrorCode.VOICE_REFUSED: 422}
ServerId = Annotated[str, Path(max_length=20)]


def _error(status: int, code: ErrorCode, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code.value, "message": message}}, status_code=status)


def install_voice_api(app: FastAPI, engine: Engine, *,
                      terminal: Callable[..., TerminalScope],
                      now: Callable[[], datetime]) -> None:
    """Add the two routes to ``app``; ``terminal`` is its authenticating dependency."""
    auth = Depends(terminal)  # a default, not Annotated: these annotations are strings
    path = f"{API_PREFIX}/complaints/{{server_id}}/voice"
    responses: dict[int | str, dict[str, object]] = {
        404: {"model": ErrorBody, "description": "no such complaint of this terminal"},
        409: {"model": ErrorBody, "description": "a piece beyond what the county holds, or "
                                                 "another size / SHA-256 than the upload's"},
        422: {"model": ErrorBody, "description": "the recording is refused"}}

    @app.get(path, response_model=VoiceState, responses=responses)
    def get_voice(server_id: ServerId, who: TerminalScope = auth) -> VoiceState | JSONResponse:
        """How much of the complaint's recording the county holds."""
        try:
            return voice_state(engine, server_id, terminal_id=who.terminal_id)
        except NoSuchComplaintError as exc:
            return _error(404, ErrorCode.NOT_FOUND, str(exc))

    @app.put(path, response_model=VoiceState, responses=responses)
    async def put_voice(request: Request, server_id: ServerId,
                        offset: Annotated[int, Query(ge=0, le=MAX_CLIP_BYTES)],
                        total: Annotated[int, Query(ge=1, le=MAX_CLIP_BYTES)],
                        sha256: Annotated[str, Query(min_length=64, max_length=64)],
                        who: TerminalScope = auth) -> VoiceState | JSONResponse:
        """Keep one piece of the complaint's recording (idempotent; module docstring)."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != CONTENT_TYPE:
            return _error(422, ErrorCode.VOICE_REFUSED,
                          f"content type {ctype or 'none'!r}; expected {CONTENT_TYPE}")
        body = await request.body()
        try:
            # The database work off the event loop, as FastAPI does for plain handlers.
            return await run_in_threadpool(
                receive_piece, engine, server_id, terminal_id=who.terminal_id, offset=offset,
                total=total, sha256=sha256, body=body, now=now())
        except NoSuchComplaintError as exc:
            return _error(404, ErrorCode.NOT_FOUND, str(exc))
        except VoiceError as exc:
            return _error(_STATUS[exc.error_code], exc.error_code, str(exc))
