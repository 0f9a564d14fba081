"""The small-update routes: a release's signed manifest, and its files by content hash.

``GET /api/v1/releases/{version}/manifest`` answers the bundle's
``manifest.json`` and ``manifest.sig`` (sync.protocol.release.delta
.ManifestAnswer); ``GET /api/v1/releases/{version}/files/{sha256}`` answers the
bytes of the listed file with that SHA-256, resumable with HTTP Range exactly
like the bundle (county/releases/download.py). Both need what the bundle
download needs: a terminal token and a release published (or pinned) for that
terminal. The files are served straight out of the stored bundle, so nothing
is stored twice and releases published before these routes existed are served
too.
"""

# No ``from __future__ import annotations``: FastAPI must see the route annotations as
# objects, and ``auth`` is a local of mount_release_files.
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy import Engine

from county.releases import release_for_download
from county.releases.download import RangeNotSatisfiable, bundle_intact, iter_file, part_of
from county.releases.offers import StoredBundle
from county.scope import TerminalScope
from sync.protocol import API_PREFIX, ErrorBody, ErrorCode
from sync.protocol.release import ReleaseError
from sync.protocol.release.delta import ManifestAnswer, locate_file, read_signed_manifest

__all__ = ["mount_release_files"]


def _error(status: int, code: str, message: str,
           headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                        headers=headers)


def mount_release_files(app: FastAPI, engine: Engine,
                        terminal: Callable[..., TerminalScope],
                        errors: dict[int | str, dict[str, Any]]) -> None:
    """Add the two routes to ``app``; ``terminal`` is the app's token dependency."""
    auth = Annotated[TerminalScope, Depends(terminal)]

    def stored_for(who: TerminalScope, version: str) -> StoredBundle | JSONResponse:
        with engine.connect() as conn:
            stored = release_for_download(conn, who, version)
        if stored is None:
            return _error(404, ErrorCode.NOT_FOUND,
                          f"release {version} is not published for this terminal")
        if not bundle_intact(stored.path, stored.size):
            return _error(503, ErrorCode.UNAVAILABLE,
                          f"the bundle file of release {version} is missing or damaged on "
                          "the server; tell county IT")
        return stored

    @app.get(f"{API_PREFIX}/releases/{{version}}/manifest", response_model=ManifestAnswer,
             responses={404: {"model": ErrorBody, "description": "no such release for this "
                                                                "terminal"},
                        401: errors[401], 422: errors[422]})
    def get_release_manifest(who: auth, version: Annotated[str, Path(max_length=40)]
                             ) -> ManifestAnswer | JSONResponse:
        """The signed manifest of a release offered to (or pinned for) this terminal: the
        hashes of its files, so the terminal fetches only those it does not hold."""
        stored = stored_for(who, version)
        if isinstance(stored, JSONResponse):
            return stored
        try:
            manifest, signature = read_signed_manifest(stored.path)
            return ManifestAnswer(manifest=manifest.decode("utf-8"),
                                  signature=signature.decode("ascii"))
        except (ReleaseError, OSError, UnicodeDecodeError) as exc:
            return _error(503, ErrorCode.UNAVAILABLE,
                          f"the bundle of release {version} cannot be read: {exc}")

    @app.get(f"{API_PREFIX}/releases/{{version}}/files/{{sha256}}",
             response_class=StreamingResponse,
             responses={200: {"content": {"application/octet-stream": {}},
                              "description": "the file (a wheel) with that SHA-256"},
                        206: {"content": {"application/octet-stream": {}},
                              "description": "the byte range asked for (Content-Range)"},
                        404: {"model": ErrorBody, "description": "no such release for this "
                                                                 "terminal, or no such file "
                                                                 "in it"},
                        416: {"model": ErrorBody, "description": "range past the end"},
                        401: errors[401], 422: errors[422]})
    def get_release_file(
        who: auth, version: Annotated[str, Path(max_length=40)],
        sha256: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")],
        range_: Annotated[str | None, Header(alias="range", max_length=200)] = None,
        if_range: Annotated[str | None, Header(max_length=200)] = None,
    ) -> Response:
        """One file of a release, by content hash; ``Range: bytes=START-`` resumes it."""
        stored = stored_for(who, version)
        if isinstance(stored, JSONResponse):
            return stored
        try:
            span = locate_file(stored.path, sha256)
        except (ReleaseError, OSError, ValueError) as exc:
            return _error(503, ErrorCode.UNAVAILABLE,
                          f"the bundle of release {version} cannot be read: {exc}")
        if span is None:
            return _error(404, ErrorCode.NOT_FOUND,
                          f"release {version} lists no file with SHA-256 {sha256}")
        try:
            part = part_of(span.size, f'"{sha256}"', range_, if_range)
        except RangeNotSatisfiable as exc:
            return _error(416, ErrorCode.RANGE, str(exc),
                          {"Content-Range": f"bytes */{span.size}"})
        return StreamingResponse(iter_file(stored.path, span.offset + part.start, part.length),
                                 status_code=part.status, media_type="application/octet-stream",
                                 headers=part.headers)
