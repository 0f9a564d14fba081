"""Stable error codes of the sync API (the ``error.code`` of every error body)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ErrorCode"]


class ErrorCode(StrEnum):
    """Error codes; the HTTP status each goes with is in the comment."""

    AUTH_MISSING = "auth.missing"  # 401: no bearer token
    AUTH_INVALID = "auth.invalid_token"  # 401: unknown token
    AUTH_REVOKED = "auth.revoked"  # 401: the terminal was revoked
    ENROLL_CODE = "enroll.invalid_code"  # 403: unknown, used or expired one-time code
    CURSOR_INVALID = "changes.invalid_cursor"  # 400: a cursor this server never gave out
    RESUME_INVALID = "snapshot.invalid_resume"  # 400: a resume token it never gave out
    KEY_REUSED = "complaint.key_reused"  # 409: same idempotency key, different complaint
    COMPLAINT_RATE = "complaint.rate_limited"  # 429: too many new complaints from a terminal
    TICKET_TAKEN = "complaint.ticket_not_yours"  # 409: the ticket's code is another terminal's
    TRANSITION = "complaint.transition_refused"  # 409: feedback on a complaint with no reply
    LOOKUP_FAILED = "complaint.lookup_failed"  # 404: no complaint with that ticket and code
    LOOKUP_RATE = "complaint.lookup_limited"  # 429: too many lookups (terminal) or wrong codes
    VOICE_OFFSET = "voice.offset_mismatch"  # 409: a piece beyond what the county holds
    VOICE_CHANGED = "voice.changed"  # 409: another size or SHA-256 than the upload began with
    VOICE_REFUSED = "voice.refused"  # 422: not Ogg/Opus, too long, too large, empty, bad hash
    INVALID = "request.invalid"  # 422: body or query failed validation
    TOO_LARGE = "request.too_large"  # 413: body above MAX_BODY_BYTES
    NOT_FOUND = "request.not_found"  # 404
    RANGE = "request.range_not_satisfiable"  # 416: a Range beyond the end of the file
    METHOD = "request.method_not_allowed"  # 405
    UNAVAILABLE = "server.unavailable"  # 503: database unreachable
    INTERNAL = "server.error"  # 500
