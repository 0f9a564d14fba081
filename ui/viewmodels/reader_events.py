"""What a reader's error means for the screen on show (a table, no Qt)."""

from __future__ import annotations

import logging
from typing import Any

from drivers.idcard.errors import BlockLengthError, ReaderTimeout
from drivers.idcard.reader import CardReadFailed
from ui.viewmodels.screens import READ_ERROR_FROM, STUCK_READER_FROM, Screen
from ui.wording import CARD_READ_FAILED, READER_TIMEOUT, READER_UNAVAILABLE

__all__ = ["read_error_message"]

log = logging.getLogger("ui.viewmodels.app")


def read_error_message(error: Any, screen: Screen) -> str | None:
    """The read-error screen's wording for ``error`` on ``screen``; None: stay where we are."""
    if isinstance(error, CardReadFailed):
        return CARD_READ_FAILED if screen in READ_ERROR_FROM else None
    if isinstance(error, ReaderTimeout | BlockLengthError):
        log.warning("reader error: %s", error.code)
        # A card lies on a reader that stopped answering (lifting it and laying
        # it down again starts afresh), or one whose blocks the configured
        # layout does not describe (only the staff can fix that).
        if screen not in STUCK_READER_FROM:
            return None
        return READER_TIMEOUT if isinstance(error, ReaderTimeout) else READER_UNAVAILABLE
    log.warning("reader error: %s", getattr(error, "code", error))
    return None
