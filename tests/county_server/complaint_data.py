"""Helpers for complaint-handling tests: a terminal of 青山村 and complaints it files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from county.complaints import receive_complaint
from county.terminals import enroll, new_enrollment_code
from sync.protocol import ComplaintSubmission

#: The fixed clock of these tests (a Monday morning in Beijing).
T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


def new_terminal(engine: Engine, *, township: str = "高村镇", village: str = "青山村") -> str:
    """Enroll a terminal directly (no HTTP); its id."""
    code, _ = new_enrollment_code(engine, township=township, village=village, now=T0,
                                  valid_for=timedelta(hours=1))
    return enroll(engine, code, now=T0).terminal_id


def file_from(engine: Engine, terminal_id: str, n: int, *, category: str = "not_received",
              at: datetime = T0, name: str | None = None) -> str:
    """File complaint ``n`` from the terminal at ``at``; its server id."""
    sub = ComplaintSubmission(
        idempotency_key=f"flow-{terminal_id}-{n:04d}", ticket_no=f"{terminal_id}-{n:04d}",
        category=category, text=f"第{n}件：高龄津贴没有收到", created_at=at,  # type: ignore[arg-type]
        anonymous=name is None, id_hash=None if name is None else "ab" * 32, name=name)
    return receive_complaint(engine, terminal_id, sub, now=at).server_id
