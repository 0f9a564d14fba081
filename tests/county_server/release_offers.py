"""What the county server offers a terminal in its heartbeat answer, for the release tests
(test_releases.py, test_update_reports.py), and the two townships they publish to."""

from __future__ import annotations

import httpx

from county_server.conftest import auth
from sync.protocol import HeartbeatAnswer

__all__ = ["OTHER", "PILOT", "beat", "offered"]

#: The pilot township a release is published to first, and one it is not.
PILOT, OTHER = "高村镇", "兰里镇"


def beat(http: httpx.Client, terminal: dict[str, str], version: str,
         channel: str | None = None) -> HeartbeatAnswer:
    """A heartbeat of ``terminal`` running ``version``; the server's answer."""
    body: dict[str, object] = {
        "version": version, "uptime_s": 60, "reader": "ready", "printer": "ready",
        "outbox_depth": 0, "disk_free_bytes": 2**30}
    if channel is not None:
        body["channel"] = channel
    answer = http.post("/api/v1/heartbeat", headers=auth(terminal), json=body)
    assert answer.status_code == 200, answer.text
    return HeartbeatAnswer.model_validate(answer.json())


def offered(http: httpx.Client, terminal: dict[str, str], running: str,
            channel: str | None = None) -> tuple[str, bool] | None:
    """(version, pinned) the heartbeat answer offers, or None; checks the action agrees."""
    hb = beat(http, terminal, running, channel)
    installs = [a.detail for a in hb.pending_actions if a.kind == "install_release"]
    if hb.release is None:
        assert installs == []
        return None
    assert installs == [hb.release.version]
    assert hb.release.url == f"/api/v1/releases/{hb.release.version}"
    return hb.release.version, hb.release.pinned
