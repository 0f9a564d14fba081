"""Wire records of complaint handling: progress to the terminal, feedback from it.

``ComplaintProgress`` travels in ``changes`` (``complaint_progress``) each time
the county moves a complaint the terminal filed: its status, level and the
dates of the four steps the villager sees (受理 → 办理 → 答复 → 办结).
``ComplaintFeedback`` is the villager's 满意 / 不满意 on a reply, pushed from
the terminal's outbox to ``POST /api/v1/complaints/{server_id}/feedback``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from sync.protocol.records import WireModel

__all__ = ["FEEDBACK_REASONS", "ComplaintFeedback", "ComplaintLookup", "ComplaintProgress",
           "FeedbackAnswer", "LookupAnswer"]

Status = Literal["new", "assigned", "in_progress", "replied", "closed", "reopened"]
#: Why a villager is not satisfied (the kiosk's short pick-list; county FEEDBACK_REASONS).
FEEDBACK_REASONS = ("no_answer", "wrong_facts", "too_slow", "attitude", "other")


class ComplaintProgress(WireModel):
    """Where a complaint filed on this terminal stands (latest state; replaces earlier ones).

    ``handled_at``, ``replied_at`` and ``closed_at`` are the dates of the steps
    of the current round: after a reopening they are empty again until done.
    ``can_feedback``: the villager may say 满意 / 不满意 now.
    """

    server_id: str
    ticket_no: str
    idempotency_key: str
    status: Status
    level: Literal["township", "county"]
    accepted_at: datetime
    handled_at: datetime | None = None
    replied_at: datetime | None = None
    closed_at: datetime | None = None
    reply_text: str | None = None
    can_feedback: bool = False
    updated_at: datetime


class ComplaintFeedback(BaseModel):
    """``POST /api/v1/complaints/{server_id}/feedback``: 满意 / 不满意 on the reply
    (no free text: unknown fields are an error).

    The same ``idempotency_key`` twice is stored once. 不满意 reopens the
    complaint one level up; answering a complaint that has no reply yet is
    ``409 complaint.transition_refused``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    idempotency_key: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    satisfied: bool
    reason: Literal["no_answer", "wrong_facts", "too_slow", "attitude", "other"] | None = None
    created_at: AwareDatetime | None = Field(default=None,
                                             description="when the villager tapped it")


class FeedbackAnswer(WireModel):
    """The county's receipt for feedback: the complaint's status after it."""

    server_id: str
    status: Status
    level: Literal["township", "county"]
    duplicate: bool


class ComplaintLookup(BaseModel):
    """``POST /api/v1/complaints/lookup``: follow a complaint (anonymous ones too) at any
    terminal of the county with the ticket number and the query code on its receipt."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ticket_no: str = Field(min_length=1, max_length=32)
    query_code: str = Field(pattern=r"^[0-9]{6}$")


class LookupAnswer(WireModel):
    """Where a looked-up complaint stands: the steps and the reply, nothing about who filed it."""

    ticket_no: str
    status: Status
    level: Literal["township", "county"]
    accepted_at: datetime
    handled_at: datetime | None = None
    replied_at: datetime | None = None
    closed_at: datetime | None = None
    reply_text: str | None = None
