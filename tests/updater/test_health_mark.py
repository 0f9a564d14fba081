"""syncd's health mark says "this version runs", whatever the county's link does."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import __version__
from kiosk.config import load_config
from kiosk.health import read_mark
from kiosk.store import open_store
from sync.client import ClientSettings, CountyClient
from sync.errors import NetworkError
from sync.heartbeat import send_heartbeat
from updater.conftest import write_update_terminal


def _dead_url() -> str:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_county_out_of_reach_still_counts_as_healthy(tmp_path: Path,
                                                     release_key: Ed25519PrivateKey) -> None:
    # An update's health wait must not fail because the village link is down.
    term = write_update_terminal(tmp_path / "terminal", release_key)
    config = load_config(term.config)
    engine = open_store(term.db)
    settings = ClientSettings(connect_timeout_s=1, read_timeout_s=1, retries=0)
    try:
        with CountyClient(_dead_url(), "token", settings) as client, \
                pytest.raises(NetworkError):
            send_heartbeat(client, engine, config=config, uptime_s=1, now=datetime.now(UTC))
    finally:
        engine.dispose()
    mark = read_mark("syncd", health_dir=term.health)
    assert mark is not None and mark.version == __version__
