"""The core's one error root: every error ``kiosk/`` raises is a :class:`KioskError`.

Each error class carries a stable ``code`` as a class attribute, ``"area.reason"``
(``store.future_schema``, ``receipt.bad_signature``, ``setting.unknown_key`` …):
codes are contracts shown in JSON, logs and on the clerk screen, so they never
change once released. An instance may narrow its class's code (``code=`` keyword)
where one class covers several reasons (:class:`kiosk.complaints.ComplaintError`).

The message is English for logs and says what is wrong; it never repeats the
code (whoever shows both adds it: ``f"{exc} [{exc.code}]"``). What a villager
reads is chosen by ``ui/`` from the code, never from the message.

:class:`CodedError` is that shape for every layer: each layer's root derives
from it (``KioskError`` here, ``drivers.errors.DriverError``, ``ui.errors.UiError``).
Standard library only: the county and the drivers may import this module.
"""

from __future__ import annotations

__all__ = ["CodedError", "KioskError"]


class CodedError(Exception):
    """An error with a stable ``code`` (class attribute; an instance may narrow it).

    Not raised itself: the base of each layer's error root.
    """

    code = "error"

    def __init__(self, message: str = "", *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class KioskError(CodedError):
    """Base of every error of the terminal's core; ``code`` is a stable identifier."""

    code = "kiosk.error"
