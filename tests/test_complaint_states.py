"""The complaint state table: every allowed transition, and every refusal, by name."""

from __future__ import annotations

import itertools

import pytest

from county.complaint_flow.states import (
    TRANSITIONS,
    Action,
    Level,
    Status,
    Step,
    TransitionRefused,
    allowed,
    step,
)

S, A, T, C = Status, Action, Level.TOWNSHIP, Level.COUNTY

#: (from, action, level before) → (to, level after): the life of issue 15, written out.
EXPECTED = [
    (S.NEW, A.ASSIGN, T, S.ASSIGNED, T),
    (S.REOPENED, A.ASSIGN, C, S.ASSIGNED, C),
    (S.ASSIGNED, A.ASSIGN, T, S.ASSIGNED, T),
    (S.IN_PROGRESS, A.ASSIGN, T, S.ASSIGNED, T),
    (S.ASSIGNED, A.START, T, S.IN_PROGRESS, T),
    (S.ASSIGNED, A.DRAFT, T, S.IN_PROGRESS, T),
    (S.IN_PROGRESS, A.DRAFT, T, S.IN_PROGRESS, T),
    (S.ASSIGNED, A.REPLY, T, S.REPLIED, T),
    (S.IN_PROGRESS, A.REPLY, C, S.REPLIED, C),
    (S.REPLIED, A.CLOSE, T, S.CLOSED, T),
    (S.REPLIED, A.SATISFIED, T, S.CLOSED, T),
    (S.CLOSED, A.SATISFIED, T, S.CLOSED, T),
    (S.REPLIED, A.NOT_SATISFIED, T, S.REOPENED, C),
    (S.CLOSED, A.NOT_SATISFIED, T, S.REOPENED, C),
    (S.REPLIED, A.NOT_SATISFIED, C, S.REOPENED, C),  # the county is the top: stays there
    (S.NEW, A.ESCALATE, T, S.NEW, C),
    (S.ASSIGNED, A.ESCALATE, T, S.NEW, C),
    (S.IN_PROGRESS, A.ESCALATE, T, S.NEW, C),
    (S.REOPENED, A.ESCALATE, T, S.REOPENED, C),
]


@pytest.mark.parametrize(("before", "action", "level", "after", "level_after"), EXPECTED,
                         ids=[f"{e[0]}-{e[1]}-{e[2]}" for e in EXPECTED])
def test_allowed_transition(before: Status, action: Action, level: Level, after: Status,
                            level_after: Level) -> None:
    assert step(before, level, action) == Step(after, level_after)


def test_table_is_exactly_the_expected_life() -> None:
    assert set(TRANSITIONS) == {(e[0], e[1]) for e in EXPECTED} | {(S.IN_PROGRESS, A.APPROVE)}


REFUSED = [(s, a) for s, a in itertools.product(Status, Action) if (s, a) not in TRANSITIONS]


@pytest.mark.parametrize(("before", "action"), REFUSED, ids=[f"{s}-{a}" for s, a in REFUSED])
def test_every_other_change_is_refused_with_a_clear_error(before: Status,
                                                          action: Action) -> None:
    with pytest.raises(TransitionRefused) as refused:
        step(before, Level.TOWNSHIP, action, draft_by="a", actor="b")
    assert str(refused.value).startswith(f"cannot {action.value} a complaint that is "
                                         f"{before.value} (")
    assert refused.value.code == "complaint.transition_refused"


def test_closing_a_new_complaint_says_what_close_follows_from() -> None:
    with pytest.raises(TransitionRefused, match=r"cannot close a complaint that is new \(受理\); "
                                                r"close follows only from replied"):
        step(S.NEW, T, A.CLOSE)


def test_escalating_at_the_county_is_refused() -> None:
    with pytest.raises(TransitionRefused, match=r"county level .* already"):
        step(S.NEW, C, A.ESCALATE)


def test_two_person_reply() -> None:
    with pytest.raises(TransitionRefused, match="second person's approval"):
        step(S.IN_PROGRESS, T, A.REPLY, needs_approval=True)
    with pytest.raises(TransitionRefused, match="no draft"):
        step(S.IN_PROGRESS, T, A.APPROVE, needs_approval=True, draft_by=None, actor="b")
    with pytest.raises(TransitionRefused, match="your own draft"):
        step(S.IN_PROGRESS, T, A.APPROVE, needs_approval=True, draft_by="a", actor="a")
    assert step(S.IN_PROGRESS, T, A.APPROVE, needs_approval=True, draft_by="a",
                actor="b") == Step(S.REPLIED, T)
    # Without approval configured, a draft can still be approved by a second person.
    assert step(S.IN_PROGRESS, T, A.APPROVE, draft_by="a", actor="b") == Step(S.REPLIED, T)


def test_allowed_lists_the_actions_of_a_state() -> None:
    assert allowed(S.NEW) == [A.ASSIGN, A.ESCALATE]
    assert allowed(S.REPLIED) == [A.CLOSE, A.SATISFIED, A.NOT_SATISFIED]
    assert allowed(S.CLOSED) == [A.SATISFIED, A.NOT_SATISFIED]
