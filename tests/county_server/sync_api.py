"""Helpers for tests of the sync API over real HTTP (test_protocol.py,
test_complaint_wire.py): a terminal's complaint body, and every page of `changes`."""

from __future__ import annotations

from typing import Any

import httpx

from sync.protocol import ChangesPage

__all__ = ["complaint", "pull_all"]


def pull_all(http: httpx.Client, headers: dict[str, str], since: str | None = None,
             limit: int = 5000) -> tuple[list[ChangesPage], str]:
    """GET /api/v1/changes from ``since`` until nothing more: (pages, last cursor); checks
    the cursor never goes back."""
    pages: list[ChangesPage] = []
    cursor = since
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["since"] = cursor
        answer = http.get("/api/v1/changes", params=params, headers=headers)
        assert answer.status_code == 200, answer.text
        page = ChangesPage.model_validate(answer.json())
        pages.append(page)
        if cursor is not None:
            assert int(page.next_cursor) >= int(cursor)
        cursor = page.next_cursor
        if not page.has_more:
            return pages, cursor


def complaint(key: str, **over: Any) -> dict[str, Any]:
    """The JSON body of a real-name complaint as a terminal posts it, ``over`` replacing
    fields."""
    body: dict[str, Any] = {
        "idempotency_key": key, "ticket_no": "T00001-000001", "category": "not_received",
        "item_code": "DIBAO", "text": "十月份的低保没有收到。", "phone": "13812345678",
        "anonymous": False, "id_hash": "a" * 64, "name": "龙德贵",
        "created_at": "2026-11-21T02:03:04+00:00"}
    body.update(over)
    return body
