"""The complaint life as a table: which action moves a complaint from which state to which.

Pure: no database, no clock. The service (county/complaint_flow/service.py)
asks :func:`step` before it writes anything, so every refusal is the same
clear sentence whether it comes from the console, the CLI or a terminal's
feedback.

    new ──assign──▶ assigned ──start──▶ in_progress ──reply──▶ replied ──close──▶ closed
     ▲                 │ reply / draft ──▶ (approve) ──┘          │ satisfied ─┘
     │                 ▼                                          │ not satisfied
  escalate        (re)assign ◀──────────── reopened ◀─────────────┴── (also from closed)

Escalation (by time or by hand) moves an open township complaint to the
county and back to ``new`` there (a reopened one stays ``reopened``); the
villager's 不满意 reopens it one level up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from county.errors import CountyError

__all__ = ["ACTION_WORDS", "LEVEL_WORDS", "OPEN", "STATUS_WORDS", "TRANSITIONS", "Action",
           "ComplaintFlowError", "Level", "Status", "Step", "TransitionRefused", "allowed",
           "step"]


class Status(StrEnum):
    """Where a complaint is in its life (column ``complaint.status``)."""

    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    REPLIED = "replied"
    CLOSED = "closed"
    REOPENED = "reopened"


class Level(StrEnum):
    """Who handles it: the township supervision group or the county office (县纪委)."""

    TOWNSHIP = "township"
    COUNTY = "county"


class Action(StrEnum):
    """What someone does to a complaint (history rows name it)."""

    FILE = "file"
    ASSIGN = "assign"
    START = "start"
    DRAFT = "draft"
    APPROVE = "approve"
    REPLY = "reply"
    CLOSE = "close"
    ESCALATE = "escalate"
    SATISFIED = "satisfied"
    NOT_SATISFIED = "not_satisfied"


#: States in which the complaint waits for the county side: they have a response deadline.
OPEN = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED})

S, A = Status, Action
#: (state, action) → next state. Anything not here is refused.
TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (S.NEW, A.ASSIGN): S.ASSIGNED,
    (S.REOPENED, A.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, A.ASSIGN): S.ASSIGNED,        # reassignment
    (S.IN_PROGRESS, A.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, A.START): S.IN_PROGRESS,
    (S.ASSIGNED, A.DRAFT): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.DRAFT): S.IN_PROGRESS,   # a new draft replaces the old one
    (S.IN_PROGRESS, A.APPROVE): S.REPLIED,
    (S.ASSIGNED, A.REPLY): S.REPLIED,
    (S.IN_PROGRESS, A.REPLY): S.REPLIED,
    (S.REPLIED, A.CLOSE): S.CLOSED,
    (S.REPLIED, A.SATISFIED): S.CLOSED,
    (S.CLOSED, A.SATISFIED): S.CLOSED,         # said after an officer closed it: kept
    (S.REPLIED, A.NOT_SATISFIED): S.REOPENED,
    (S.CLOSED, A.NOT_SATISFIED): S.REOPENED,
    (S.NEW, A.ESCALATE): S.NEW,
    (S.ASSIGNED, A.ESCALATE): S.NEW,
    (S.IN_PROGRESS, A.ESCALATE): S.NEW,
    (S.REOPENED, A.ESCALATE): S.REOPENED,
}
del S, A

STATUS_WORDS = {Status.NEW: "受理", Status.ASSIGNED: "已分派", Status.IN_PROGRESS: "办理中",
                Status.REPLIED: "已答复", Status.CLOSED: "办结", Status.REOPENED: "重新办理"}
LEVEL_WORDS = {Level.TOWNSHIP: "乡镇", Level.COUNTY: "县纪委"}
ACTION_WORDS = {Action.FILE: "受理", Action.ASSIGN: "分派", Action.START: "开始办理",
                Action.DRAFT: "拟写答复", Action.APPROVE: "审核发出答复", Action.REPLY: "答复",
                Action.CLOSE: "办结", Action.ESCALATE: "提级到县纪委",
                Action.SATISFIED: "群众满意", Action.NOT_SATISFIED: "群众不满意"}


class ComplaintFlowError(CountyError):
    """Root of the complaint-handling errors; the message is safe to show to an officer."""

    code = "complaint.error"


class TransitionRefused(ComplaintFlowError):
    """The action does not follow from the complaint's current state."""

    code = "complaint.transition_refused"


@dataclass(frozen=True)
class Step:
    """Where an allowed action leads."""

    status: Status
    level: Level


def allowed(status: Status) -> list[Action]:
    """The actions an officer or the villager may take from ``status``, in table order."""
    return [action for (state, action) in TRANSITIONS if state == status]


def step(status: Status, level: Level, action: Action, *, needs_approval: bool = False,
         draft_by: str | None = None, actor: str = "") -> Step:
    """The state and level after ``action``; raises :class:`TransitionRefused` when
    it does not follow.

    ``needs_approval``: the category's replies go out only when a second person
    approves a draft (so ``reply`` is refused, ``approve`` needs a draft by
    someone other than ``actor``).
    """
    target = TRANSITIONS.get((status, action))
    if target is None:
        follows = [s.value for (s, a) in TRANSITIONS if a == action]
        raise TransitionRefused(
            f"cannot {action.value} a complaint that is {status.value} "
            f"({STATUS_WORDS[status]}); {action.value} follows only from "
            f"{', '.join(dict.fromkeys(follows)) or 'nothing'}")
    if action is Action.ESCALATE and level is Level.COUNTY:
        raise TransitionRefused("cannot escalate: the complaint is at the county level "
                                "(县纪委) already, the highest")
    if action is Action.REPLY and needs_approval:
        raise TransitionRefused("replies of this category need a second person's approval: "
                                "save the reply as a draft, another officer approves it")
    if action is Action.APPROVE:
        if not draft_by:
            raise TransitionRefused("cannot approve: there is no draft reply")
        if draft_by == actor:
            raise TransitionRefused(f"cannot approve your own draft ({actor}): a second "
                                    "officer must approve it")
    up = Level.COUNTY if action in (Action.ESCALATE, Action.NOT_SATISFIED) else level
    return Step(target, up)
