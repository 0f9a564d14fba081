"""The county server's HTTP API (FastAPI), DESIGN.md §6.

Stateless apart from the database: several processes may serve one
PostgreSQL. Endpoints are plain ``def`` functions, which FastAPI runs in its
worker thread pool, because SQLAlchemy's engine here is synchronous.
Every error answers ``{"error": {"code", "message"}}`` with a stable code.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, suppress
from datetime import date, datetime
from typing import Annotated, Any

from anyio import to_thread
from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from county.bodylimit import BodySizeLimit
from county.changes import CursorError, build_page, parse_cursor
from county.complaint_flow.lookup import LookupFailed, LookupLimited, lookup
from county.complaint_flow.schedule import ESCALATE_EVERY_S, escalation_loop
from county.complaint_flow.service import feedback
from county.complaint_flow.states import ComplaintFlowError
from county.complaints import (
    DEFAULT_LIMITS,
    ComplaintConflictError,
    ComplaintLimits,
    ComplaintRateError,
    NoSuchComplaintError,
    TicketNotYoursError,
    receive_complaint,
)
from county.console.mount import mount_console
from county.console.web import BODY_LIMITS
from county.db import APP_THREADS
from county.disclosure.rolls import payee_names, refresh_if_due
from county.emptypoll import empty_poll, not_modified, poll_etag
from county.errors import CountyError
from county.heartbeats import HeartbeatBuffer
from county.person_keys import county_holder
from county.pollcache import PollCache
from county.querycount import from_env as query_counter
from county.receipts import check_receipt, receipt_page
from county.release_files_api import mount_release_files
from county.release_keys import mount_release_key
from county.releases import release_for_download
from county.releases.download import (
    RangeNotSatisfiable,
    bundle_intact,
    iter_file,
    part_of,
)
from county.replica import ReadRoute
from county.scope import TerminalScope
from county.seq import current_seq
from county.snapshot import ResumeError, gzip_stream, parse_resume, snapshot_lines
from county.terminals import AuthError, EnrollError, authenticate, enroll, record_heartbeat
from county.voice.api import install_voice_api
from kiosk import clock
from kiosk.receipt import ReceiptError
from sync.protocol import (
    API_PREFIX,
    DEFAULT_PAGE_LIMIT,
    MAX_BODY_BYTES,
    MAX_PAGE_LIMIT,
    ChangesPage,
    ComplaintAnswer,
    ComplaintFeedback,
    ComplaintLookup,
    ComplaintSubmission,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    ErrorCode,
    FeedbackAnswer,
    HeartbeatAnswer,
    HeartbeatRequest,
    LookupAnswer,
)

__all__ = ["ApiError", "create_app"]


class ApiError(CountyError):
    """An error answer: HTTP status, stable code (set on the instance), message."""

    code: ErrorCode = ErrorCode.INTERNAL

    def __init__(self, status: int, code: ErrorCode, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def _error(status: int, code: str, message: str,
           headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                        headers=headers)


_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "missing, unknown or revoked token"},
    413: {"model": ErrorBody, "description": "body too large"},
    422: {"model": ErrorBody, "description": "invalid request"},
}
_HTTP_CODES = {404: ErrorCode.NOT_FOUND, 405: ErrorCode.METHOD, 413: ErrorCode.TOO_LARGE}


def _now() -> datetime:
    return clock.now()


def _terminal(request: Request,
              authorization: Annotated[str | None, Header()] = None) -> TerminalScope:
    """The authenticated terminal (dependency); 401 for a missing/unknown/revoked token."""
    try:
        with request.app.state.engine.connect() as conn:
            return authenticate(conn, authorization)
    except AuthError as exc:
        raise ApiError(401, exc.code, str(exc)) from None


Auth = Annotated[TerminalScope, Depends(_terminal)]


def create_app(engine: Engine, *, max_body_bytes: int = MAX_BODY_BYTES,
               threads: int = APP_THREADS, replica: Engine | None = None,
               complaint_limits: ComplaintLimits = DEFAULT_LIMITS,
               escalate_every_s: float | None = ESCALATE_EVERY_S,
               heartbeat_every_s: float | None = None) -> FastAPI:
    """The API application on ``engine`` (already migrated).

    ``complaint_limits`` caps the new complaints of each terminal (429
    ``complaint.rate_limited`` with ``Retry-After`` beyond them).

    ``threads`` bounds the worker threads running the (synchronous)
    endpoints: more threads than that only fight over the GIL and the
    database pool, and throughput drops under load. Scale out with more
    processes instead (``county serve --workers N``).

    ``escalate_every_s``: how often overdue complaints move to the county
    (county/complaint_flow/schedule.py); None runs no schedule.

    ``heartbeat_every_s``: write heartbeats in batches this often
    (county/heartbeats.py; flushed at shutdown); None writes each at once.
    Empty polls are answered from the process's cached head
    (county/pollcache.py) while the lifespan runs.

    ``replica``: a hot standby of ``engine`` for the terminals' ``changes`` and
    ``snapshot`` reads, cursor rule kept (county/replica.py).
    """
    polls = PollCache(engine)
    reads = ReadRoute(engine, replica)
    beats = None if heartbeat_every_s is None else HeartbeatBuffer(
        engine, every_s=heartbeat_every_s)
    counter = query_counter(engine, replica)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = threads
        escalation = (None if escalate_every_s is None else
                      asyncio.create_task(escalation_loop(engine, escalate_every_s)))
        polls.start()
        if beats is not None:
            beats.start()
        yield
        if escalation is not None:
            escalation.cancel()
            with suppress(asyncio.CancelledError):
                await escalation
        polls.close()
        if beats is not None:
            await to_thread.run_sync(beats.close)
        if counter is not None:
            counter.counts["scope_queries"] = polls.scopes.statements
            counter.write()

    app = FastAPI(title="village-kiosk county server", version="1", lifespan=lifespan,
                  openapi_url=f"{API_PREFIX}/openapi.json", docs_url=f"{API_PREFIX}/docs",
                  redoc_url=None)
    app.state.engine = engine
    app.state.replica = replica  # the console shows its lag (/terminals)
    roll_names = payee_names(engine.url.render_as_string(hide_password=False))

    checked_rolls: list[tuple[date, int]] = []
    checking_rolls = threading.Lock()

    def refresh_rolls() -> None:
        # Public rolls follow the calendar and the data: brought up to date (at most once
        # per day and change) before a terminal reads (county/disclosure/rolls.py). The
        # database is asked only when this process has not checked on this day at this
        # change number, so an empty poll still costs no query (a disclosure setting
        # moves the change counter too). One request checks; the others meanwhile read
        # as things stand (a refresh reaches them with their next poll), so a change
        # followed by a burst of polls costs one check, not one each.
        today, head = clock.today(), polls.head()
        if head is not None and checked_rolls == [(today, head)]:
            return
        if not checking_rolls.acquire(blocking=False):
            return
        try:
            refresh_if_due(engine, today=today, now=_now(), names=roll_names)
            if head is not None:
                checked_rolls[:] = [(today, head)]
        finally:
            checking_rolls.release()
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes, limits=BODY_LIMITS)

    @app.exception_handler(ApiError)
    def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else exc.headers
        return _error(exc.status, exc.code, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()[:5])
        return _error(422, ErrorCode.INVALID, problems or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, ErrorCode.INVALID)
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    def _internal(_request: Request, _exc: Exception) -> JSONResponse:
        return _error(500, ErrorCode.INTERNAL, "internal server error")

    @app.exception_handler(OperationalError)
    def _db_down(_request: Request, _exc: OperationalError) -> JSONResponse:
        return _error(503, ErrorCode.UNAVAILABLE, "database unavailable; retry later",
                      {"Retry-After": "30"})

    @app.post(f"{API_PREFIX}/enroll", response_model=EnrollResponse,
              responses={403: {"model": ErrorBody, "description": "bad enrollment code"},
                         422: _ERRORS[422], 413: _ERRORS[413]})
    def post_enroll(body: EnrollRequest) -> EnrollResponse:
        """Trade a one-time enrollment code for the terminal's credentials."""
        try:
            return enroll(engine, body.code, now=_now(), terminal_code=body.terminal_code)
        except EnrollError as exc:
            raise ApiError(403, exc.code, str(exc)) from None

    @app.get(f"{API_PREFIX}/changes", response_model=ChangesPage,
             responses={400: {"model": ErrorBody, "description": "bad cursor"},
                        401: _ERRORS[401], 422: _ERRORS[422]})
    async def get_changes(
        request: Request,
        since: Annotated[str | None, Query(max_length=40)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_LIMIT)] = DEFAULT_PAGE_LIMIT,
        authorization: Annotated[str | None, Header()] = None,
        if_none_match: Annotated[str | None, Header(max_length=200)] = None,
    ) -> Response:
        """Ordered changes after ``since`` for this terminal, at most ``limit`` records.

        The answer carries ``ETag: "SINCE-HEAD"``; sent back as ``If-None-Match``
        with the same ``since`` while nothing changed, it answers 304 (no body).
        """
        if counter is not None:
            counter.bump("polls")
        # Nearly every poll: nothing new, known in memory. Answered here on the event
        # loop, without a thread's turn (under load the wait for one made the tail).
        head = polls.peek()
        if head is not None and checked_rolls == [(clock.today(), head)]:
            answer = empty_poll(polls, authorization, since, if_none_match, now=_now(),
                                head=head)
            if answer is not None:
                return _counted(answer)
        return await to_thread.run_sync(changes_from_database, request, since, limit,
                                        authorization, if_none_match)

    def _counted(answer: Response, *, token_checked: bool = False) -> Response:
        if counter is not None:
            counter.bump("empty_polls")
            if token_checked:
                counter.bump("token_checked")
            answer.headers["X-County-Process"] = str(counter.pid)
        return answer

    def changes_from_database(request: Request, since: str | None, limit: int,
                              authorization: str | None, if_none_match: str | None) -> Response:
        refresh_rolls()
        answer = empty_poll(polls, authorization, since, if_none_match, now=_now())
        if answer is not None:
            return _counted(answer)
        who = _terminal(request, authorization)
        polls.remember(authorization, who)
        # A token this process had not seen lately (one poll a minute, several
        # processes): one statement to check it, and the poll may still be empty.
        answer = empty_poll(polls, authorization, since, if_none_match, now=_now())
        if answer is not None:
            return _counted(answer, token_checked=True)

        def read(conn: Connection, head: int) -> tuple[str, ChangesPage | None]:
            # On the replica only when its head is past the cursor (county/replica.py).
            try:
                after = parse_cursor(since, current=head)
            except CursorError as exc:
                raise ApiError(400, ErrorCode.CURSOR_INVALID, str(exc)) from None
            polls.note(head)  # a replica's head too: a value the primary committed
            etag = poll_etag(after, head)
            if after == head and if_none_match == etag:
                return etag, None
            return etag, build_page(conn, who, after=after, limit=limit, now=_now(), head=head)

        etag, page = reads.changes(since, read)
        if page is None:
            return not_modified(etag)
        # Serialised here, once: FastAPI would validate the big page a second time.
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if counter is not None:
            headers["X-County-Process"] = str(counter.pid)
        return Response(page.model_dump_json(), media_type="application/json",
                        headers=headers)

    @app.get(f"{API_PREFIX}/snapshot", response_class=StreamingResponse,
             responses={200: {"content": {"application/x-ndjson": {}},
                              "description": "gzip-compressed JSON lines (SnapshotLine)"},
                        400: {"model": ErrorBody, "description": "bad resume token"},
                        401: _ERRORS[401], 422: _ERRORS[422]})
    def get_snapshot(
        who: Auth, resume: Annotated[str | None, Query(max_length=100)] = None,
    ) -> StreamingResponse:
        """The full data set for this terminal; resumable with ``?resume=TOKEN``."""
        refresh_rolls()
        source = engine
        try:
            if resume:
                source = reads.snapshot_engine(parse_resume(resume, current=2**62)[0])
                with source.connect() as conn:
                    parse_resume(resume, current=current_seq(conn))
            else:
                source = reads.snapshot_engine(0)
        except ResumeError as exc:
            raise ApiError(400, ErrorCode.RESUME_INVALID, str(exc)) from None
        lines: Iterator[bytes] = snapshot_lines(source, who, resume=resume)
        return StreamingResponse(gzip_stream(lines), media_type="application/x-ndjson",
                                 headers={"Content-Encoding": "gzip",
                                          "Cache-Control": "no-store"})

    @app.post(f"{API_PREFIX}/complaints", response_model=ComplaintAnswer,
              responses={409: {"model": ErrorBody,
                               "description": "idempotency key reused, or the ticket number "
                                              "carries another terminal's code"},
                         429: {"model": ErrorBody,
                               "description": "too many new complaints from this terminal; "
                                              "send again after Retry-After seconds"},
                         401: _ERRORS[401], 413: _ERRORS[413], 422: _ERRORS[422]})
    def post_complaint(who: Auth, body: ComplaintSubmission) -> ComplaintAnswer:
        """Store a complaint once per idempotency key; answers its server id."""
        body = county_holder(engine, who, body)
        try:
            return receive_complaint(engine, who.terminal_id, body, now=_now(),
                                     limits=complaint_limits)
        except (ComplaintConflictError, TicketNotYoursError) as exc:
            raise ApiError(409, exc.code, str(exc)) from None
        except ComplaintRateError as exc:
            raise ApiError(429, exc.code, str(exc),
                           {"Retry-After": str(exc.retry_after_s)}) from None

    @app.post(f"{API_PREFIX}/complaints/{{server_id}}/feedback", response_model=FeedbackAnswer,
              responses={404: {"model": ErrorBody,
                               "description": "no such complaint of this terminal"},
                         409: {"model": ErrorBody,
                               "description": "the complaint has no reply to judge"},
                         401: _ERRORS[401], 413: _ERRORS[413], 422: _ERRORS[422]})
    def post_feedback(who: Auth, body: ComplaintFeedback,
                      server_id: Annotated[str, Path(max_length=20)]) -> FeedbackAnswer:
        """The villager's 满意 / 不满意 on a reply, once per idempotency key; 不满意
        reopens the complaint one level up (county/complaint_flow/service.py)."""
        try:
            result = feedback(engine, server_id, terminal_id=who.terminal_id,
                              idempotency_key=body.idempotency_key, satisfied=body.satisfied,
                              reason=body.reason or "", now=_now())
        except NoSuchComplaintError as exc:
            raise ApiError(404, ErrorCode.NOT_FOUND, str(exc)) from None
        except ComplaintFlowError as exc:
            raise ApiError(409, ErrorCode.TRANSITION, str(exc)) from None
        c = result.complaint
        return FeedbackAnswer(server_id=c.server_id, status=c.status,  # type: ignore[arg-type]
                              level=c.level, duplicate=result.duplicate)  # type: ignore[arg-type]

    @app.post(f"{API_PREFIX}/complaints/lookup", response_model=LookupAnswer,
              responses={404: {"model": ErrorBody,
                               "description": "no complaint with that ticket and code"},
                         429: {"model": ErrorBody,
                               "description": "too many lookups from this terminal, or too "
                                              "many wrong codes for this ticket"},
                         401: _ERRORS[401], 413: _ERRORS[413], 422: _ERRORS[422]})
    def post_lookup(who: Auth, body: ComplaintLookup) -> LookupAnswer:
        """Where a complaint stands, for anyone at any terminal with its ticket and query
        code (county/complaint_flow/lookup.py); never who filed it."""
        try:
            return lookup(engine, who.terminal_id, body.ticket_no, body.query_code, now=_now())
        except LookupFailed as exc:
            raise ApiError(404, ErrorCode.LOOKUP_FAILED, str(exc)) from None
        except LookupLimited as exc:
            raise ApiError(429, ErrorCode.LOOKUP_RATE, str(exc),
                           {"Retry-After": str(exc.retry_after_s)}) from None

    @app.get("/r/{receipt_id}", response_class=HTMLResponse, include_in_schema=False)
    def verify_receipt(receipt_id: str, request: Request) -> HTMLResponse:
        """The page a receipt's QR code opens: genuine or not (no login, no data kept)."""
        try:
            claim = check_receipt(engine, str(request.url))
        except ReceiptError as exc:
            return HTMLResponse(receipt_page(None, exc), status_code=400)
        return HTMLResponse(receipt_page(claim, None))

    @app.get(f"{API_PREFIX}/releases/{{version}}", response_class=StreamingResponse,
             responses={200: {"content": {"application/x-tar": {}},
                              "description": "the signed bundle (docs/releases.md)"},
                        206: {"content": {"application/x-tar": {}},
                              "description": "the byte range asked for (Content-Range)"},
                        404: {"model": ErrorBody, "description": "no such release for this "
                                                                 "terminal"},
                        416: {"model": ErrorBody, "description": "range past the end"},
                        401: _ERRORS[401], 422: _ERRORS[422]})
    def get_release(
        who: Auth, version: Annotated[str, Path(max_length=40)],
        range_: Annotated[str | None, Header(alias="range", max_length=200)] = None,
        if_range: Annotated[str | None, Header(max_length=200)] = None,
    ) -> Response:
        """The signed bundle of a release offered to (or pinned for) this terminal.

        Resumable: ``Range: bytes=START-`` answers 206 with the rest of the file.
        """
        with engine.connect() as conn:
            stored = release_for_download(conn, who, version)
        if stored is None:
            raise ApiError(404, ErrorCode.NOT_FOUND,
                           f"release {version} is not published for this terminal")
        try:
            part = part_of(stored.size, f'"{stored.sha256}"', range_, if_range)
        except RangeNotSatisfiable as exc:
            return _error(416, ErrorCode.RANGE, str(exc),
                          {"Content-Range": f"bytes */{stored.size}"})
        if not bundle_intact(stored.path, stored.size):
            raise ApiError(503, ErrorCode.UNAVAILABLE,
                           f"the bundle file of release {version} is missing or damaged on "
                           "the server; tell county IT")
        return StreamingResponse(iter_file(stored.path, part.start, part.length),
                                 status_code=part.status, media_type="application/x-tar",
                                 headers=part.headers)

    mount_release_files(app, engine, _terminal, _ERRORS)
    @app.get(f"{API_PREFIX}/ledger/images/{{sha256}}", response_class=Response,
             responses={200: {"content": {"image/jpeg": {}}}, 401: _ERRORS[401]})
    def get_ledger_image(
        who: Auth, sha256: Annotated[str, Path(max_length=64)],
        range_: Annotated[str | None, Header(alias="range", max_length=200)] = None,
    ) -> Response:
        """A voucher image of this terminal's village (issue 17; resumable with Range)."""
        from county.ledger.api import image_response
        return image_response(engine, who, sha256, range_)
    mount_release_key(app, engine, _terminal, _ERRORS)

    @app.post(f"{API_PREFIX}/heartbeat", response_model=HeartbeatAnswer,
              responses={401: _ERRORS[401], 413: _ERRORS[413], 422: _ERRORS[422]})
    def post_heartbeat(who: Auth, body: HeartbeatRequest) -> HeartbeatAnswer:
        """Store the terminal's health; answers pending actions."""
        if counter is not None:
            counter.bump("heartbeats")
        return record_heartbeat(engine, who, body, now=_now(), buffer=beats)

    install_voice_api(app, engine, terminal=_terminal, now=_now)
    mount_console(app, engine)
    return app
