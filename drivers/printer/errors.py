"""Errors of the printer driver, each with a stable ``code`` for logs, APIs and the UI.

Messages are English and name the offending value; what a villager reads is
chosen by ``ui/`` from the ``code`` (drivers carry no Chinese wording).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drivers.errors import DriverError

if TYPE_CHECKING:  # the status module imports nothing from here at run time either
    from drivers.printer.status import PrinterStatus

__all__ = [
    "CoverOpenError",
    "DisconnectedError",
    "FontMissingError",
    "NoAnswerError",
    "PaperOutError",
    "PrinterError",
    "PrinterNotReadyError",
    "PrinterOfflineError",
    "PrinterUnavailableError",
    "PrinterUriError",
]


class PrinterError(DriverError):
    """Base of every printer-driver error; ``code`` is a stable identifier."""

    code = "printer.error"


class PrinterUriError(PrinterError, ValueError):
    """A printer URI that cannot be used: unknown scheme, bad VID:PID, bad baud …"""

    code = "printer.bad_uri"


class PrinterUnavailableError(PrinterError):
    """The printer cannot be reached or opened (device missing, library missing)."""

    code = "printer.unavailable"


class FontMissingError(PrinterError):
    """No CJK font installed to render receipts with."""

    code = "printer.font_missing"


class DisconnectedError(PrinterError):
    """The connection broke while a job was being sent: the receipt is incomplete."""

    code = "printer.disconnected"


class PrinterNotReadyError(PrinterError):
    """The printer's status forbids printing; ``status`` is what it reported."""

    code = "printer.not_ready"

    def __init__(self, message: str, status: PrinterStatus | None = None) -> None:
        super().__init__(message)
        self.status = status


class PaperOutError(PrinterNotReadyError):
    """The paper roll is empty."""

    code = "printer.paper_out"


class CoverOpenError(PrinterNotReadyError):
    """The printer's cover is open."""

    code = "printer.cover_open"


class PrinterOfflineError(PrinterNotReadyError):
    """The printer says it is offline for another reason (error, feed button held)."""

    code = "printer.offline"


class NoAnswerError(PrinterNotReadyError):
    """The printer did not answer a status query (or accept data) within the timeout."""

    code = "printer.no_answer"
