"""Ticket numbers carry the filing terminal's code, bound at enrollment (issue 12).

A terminal sends its ``[terminal] code`` when it enrolls; from then on only it
files tickets under that code. Before this, a code belonged to whichever
terminal filed under it first, so a rogue terminal could claim another's
code before that one had filed anything.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine, select

from county.models import Terminal
from county.terminals import new_enrollment_code
from county_server.conftest import auth

FILED_AT = "2026-11-21T10:03:04+08:00"


def _enroll(engine: Engine, http: httpx.Client, terminal_code: str | None) -> dict[str, Any]:
    code, _ = new_enrollment_code(engine, township="高村镇", village="青山村",
                                  now=datetime.now(UTC), valid_for=timedelta(hours=1))
    body: dict[str, Any] = {"code": code}
    if terminal_code is not None:
        body["terminal_code"] = terminal_code
    answer = http.post("/api/v1/enroll", json=body)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _file(http: httpx.Client, who: dict[str, Any], ticket: str) -> httpx.Response:
    key = "k-" + ticket.replace("-", "")
    return http.post("/api/v1/complaints", headers=auth(who), json={
        "idempotency_key": key, "ticket_no": ticket, "category": "other", "text": "补贴没收到",
        "anonymous": True, "created_at": FILED_AT})


def _refused(answer: httpx.Response) -> bool:
    return (answer.status_code == 409
            and answer.json()["error"]["code"] == "complaint.ticket_not_yours")


def test_only_the_terminal_a_code_is_bound_to_files_under_it(
        seeded_engine: Engine, client: httpx.Client) -> None:
    qs01 = _enroll(seeded_engine, client, "QS01")
    qs02 = _enroll(seeded_engine, client, "QS02")
    # The claim: T2 files under QS01 before QS01's terminal filed anything.
    assert _refused(_file(client, qs02, "QS01-000001"))
    assert _refused(_file(client, qs02, "QS09-000001"))  # nor any code but its own
    assert _refused(_file(client, qs02, f"{qs01['terminal_id']}-000001"))
    assert _file(client, qs02, "QS02-000001").status_code == 200
    assert _file(client, qs02, f"{qs02['terminal_id']}-000002").status_code == 200
    assert _file(client, qs01, "QS01-000001").status_code == 200
    message = _file(client, qs02, "QS01-000002").json()["error"]["message"]
    assert "QS02" in message  # says which code the terminal has


def test_older_terminals_cannot_take_a_bound_code_and_re_enrollment_moves_it(
        seeded_engine: Engine, client: httpx.Client) -> None:
    qs01 = _enroll(seeded_engine, client, "QS01")
    legacy = _enroll(seeded_engine, client, None)  # a terminal from before binding
    assert _refused(_file(client, legacy, "QS01-000001"))
    assert _file(client, legacy, "LG01-000001").status_code == 200  # first claim, as before
    assert _refused(_file(client, qs01, "LG01-000002"))
    # The panel is enrolled again (e.g. as a village terminal): the new terminal owns QS01.
    assert _file(client, qs01, "QS01-000001").status_code == 200
    again = _enroll(seeded_engine, client, "QS01")
    assert _file(client, again, "QS01-000002").status_code == 200
    assert _refused(_file(client, qs01, "QS01-000003"))
    with seeded_engine.connect() as conn:
        codes = {r.id: r.code for r in conn.execute(select(Terminal.id, Terminal.code))}
    assert codes[again["terminal_id"]] == "QS01" and codes[qs01["terminal_id"]] is None


def test_a_malformed_terminal_code_is_refused_at_enrollment(
        seeded_engine: Engine, client: httpx.Client) -> None:
    code, _ = new_enrollment_code(seeded_engine, township="高村镇", village="青山村",
                                  now=datetime.now(UTC), valid_for=timedelta(hours=1))
    answer = client.post("/api/v1/enroll", json={"code": code, "terminal_code": "qs-01"})
    assert answer.status_code == 422
