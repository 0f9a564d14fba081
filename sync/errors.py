"""The sync daemon's errors: one hierarchy, each with a stable ``code``.

The code lands in ``sync_state.last_error_code`` where the clerk screen and
`kiosk sync status` read it; the message is for logs and IT staff and never
carries personal data (no ID numbers, names, phone numbers or complaint text).
"""

from __future__ import annotations

__all__ = [
    "NetworkError",
    "NotEnrolledError",
    "PersonKeyChangedError",
    "ProtocolError",
    "RejectedError",
    "RevokedError",
    "ServerError",
    "SyncError",
]


class SyncError(Exception):
    """Base of sync failures; ``code`` is stable, ``retry`` says whether waiting helps."""

    code = "sync.error"
    retry = True

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class NetworkError(SyncError):
    """No answer: connect refused/timed out, connection reset, read stalled."""

    code = "sync.network"


class ServerError(SyncError):
    """The server answered 5xx (or a proxy on the way answered 502/503/504)."""

    code = "sync.server_error"


class ProtocolError(SyncError):
    """An answer that breaks the protocol: garbage JSON, wrong content type, too
    large, failing validation, a cursor going backwards. Nothing of it is applied."""

    code = "sync.bad_response"


class RejectedError(SyncError):
    """The server refused the request itself (4xx other than 401); ``code`` is the
    server's error code (e.g. ``request.invalid``). Sending it again will not help."""

    code = "sync.rejected"
    retry = False

    def __init__(self, message: str, *, code: str | None = None, status: int = 400) -> None:
        super().__init__(message, code=code)
        self.status = status


class RateLimitedError(SyncError):
    """429: the county takes no more of these from this terminal for now (e.g. its
    complaint cap, ``complaint.rate_limited``). Nothing is lost: the request is sent
    again, not before ``retry_after_s`` (the server's Retry-After, when it gave one)."""

    code = "sync.rate_limited"

    def __init__(self, message: str, *, code: str | None = None,
                 retry_after_s: float | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after_s = retry_after_s


class RevokedError(SyncError):
    """401: the token is unknown or revoked. Syncing stops until the terminal is
    enrolled again (`kiosk enroll CODE --server URL`)."""

    code = "sync.revoked"
    retry = False


class NotEnrolledError(SyncError):
    """No usable enrollment file: nothing to sync with."""

    code = "sync.not_enrolled"
    retry = False


class PersonKeyChangedError(SyncError):
    """A village terminal's snapshot is keyed with another derivation than its
    enrollment file's (the county changed the village's salt or cost, or the
    terminal's kind): its lookups would find nobody, so nothing is applied.
    Enroll the terminal again (`kiosk enroll CODE --server URL`)."""

    code = "sync.person_key_changed"
    retry = False
