"""What a complaint starts with: its place, level, deadline and first history row.

Shared by complaints from terminals (county/complaints.py) and those staff
register from the other channels (county/complaint_flow/service.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from county.complaint_flow.limits import due_at, time_limit
from county.complaint_flow.models import ComplaintHistory
from county.complaint_flow.states import Action, Level, Status
from county.models import Terminal

__all__ = ["filing_values", "history_row", "record_filing"]


def filing_values(conn: Connection, terminal_id: str | None, category: str, *, now: datetime,
                  township: str = "", village: str = "",
                  about_official: bool = False) -> dict[str, Any]:
    """Column values of a new complaint: a terminal's complaint takes its township and
    village; one about a township official starts at the county level."""
    if terminal_id is not None:
        place = conn.execute(select(Terminal.township, Terminal.village)
                             .where(Terminal.id == terminal_id)).one()
        township, village = place.township, place.village
    level = Level.COUNTY if about_official else Level.TOWNSHIP
    return {"township": township, "village": village, "status": Status.NEW.value,
            "level": level.value, "level_since": now, "about_official": about_official,
            "due_at": due_at(Status.NEW, now, time_limit(conn, category))}


def history_row(conn: Connection, complaint_id: int, *, actor: str, action: Action,
                before: Status, after: Status, level: Level, now: datetime,
                note: str = "") -> None:
    """Append one step to the complaint's history."""
    conn.execute(insert(ComplaintHistory).values(
        complaint_id=complaint_id, at=now, actor=actor[:80], action=action.value,
        from_status=before.value, to_status=after.value, level=level.value, note=note))


def record_filing(conn: Connection, complaint_id: int, *, actor: str, now: datetime,
                  level: Level = Level.TOWNSHIP, note: str = "") -> None:
    """The history row of a complaint just received (受理)."""
    history_row(conn, complaint_id, actor=actor, action=Action.FILE, before=Status.NEW,
                after=Status.NEW, level=level, now=now, note=note)
