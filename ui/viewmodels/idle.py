"""How long a screen may sit untouched: the idle limits and the last touch.

Plain Python (no Qt): the root view-model asks it each second how many
seconds are left; the county may push new limits at any time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["IdleClock"]


class IdleClock:
    """Idle limits (seconds) and the time of the last touch on a monotonic ``clock``."""

    def __init__(self, ui: Any, clock: Callable[[], float]) -> None:
        """``ui``: the ``[ui]`` config section (idle_timeout_s, complaint_idle_timeout_s,
        countdown_s)."""
        self._clock = clock
        self.limits = self._limits_of(ui)
        self._last_touch = clock()

    @staticmethod
    def _limits_of(ui: Any) -> tuple[int, int, int]:
        return (int(ui.idle_timeout_s), int(ui.complaint_idle_timeout_s), int(ui.countdown_s))

    @property
    def countdown_s(self) -> int:
        """The last seconds in which the screen counts down."""
        return self.limits[2]

    def apply(self, ui: Any) -> bool:
        """Take the limits of ``ui`` (pushed by the county); True when they changed."""
        limits = self._limits_of(ui)
        changed = limits != self.limits
        self.limits = limits
        return changed

    def touch(self) -> None:
        """Somebody touched the screen now."""
        self._last_touch = self._clock()

    def left(self, *, complaint: bool) -> float:
        """Seconds left before the screen clears (the complaint screen has its own limit)."""
        limit = self.limits[1] if complaint else self.limits[0]
        return limit - (self._clock() - self._last_touch)
