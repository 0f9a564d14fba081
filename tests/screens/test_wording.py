"""What the clerk screen says about the last update and the refused complaints (no Qt)."""

from __future__ import annotations

import pytest

from kiosk.update_state import Attempt, Result
from ui.wording import rejected_complaints_text, sync_error_text, update_attempt_text


def _attempt(result: Result, code: str, *, finished: str = "2026-11-22T01:03:00+00:00",
             from_version: str | None = "0.1.0") -> Attempt:
    return Attempt("1.4.0", from_version, "2026-11-22T01:00:00+00:00", finished, result, code,
                   "details for the log")


@pytest.mark.parametrize(("attempt", "text"), [
    (None, "没有更新记录"),
    (_attempt("ok", "update.ok"), "1.4.0 已装好（2026-11-22 09:03）"),
    (_attempt("ok", "update.ok", finished="yesterday"), "1.4.0 已装好（yesterday）"),
    (_attempt("refused", "release.bad_signature"),
     "1.4.0 没有通过校验，没有安装（release.bad_signature）"),
    (_attempt("failed", "update.migration_failed"),
     "1.4.0 没装成，已退回 0.1.0（update.migration_failed）"),
    (_attempt("failed", "update.interrupted", from_version=None),
     "1.4.0 没装成，已退回原版本（update.interrupted）"),
    (_attempt("failed", "update.build_failed"), "1.4.0 没装成，仍用原版本（update.build_failed）"),
], ids=["never", "installed", "odd-time", "refused", "reverted", "reverted-first", "build"])
def test_update_attempt_text(attempt: Attempt | None, text: str) -> None:
    assert update_attempt_text(attempt) == text


@pytest.mark.parametrize(("count", "tickets", "text"), [
    (0, (), "没有"),
    (1, ("QS01-000007",), "1 条：QS01-000007，请把编号报给县里"),
    (5, ("QS01-000009", "QS01-000008", "QS01-000007"),
     "5 条：QS01-000009、QS01-000008、QS01-000007等，请把编号报给县里"),
])
def test_rejected_complaints_text(count: int, tickets: tuple[str, ...], text: str) -> None:
    assert rejected_complaints_text(count, tickets) == text


def test_sync_error_text_explains_the_complaint_cap() -> None:
    cap = sync_error_text("complaint.rate_limited", "POST /complaints: HTTP 429 …")
    assert "不会丢失" in cap and "HTTP" not in cap
    assert sync_error_text("sync.network", "GET /changes: timed out") == \
        "GET /changes: timed out"
