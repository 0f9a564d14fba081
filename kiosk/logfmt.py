"""Structured log lines: ``event key=value …`` (logfmt), one line per event.

journald stores each line as MESSAGE; ``journalctl -u kiosk-syncd | grep
event=page_applied`` and log shippers that parse logfmt both work. Callers
pass only non-personal values: counts, cursors, codes, ticket numbers, ids.
"""

from __future__ import annotations

import logging

__all__ = ["log_event"]


def _value(value: object) -> str:
    text = str(value)
    if text == "" or any(c in text for c in ' ="\n\t'):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return text


def log_event(log: logging.Logger, level: int, event: str, **fields: object) -> None:
    """Log ``event`` with ``fields`` as ``event=NAME k=v …`` (None values left out)."""
    if not log.isEnabledFor(level):
        return
    parts = [f"event={event}"]
    parts.extend(f"{k}={_value(v)}" for k, v in fields.items() if v is not None)
    log.log(level, " ".join(parts))
