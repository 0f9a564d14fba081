"""What `county serve` holds up against (issue 12, the smaller findings)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from county.complaints import ComplaintLimits, list_complaints
from county_server.conftest import auth, enroll_terminal
from county_server.live import LiveServer


@pytest.mark.parametrize("token", [
    pytest.param("s1.1.5.zzz", id="letters for the complaint ids"),
    pytest.param("s1.1.4.12a", id="letters for the payment ids"),
    pytest.param("s1.1.1.x", id="a key in the settings section"),
    pytest.param("s1.1.4.99999999999999999999", id="a payment id beyond BIGINT"),
])
def test_a_resume_token_with_an_impossible_key_is_400(client: httpx.Client,
                                                      terminal: dict[str, str],
                                                      token: str) -> None:
    answer = client.get("/api/v1/snapshot", params={"resume": token}, headers=auth(terminal))
    assert answer.status_code == 400, answer.text[:200]
    assert answer.json()["error"]["code"] == "snapshot.invalid_resume"


FILED_AT = datetime.now(UTC).isoformat()


def _complaint(key: str) -> dict[str, Any]:
    return {"idempotency_key": key, "ticket_no": f"T-{key}", "category": "other",
            "text": "补贴没收到", "anonymous": True, "created_at": FILED_AT}


def test_a_terminal_beyond_its_complaint_cap_gets_429_and_retries_still_answer(
        seeded_engine: Engine) -> None:
    with LiveServer(seeded_engine, complaint_limits=ComplaintLimits(per_hour=3,
                                                                    per_day=10)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as http:
        flooding = enroll_terminal(seeded_engine, http)
        other = enroll_terminal(seeded_engine, http)
        for n in range(3):
            answer = http.post("/api/v1/complaints", json=_complaint(f"flood-{n:04d}"),
                               headers=auth(flooding))
            assert answer.status_code == 200, answer.text
        refused = http.post("/api/v1/complaints", json=_complaint("flood-0003"),
                            headers=auth(flooding))
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "complaint.rate_limited"
        assert 1 <= int(refused.headers["Retry-After"]) <= 3600
        # A retry of a complaint already received is answered, cap or not.
        again = http.post("/api/v1/complaints", json=_complaint("flood-0001"),
                          headers=auth(flooding))
        assert again.status_code == 200 and again.json()["duplicate"] is True
        # The cap is per terminal.
        fine = http.post("/api/v1/complaints", json=_complaint("other-0001"),
                         headers=auth(other))
        assert fine.status_code == 200, fine.text
    assert len(list_complaints(seeded_engine, terminal_id=flooding["terminal_id"])) == 3
