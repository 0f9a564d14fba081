"""Property-based fuzzing of the API from its own OpenAPI spec (schemathesis): no 500s.

Schemathesis generates valid and invalid requests for every operation of
``/api/v1/openapi.json`` and sends them to the real server (uvicorn on
loopback) with a valid terminal token. Whatever it sends, the answer must
not be a server error, and any error answer has the JSON error body.
Schemathesis' own pytest plugin is not used (it does not work with this
pytest); each operation's hypothesis strategy is driven by ``@given`` here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from county.db import open_county_db
from county_server.conftest import auth, enroll_terminal
from county_server.live import LiveServer

#: Examples per operation and backend (raise it locally to dig deeper: 300 finds nothing).
EXAMPLES = int(os.environ.get("COUNTY_FUZZ_EXAMPLES", "50"))
OPERATIONS = ["POST /api/v1/enroll", "GET /api/v1/changes", "GET /api/v1/snapshot",
              "POST /api/v1/complaints", "POST /api/v1/heartbeat",
              "GET /api/v1/releases/{version}"]


def _operation(schema: Any, label: str) -> Any:
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.label == label:
            return operation
    raise AssertionError(f"{label} is not in the OpenAPI spec")


@pytest.fixture
def small_server(county_url: str) -> Iterator[LiveServer]:
    """The real server on an empty county (catalogue only): a snapshot is small."""
    engine = open_county_db(county_url)
    with LiveServer(engine) as live:
        yield live
    engine.dispose()


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_server_errors(small_server: LiveServer, label: str) -> None:
    server = small_server
    # Generous timeouts: a loaded CI machine answers late, never wrongly.
    with httpx.Client(base_url=server.url, timeout=120) as http:
        terminal = enroll_terminal(server.engine, http)
        spec = http.get("/api/v1/openapi.json").json()
    operation = _operation(schemathesis.openapi.from_dict(spec), label)
    headers = auth(terminal)
    seen: list[int] = []

    with requests.Session() as session:

        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def fuzz(case: Any) -> None:
            response = case.call(base_url=server.url, session=session, headers=headers,
                                 timeout=120)
            seen.append(response.status_code)
            case.validate_response(response, checks=[not_a_server_error])
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"error"}, body
                assert set(body["error"]) == {"code", "message"}, body

        fuzz()
    assert seen and max(seen) < 500
