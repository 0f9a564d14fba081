"""Errors of the console layer: one root, a stable ``code`` per reason."""

from __future__ import annotations

from county.errors import CountyError

__all__ = ["AccountError", "ConsoleError", "Forbidden", "LoginRefused"]


class ConsoleError(CountyError):
    """Root of console errors; the message is safe to show to an officer."""

    code = "console.error"


class AccountError(ConsoleError):
    """A user account cannot be added or changed as asked."""

    code = "console.account"


class LoginRefused(ConsoleError):
    """A login attempt failed (wrong password, locked, disabled, rate-limited)."""

    code = "console.login_refused"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class Forbidden(ConsoleError):
    """The logged-in user's role or township does not cover what was asked."""

    code = "console.forbidden"
