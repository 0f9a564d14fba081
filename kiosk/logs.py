"""Logging set-up: stderr (journald), optional file, ID numbers never written.

Code must not log ID numbers in the first place; the redacting filter is the
second line of defence for anything that slips through (an exception text
quoting a card field, say).
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from kiosk.identity import mask_id

__all__ = ["RedactIdNumbers", "setup_logging"]

# 17 digits and a digit/X, not embedded in a longer run of digits (hashes are hex
# and would match inside, so require non-hex neighbours).
_ID_LIKE = re.compile(r"(?<![0-9A-Fa-f])[0-9]{17}[0-9Xx](?![0-9A-Fa-f])")


def redact(text: str) -> str:
    """Replace anything shaped like an 18-char ID number with a masked form."""
    return _ID_LIKE.sub(lambda m: mask_id(m.group(0)), text)


class RedactIdNumbers(logging.Filter):
    """Masks ID-number-shaped strings in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def setup_logging(level: str = "INFO", file: Path | None = None) -> None:
    """Configure the root logger once: stderr plus an optional file, redacted."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(file, encoding="utf-8"))
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactIdNumbers())
        root.addHandler(handler)
    root.setLevel(level)
    # Alembic narrates every migration step at INFO; the start-up line we log is enough.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, root.level))
