"""HTTP client of the county API on a ``requests.Session``.

Every request has a connect and a read timeout; urllib3's ``Retry`` repeats a
request quickly on connect errors and 502/503/504 (honouring Retry-After), and
the daemon's own :class:`~sync.backoff.Backoff` paces anything longer. Every
answer is checked before it is believed: status, content type, size (read in
chunks, never more than the limit), JSON syntax and the pydantic model of
sync.protocol. Failures become :mod:`sync.errors` with precise messages that
never quote a body (bodies may hold personal data).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from kiosk import __version__
from kiosk.config import SyncConfig
from sync.errors import (
    NetworkError,
    ProtocolError,
    RateLimitedError,
    RejectedError,
    RevokedError,
    ServerError,
)
from sync.forward import known_page
from sync.protocol import (
    API_PREFIX,
    ChangesPage,
    ComplaintAnswer,
    ComplaintFeedback,
    ComplaintLookup,
    ComplaintSubmission,
    EnrollRequest,
    EnrollResponse,
    FeedbackAnswer,
    HeartbeatAnswer,
    HeartbeatRequest,
    LookupAnswer,
)
from sync.protocol.voice import CONTENT_TYPE as VOICE_CONTENT_TYPE
from sync.protocol.voice import VoiceState

if TYPE_CHECKING:
    from sync.protocol.release.delta import ManifestAnswer
    from sync.protocol.release.rotation import ReleaseKeyAnswer

__all__ = ["ClientSettings", "CountyClient", "describe_validation_error"]

_M = TypeVar("_M", bound=BaseModel)
_CHUNK = 64 * 1024
#: Longest single snapshot line accepted (bytes): a record is well under 4 KiB.
MAX_SNAPSHOT_LINE = 1024 * 1024
_NETWORK_ERRORS = (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                   requests.exceptions.ChunkedEncodingError,
                   requests.exceptions.ContentDecodingError)


@dataclass(frozen=True)
class ClientSettings:
    """Timeouts (seconds), quick retries and the largest JSON answer (bytes)."""

    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    retries: int = 2
    max_response_bytes: int = 8 * 1024 * 1024

    @classmethod
    def from_config(cls, config: SyncConfig) -> ClientSettings:
        """The settings of the ``[sync]`` config section."""
        return cls(config.connect_timeout_s, config.read_timeout_s, config.request_retries,
                   config.max_response_bytes)


def describe_validation_error(exc: ValidationError, *, limit: int = 3) -> str:
    """``loc: message`` of the first few problems, without the offending values."""
    problems = [f"{'.'.join(str(p) for p in e['loc']) or '(body)'}: {e['msg']}"
                for e in exc.errors(include_input=False, include_url=False)[:limit]]
    more = exc.error_count() - len(problems)
    return "; ".join(problems) + (f" (+{more} more)" if more > 0 else "")


class _Retry(Retry):
    # urllib3 also waits out a Retry-After on 413 and 429 inside the request; a 429
    # (the county's complaint cap: Retry-After up to an hour) must come back to the
    # outbox at once, which keeps the complaint and schedules it (RateLimitedError).
    RETRY_AFTER_STATUS_CODES = frozenset({503})


def _retry(total: int, *, statuses: bool) -> Retry:
    # Only errors that happen before the server saw the request (connect) or
    # answers a proxy gives when the server is away (502/503/504) are retried
    # here; every call this client makes is idempotent except enroll, which
    # asks for statuses=False.
    return _Retry(total=total, connect=total, read=total if statuses else 0,
                 status=total if statuses else 0, other=0, redirect=0,
                 allowed_methods=None, status_forcelist=(502, 503, 504) if statuses else (),
                 backoff_factor=0.5, backoff_max=8.0, backoff_jitter=0.5,
                 respect_retry_after_header=True, raise_on_status=False)


def _retry_after(response: requests.Response) -> float | None:
    """Seconds from a ``Retry-After: N`` header (at most a day), else None."""
    value = response.headers.get("Retry-After", "")
    return min(float(value), 86400.0) if value.isascii() and value.isdigit() else None


class CountyClient:
    """The terminal's view of ``/api/v1``; use as a context manager (closes the session).

    Not thread-safe: one daemon thread owns it. Raises the :mod:`sync.errors`
    classes named on each method.
    """

    def __init__(self, server_url: str, token: str | None, settings: ClientSettings, *,
                 unchanged: dict[str, tuple[str, str]] | None = None) -> None:
        """``unchanged``: where the last empty ``changes`` answer's (cursor, ETag) is
        kept, to outlive this client (the daemon makes one per cycle)."""
        self.base = server_url.rstrip("/") + API_PREFIX
        self.settings = settings
        self.timeout = (settings.connect_timeout_s, settings.read_timeout_s)
        self.session = self._session(token, statuses=True)
        #: "changes" -> (since, ETag) of the last empty answer: sent back as If-None-Match.
        self._unchanged = {} if unchanged is None else unchanged

    def _session(self, token: str | None, *, statuses: bool) -> requests.Session:
        session = requests.Session()
        adapter = HTTPAdapter(max_retries=_retry(self.settings.retries, statuses=statuses))
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers["User-Agent"] = f"village-kiosk-syncd/{__version__}"
        if token:
            session.headers["Authorization"] = f"Bearer {token}"
        return session

    def close(self) -> None:
        """Close pooled connections."""
        self.session.close()

    def __enter__(self) -> CountyClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- plumbing ------------------------------------------------------------------------

    def _send(self, session: requests.Session, method: str, path: str, *,
              params: dict[str, Any] | None = None,
              body: BaseModel | None = None,
              headers: dict[str, str] | None = None,
              exclude: set[str] | None = None,
              raw: tuple[str, bytes] | None = None) -> requests.Response:
        """Send one request; return the 2xx response (body not read yet).

        ``raw``: (content type, bytes) sent as the body instead of ``body``'s JSON.
        """
        what = f"{method} {path}"
        data = None if body is None else body.model_dump_json(exclude=exclude).encode("utf-8")
        if data is not None:
            headers = {**(headers or {}), "Content-Type": "application/json"}
        elif raw is not None:
            headers, data = {**(headers or {}), "Content-Type": raw[0]}, raw[1]
        try:
            response = session.request(method, self.base + path, params=params, data=data,
                                       headers=headers, timeout=self.timeout, stream=True)
        except _NETWORK_ERRORS as exc:
            raise NetworkError(f"{what}: {_reason(exc)}") from None
        except requests.exceptions.RequestException as exc:
            raise NetworkError(f"{what}: {type(exc).__name__}") from None
        if response.status_code < 300 or response.status_code == 304:
            return response  # 304 only ever answers an If-None-Match (``changes``)
        try:
            code, message = self._error_of(response)
        finally:
            response.close()
        status = response.status_code
        if status == 401:
            raise RevokedError(f"{what}: 401 {code}: {message}")
        if status >= 500:
            raise ServerError(f"{what}: HTTP {status} {code}: {message}")
        if status == 429:
            raise RateLimitedError(f"{what}: HTTP 429 {code}: {message}", code=code,
                                   retry_after_s=_retry_after(response))
        raise RejectedError(f"{what}: HTTP {status} {code}: {message}", code=code,
                            status=status)

    def _error_of(self, response: requests.Response) -> tuple[str, str]:
        """(code, message) of an error answer; tolerant of proxies' HTML pages."""
        try:
            raw = _read_limited(response, 16 * 1024, what="error body")
            error = json.loads(raw)["error"]
            return str(error["code"])[:60], str(error["message"])[:200]
        except (ProtocolError, NetworkError, ValueError, KeyError, TypeError):
            return f"http.{response.status_code}", response.reason or "no error body"

    def _json(self, response: requests.Response, model: type[_M], what: str, *,
              prepare: Callable[[Any], Any] | None = None) -> _M:
        """Read, parse and validate a JSON answer into ``model`` (after ``prepare`` of the
        parsed JSON, when given)."""
        with response:
            ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if ctype != "application/json":
                raise ProtocolError(f"{what}: expected application/json, got {ctype or 'none'!r}")
            raw = _read_limited(response, self.settings.max_response_bytes, what=what)
        try:
            data = json.loads(raw)
        except UnicodeDecodeError as exc:
            raise ProtocolError(f"{what}: body is not UTF-8 (byte {exc.start})") from None
        except json.JSONDecodeError as exc:
            raise ProtocolError(f"{what}: body is not JSON: {exc.msg} at line {exc.lineno} "
                                f"column {exc.colno} ({len(raw)} bytes)") from None
        if prepare is not None:
            data = prepare(data)
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise ProtocolError(f"{what}: {model.__name__} invalid: "
                                f"{describe_validation_error(exc)}") from None

    # --- endpoints -----------------------------------------------------------------------

    def enroll(self, code: str, *, terminal_code: str = "") -> EnrollResponse:
        """``POST /enroll``. Not retried once the request may have reached the server
        (the code is single-use). Raises RejectedError (403 ``enroll.invalid_code``),
        NetworkError, ServerError, ProtocolError."""
        session = self._session(None, statuses=False)
        try:
            response = self._send(session, "POST", "/enroll",
                                  body=EnrollRequest(code=code, version=__version__,
                                                     terminal_code=terminal_code))
            return self._json(response, EnrollResponse, "POST /enroll")
        finally:
            session.close()

    def changes(self, since: str | None, limit: int) -> ChangesPage:
        """``GET /changes?since=…&limit=…``: one validated page.

        Polling again from the cursor of an empty answer sends its ETag back; the
        server's 304 (nothing new) becomes an empty page at the same cursor, as of
        the answer's ``Date`` (docs/sync-protocol.md, "Empty polls, ETag and 304").
        """
        params: dict[str, Any] = {"limit": limit}
        headers = None
        if since is not None:
            params["since"] = since
            last = self._unchanged.get("changes")
            if last is not None and last[0] == since:
                headers = {"If-None-Match": last[1]}
        what = f"GET /changes since={since}"
        response = self._send(self.session, "GET", "/changes", params=params, headers=headers)
        if response.status_code == 304:
            response.close()
            if since is None or headers is None:
                raise ProtocolError(f"{what}: 304 to a request without If-None-Match")
            return _unchanged_page(since, response.headers.get("Date"), what)
        etag = response.headers.get("ETag")
        # What a newer county added (sections, fields, tombstone entities) is skipped with a
        # log line; what this terminal knows is checked as strictly as ever.
        page = self._json(response, ChangesPage, what, prepare=known_page)
        if since is not None and etag and len(etag) <= 100 and page.next_cursor == since:
            self._unchanged["changes"] = (since, etag)
        else:
            self._unchanged.pop("changes", None)
        return page

    def post_complaint(self, submission: ComplaintSubmission) -> ComplaintAnswer:
        """``POST /complaints`` (safe to repeat: the idempotency key dedups)."""
        # A complaint without a query code is sent without the field: a county older than
        # query codes refuses unknown fields.
        response = self._send(self.session, "POST", "/complaints", body=submission,
                              exclude=None if submission.query_code else {"query_code"})
        return self._json(response, ComplaintAnswer, "POST /complaints")

    def post_feedback(self, server_id: str, feedback: ComplaintFeedback) -> FeedbackAnswer:
        """``POST /complaints/{server_id}/feedback`` (safe to repeat: the key dedups)."""
        path = f"/complaints/{quote(server_id, safe='')}/feedback"
        response = self._send(self.session, "POST", path, body=feedback)
        return self._json(response, FeedbackAnswer, f"POST {path}")

    def voice_state(self, server_id: str) -> VoiceState:
        """``GET /complaints/{server_id}/voice``: how much of its recording the county holds."""
        path = f"/complaints/{quote(server_id, safe='')}/voice"
        return self._json(self._send(self.session, "GET", path), VoiceState, f"GET {path}")

    def put_voice_piece(self, server_id: str, *, offset: int, total: int, sha256: str,
                        piece: bytes) -> VoiceState:
        """``PUT /complaints/{server_id}/voice``: one piece of a recording (safe to repeat).

        Raises RejectedError (404, 409 ``voice.offset_mismatch`` / ``voice.changed``,
        422 ``voice.refused``), NetworkError, ServerError.
        """
        path = f"/complaints/{quote(server_id, safe='')}/voice"
        response = self._send(self.session, "PUT", path, raw=(VOICE_CONTENT_TYPE, piece),
                              params={"offset": offset, "total": total, "sha256": sha256})
        return self._json(response, VoiceState, f"PUT {path}")

    def lookup_complaint(self, ticket_no: str, query_code: str) -> LookupAnswer:
        """``POST /complaints/lookup``: where a complaint stands, by ticket and query code
        (the code is in the body only, never in a message). Raises RejectedError (404
        ``complaint.lookup_failed``), RateLimitedError (429), NetworkError, ServerError,
        ProtocolError, RevokedError."""
        body = ComplaintLookup(ticket_no=ticket_no, query_code=query_code)
        response = self._send(self.session, "POST", "/complaints/lookup", body=body)
        return self._json(response, LookupAnswer, "POST /complaints/lookup")

    def heartbeat(self, beat: HeartbeatRequest) -> HeartbeatAnswer:
        """``POST /heartbeat``."""
        response = self._send(self.session, "POST", "/heartbeat", body=beat)
        return self._json(response, HeartbeatAnswer, "POST /heartbeat")

    @contextmanager
    def release_chunks(self, url: str, offset: int) -> Iterator[tuple[int, Iterator[bytes]]]:
        """``GET /releases/V`` from byte ``offset`` on (HTTP Range): yields ``(start,
        chunks)`` where ``start`` is where the answer's bytes go (``offset`` for a 206
        answer, 0 when the server sent the whole file).

        ``url`` is the ReleaseInfo path (``/api/v1/releases/1.2.0``). A cut or stall
        while iterating raises NetworkError; a range past the end is RejectedError
        with status 416.
        """
        path = url.removeprefix(API_PREFIX)
        what = f"GET {path}"
        # identity: a byte range of a gzip-encoded answer would not be one of the file.
        headers = {"Accept-Encoding": "identity"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        response = self._send(self.session, "GET", path, headers=headers)
        with response:
            start = 0
            if response.status_code == 206:
                match = re.fullmatch(r"bytes (\d+)-\d+/(\d+|\*)",
                                     response.headers.get("Content-Range", ""))
                if match is None:
                    raise ProtocolError(f"{what}: 206 without a usable Content-Range")
                start = int(match.group(1))
            yield start, _chunks(response, what)

    def release_manifest(self, url: str) -> ManifestAnswer:
        """``GET /releases/V/manifest``: the signed manifest of the release at ``url`` (the
        ReleaseInfo path), to fetch only the files it lists that the terminal lacks (the
        files themselves: :meth:`release_chunks` of ``url + "/files/SHA256"``). A county
        without small updates answers 404: RejectedError with status 404."""
        from sync.protocol.release.delta import ManifestAnswer

        path = url.removeprefix(API_PREFIX) + "/manifest"
        response = self._send(self.session, "GET", path)
        return self._json(response, ManifestAnswer, f"GET {path}")

    def release_key(self) -> ReleaseKeyAnswer:
        """``GET /release-key``: the county's release key and its signed rotations
        (sync.release_key_fetch). A county without it answers 404: RejectedError."""
        from sync.protocol.release.rotation import ReleaseKeyAnswer

        response = self._send(self.session, "GET", "/release-key")
        return self._json(response, ReleaseKeyAnswer, "GET /release-key")

    @contextmanager
    def snapshot_lines(self, resume: str | None) -> Iterator[Iterator[bytes]]:
        """``GET /snapshot[?resume=TOKEN]``: yields an iterator of raw JSON lines
        (gzip undone, newline stripped), read from the socket as they come.

        A cut or stall while iterating raises NetworkError; a line longer than
        1 MiB raises ProtocolError.
        """
        params = {"resume": resume} if resume else None
        response = self._send(self.session, "GET", "/snapshot", params=params)
        with response:
            ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if ctype not in ("application/x-ndjson", "application/jsonl"):
                raise ProtocolError(f"GET /snapshot: expected application/x-ndjson, got "
                                    f"{ctype or 'none'!r}")
            yield _lines(response)


def _unchanged_page(since: str, date: str | None, what: str) -> ChangesPage:
    """The empty page a 304 stands for: same cursor, server time from ``Date``."""
    try:
        when = parsedate_to_datetime(date or "")
    except (TypeError, ValueError):
        raise ProtocolError(f"{what}: 304 without a valid Date header") from None
    return ChangesPage(benefit_items=[], settings=[], notices=[], household_members=[],
                       payments=[], tombstones=[], complaint_replies=[],
                       complaint_progress=[], next_cursor=since, has_more=False,
                       server_time=when)


def _chunks(response: requests.Response, what: str) -> Iterator[bytes]:
    try:
        yield from response.iter_content(_CHUNK)
    except _NETWORK_ERRORS as exc:
        raise NetworkError(f"{what}: stream broken: {_reason(exc)}") from None


def _lines(response: requests.Response) -> Iterator[bytes]:
    pending = b""
    try:
        for chunk in response.iter_content(_CHUNK):
            pending += chunk
            *whole, pending = pending.split(b"\n")
            yield from (line for line in whole if line)
            if len(pending) > MAX_SNAPSHOT_LINE:
                raise ProtocolError(f"GET /snapshot: a line longer than {MAX_SNAPSHOT_LINE} "
                                    "bytes")
    except _NETWORK_ERRORS as exc:
        raise NetworkError(f"GET /snapshot: stream broken: {_reason(exc)}") from None
    except zlib.error as exc:
        raise ProtocolError(f"GET /snapshot: bad gzip data: {exc}") from None
    if pending:
        raise NetworkError("GET /snapshot: stream ended inside a line")


def _read_limited(response: requests.Response, limit: int, *, what: str) -> bytes:
    """The body, refusing more than ``limit`` bytes (after gzip) without reading it all."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit and "Content-Encoding" not in response.headers:
        raise ProtocolError(f"{what}: answer of {int(length)} bytes is over the {limit}-byte "
                            "limit")
    parts: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise ProtocolError(f"{what}: answer is over the {limit}-byte limit")
            parts.append(chunk)
    except _NETWORK_ERRORS as exc:
        raise NetworkError(f"{what}: body broken: {_reason(exc)}") from None
    return b"".join(parts)


def _reason(exc: BaseException) -> str:
    """A short, stable-ish reason for a network failure (no URLs with tokens)."""
    text = str(exc)
    for needle, reason in (("Read timed out", "read timed out"),
                           ("ConnectTimeout", "connect timed out"),
                           ("timed out", "timed out"),
                           ("Connection refused", "connection refused"),
                           ("Connection reset", "connection reset"),
                           ("RemoteDisconnected", "server closed the connection"),
                           ("IncompleteRead", "answer cut short"),
                           ("Connection broken", "connection broken"),
                           ("Max retries exceeded", "retries exhausted")):
        if needle in text:
            return reason
    return type(exc).__name__
