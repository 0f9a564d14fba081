"""ASGI middleware refusing request bodies above a size limit with 413 JSON.

A declared ``Content-Length`` above the limit is refused before reading; a
chunked body is read up to the limit and refused once it passes it, so a
terminal (or anyone) cannot make the server buffer megabytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import ErrorCode

__all__ = ["BodySizeLimit"]


class BodySizeLimit:
    """Wraps an ASGI app; ``max_bytes`` is the largest body accepted.

    ``limits`` maps exact paths to larger (or smaller) limits of their own,
    e.g. the console's file upload.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int,
                 limits: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.limits = dict(limits or {})

    async def _refuse(self, send: Send, limit: int) -> None:
        body = json.dumps({"error": {"code": ErrorCode.TOO_LARGE.value,
                                     "message": f"request body above {limit} bytes"}})
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body.encode("utf-8")})

    async def _drain(self, receive: Receive, declared: int, limit: int) -> None:
        """Read and drop the rest of a refused body, up to a cap.

        A client still sending when the server answers and closes gets a
        connection reset instead of the 413; draining a moderately large body
        lets it read the answer. Bodies above the cap are cut off regardless.
        """
        cap = 16 * limit
        if declared > cap:
            return
        read = declared
        while read <= cap:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                return
            read += len(message.get("body", b""))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope.get("path", ""), self.max_bytes)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = limit + 1
                if declared > limit:
                    await self._drain(receive, declared, limit)
                    await self._refuse(send, limit)
                    return
        # Read the whole body first (it is small by definition): an exception
        # raised while the app reads it would be turned into a 400 by FastAPI.
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)  # disconnected: let the app see it
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > limit:
                if message.get("more_body", False):
                    await self._drain(receive, seen, limit)
                await self._refuse(send, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
