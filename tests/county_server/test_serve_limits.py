"""What `county serve` holds up against (issue 12, the smaller findings)."""

from __future__ import annotations

import httpx
import pytest

from county_server.conftest import auth


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
