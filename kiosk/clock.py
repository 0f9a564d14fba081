"""The one clock: what "now" and "today" are for every part of the product.

Every timestamp written (complaints, sync state, receipts, county rows) and
every date compared (notices in force, an ID holder's birth, pending
payments) asks this module, never ``datetime.now()`` or ``date.today()``
directly. That gives one seam to move time through:

* ``kiosk demo --today D`` and ``kiosk tour --today D`` run the demo on
  another calendar day (the clock still ticks; only the day is moved), so
  the committed screenshots come from a fixed reference date;
* the test suite sets a reference instant with :func:`travel_to` in a
  fixture, so no test passes or fails by the calendar.

Pure and stdlib-only, so the county may share it. Not thread-safe to
*move* while other threads read it (moving happens before anything starts).
"""

from __future__ import annotations

import argparse
import calendar
import re
from datetime import UTC, date, datetime, time, timedelta

from kiosk.errors import KioskError
from kiosk.timefmt import LOCAL_TZ

__all__ = ["BadDay", "add_months", "at_local", "local_now", "now", "parse_day", "reset",
           "set_today", "today", "travel_to"]

#: How far this process's clock is moved from the system clock (zero in production).
_offset = timedelta(0)


def _system_now() -> datetime:
    return datetime.now(UTC)


def now() -> datetime:
    """Now, timezone-aware UTC (the system clock unless moved)."""
    return _system_now() + _offset


def local_now() -> datetime:
    """Now in Beijing time (Asia/Shanghai), timezone-aware."""
    return now().astimezone(LOCAL_TZ)


def today() -> date:
    """Today's date in Beijing: what villagers, notices and departments mean by "today"."""
    return local_now().date()


def travel_to(moment: datetime) -> None:
    """Move the clock so that it reads ``moment`` now and runs on from there.

    Raises ``ValueError`` for a naive ``moment`` (which zone would it be in?).
    """
    global _offset
    if moment.tzinfo is None:
        raise ValueError("naive datetime: cannot tell which time zone it is in")
    _offset = moment - _system_now()


def set_today(day: date) -> None:
    """Move the clock to ``day`` (Beijing), keeping the time of day: ``--today D``."""
    current = local_now()
    travel_to(datetime.combine(day, current.time().replace(tzinfo=None), LOCAL_TZ))


def reset() -> None:
    """Back to the system clock."""
    global _offset
    _offset = timedelta(0)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class BadDay(KioskError, argparse.ArgumentTypeError, ValueError):
    """Not a ``YYYY-MM-DD`` calendar date (argparse prints the message as it is)."""

    code = "clock.bad_day"


def parse_day(text: str) -> date:
    """``YYYY-MM-DD`` as a date (the ``--today`` option). Raises :class:`BadDay`."""
    try:
        if _DAY.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise BadDay(f"not a calendar date of the form YYYY-MM-DD: {text!r}")


def at_local(day: date, hour: int, minute: int = 0) -> datetime:
    """``day`` at ``hour:minute`` Beijing time, timezone-aware."""
    return datetime.combine(day, time(hour, minute), LOCAL_TZ)


def add_months(day: date, months: int) -> date:
    """``day`` moved on by ``months`` calendar months (the 31st becomes the month's last
    day: 2026-01-31 + 1 → 2026-02-28)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
