"""A terminal's sync cursor as a number: light, for `county terminals` (no wire models)."""

from __future__ import annotations

__all__ = ["cursor_value"]


def cursor_value(text: str | None) -> int | None:
    """The seq a cursor stands for, or None if it is not one (no range check)."""
    if not text or len(text) > 19 or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
