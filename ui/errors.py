"""The UI's one error root: errors ``ui/`` itself raises are a :class:`UiError`.

Codes are class attributes (``ui.…``), stable, and never repeated in the message.
Errors of the layers below (:class:`kiosk.errors.KioskError`,
:class:`drivers.errors.DriverError`) pass through ``ui/`` with their own codes;
the view-models choose the Chinese wording from a code (ui/wording.py).
"""

from __future__ import annotations

from kiosk.errors import CodedError

__all__ = ["UiError"]


class UiError(CodedError):
    """Base of the errors ``ui/`` raises; ``code`` is a stable identifier."""

    code = "ui.error"
