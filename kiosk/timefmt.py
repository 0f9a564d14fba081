"""Time for display: everything a villager reads is Beijing time (Asia/Shanghai)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

__all__ = ["LOCAL_TZ", "format_local", "format_local_zoned", "to_local"]

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def to_local(moment: datetime) -> datetime:
    """``moment`` (timezone-aware) converted to Asia/Shanghai. Raises ``ValueError`` if naive."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: cannot tell which time zone it is in")
    return moment.astimezone(LOCAL_TZ)


def format_local(moment: datetime) -> str:
    """``2026-11-20 08:00`` in Beijing time, for screens, receipts and the CLI."""
    return f"{to_local(moment):%Y-%m-%d %H:%M}"


def format_local_zoned(moment: datetime) -> str:
    """``2026-11-20 08:00 UTC+8``: Beijing time that says so, for commands whose
    output is compared across machines (release build and verify print the same)."""
    return f"{format_local(moment)} UTC+8"
