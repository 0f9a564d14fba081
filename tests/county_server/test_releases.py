"""Releases on the real county server (SQLite and PostgreSQL): scopes, pins, Range downloads.

A release published to a pilot township is offered only to its terminals,
then to everyone when widened; a pin offers a lower version with
``pinned=true``; the bundle downloads byte-exact and resumes by Range; a
tampered or foreign bundle never gets published.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st
from releases.helpers import good_bundle
from sqlalchemy import Engine

from county.releases import (
    PublishError,
    Scope,
    list_releases,
    publish,
    trust_key,
    unpin,
    withdraw,
)
from county.releases.download import ByteRange, RangeNotSatisfiable, parse_range
from county_server.conftest import auth, enroll_terminal
from county_server.release_offers import OTHER, PILOT, beat, offered
from sync.protocol.release import generate_private_key, public_key_b64, public_key_pem

_KEY = generate_private_key()


def _now() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def trusted(seeded_engine: Engine) -> Ed25519PrivateKey:
    trust_key(seeded_engine, public_key_pem(_KEY.public_key()))
    return _KEY


def _publish(engine: Engine, bundle: Path, tmp_path: Path, *scopes: Scope,
             pin: bool = False, version: str = "1.4.0") -> None:
    publish(engine, version, bundle, releases_dir=tmp_path / "store", scopes=scopes, pin=pin,
            now=_now())


def test_pilot_township_first_then_the_whole_county(seeded_engine: Engine, client: httpx.Client,
                                                     trusted: Ed25519PrivateKey,
                                                     tmp_path: Path) -> None:
    pilot = enroll_terminal(seeded_engine, client, township=PILOT)
    other = enroll_terminal(seeded_engine, client, township=OTHER, village="兰里村")
    assert other["release_public_key"] == public_key_b64(trusted.public_key())
    bundle = good_bundle(tmp_path, trusted, now=_now())
    _publish(seeded_engine, bundle, tmp_path, Scope("township", PILOT))

    hb = beat(client, pilot, "1.3.0")
    assert hb.release is not None
    assert (hb.release.version, hb.release.pinned) == ("1.4.0", False)
    stored = tmp_path / "store" / "village-kiosk-1.4.0.bundle"
    assert hb.release.size == stored.stat().st_size == bundle.stat().st_size
    assert hb.release.sha256 == hashlib.sha256(bundle.read_bytes()).hexdigest()
    assert offered(client, other, "1.3.0") is None
    refused = client.get("/api/v1/releases/1.4.0", headers=auth(other))
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "request.not_found"
    assert offered(client, pilot, "1.4.0") is None  # already running it
    assert offered(client, pilot, "1.5.0") is None  # never offered downwards unpinned

    _publish(seeded_engine, bundle, tmp_path, Scope("county"))  # widen
    assert offered(client, other, "1.3.0") == ("1.4.0", False)
    assert client.get("/api/v1/releases/1.4.0", headers=auth(other)).content == \
        bundle.read_bytes()
    [row] = list_releases(seeded_engine)
    assert row.scopes == (f"township:{PILOT}", "county")


def test_newest_in_scope_wins_and_pin_offers_a_lower_version(
        seeded_engine: Engine, client: httpx.Client, trusted: Ed25519PrivateKey,
        tmp_path: Path) -> None:
    terminal = enroll_terminal(seeded_engine, client, township=PILOT)
    bystander = enroll_terminal(seeded_engine, client, township=PILOT)
    old = good_bundle(tmp_path / "old", trusted, version="1.3.0", now=_now())
    new = good_bundle(tmp_path / "new", trusted, version="1.10.0", now=_now())
    _publish(seeded_engine, old, tmp_path, version="1.3.0")
    _publish(seeded_engine, new, tmp_path, Scope("township", PILOT), version="1.10.0")
    assert offered(client, terminal, "1.2.0") == ("1.10.0", False)  # 1.10 > 1.3, not text order

    # Roll one terminal back: pin it to 1.3.0.
    _publish(seeded_engine, old, tmp_path, Scope("terminal", terminal["terminal_id"]),
             pin=True, version="1.3.0")
    assert offered(client, terminal, "1.10.0") == ("1.3.0", True)
    assert offered(client, terminal, "1.3.0") is None
    assert offered(client, bystander, "1.10.0") is None
    assert list_releases(seeded_engine)[1].pinned_terminals == (terminal["terminal_id"],)

    assert unpin(seeded_engine, [Scope("terminal", terminal["terminal_id"])]).unpinned == 1
    assert offered(client, terminal, "1.3.0") == ("1.10.0", False)

    assert withdraw(seeded_engine, "1.10.0", now=_now()) == 0
    assert offered(client, terminal, "1.2.0") == ("1.3.0", False)
    gone = client.get("/api/v1/releases/1.10.0", headers=auth(terminal))
    assert gone.status_code == 404
    with pytest.raises(PublishError, match="withdrawn"):
        _publish(seeded_engine, new, tmp_path, version="1.10.0")


def test_a_terminal_is_offered_only_its_own_channel(
        seeded_engine: Engine, client: httpx.Client, trusted: Ed25519PrivateKey,
        tmp_path: Path) -> None:
    terminal = enroll_terminal(seeded_engine, client, township=PILOT)
    stable = good_bundle(tmp_path / "stable", trusted, version="1.4.0", now=_now())
    pilot = good_bundle(tmp_path / "pilot", trusted, version="1.5.0", channel="pilot",
                        now=_now())
    _publish(seeded_engine, stable, tmp_path, version="1.4.0")
    _publish(seeded_engine, pilot, tmp_path, version="1.5.0")
    assert offered(client, terminal, "1.3.0", "stable") == ("1.4.0", False)
    assert offered(client, terminal, "1.3.0", "pilot") == ("1.5.0", False)
    assert offered(client, terminal, "1.3.0") == ("1.5.0", False)  # too old to say: any
    assert offered(client, terminal, "1.4.0", "stable") is None
    # A pin of the other channel does not hold a stable terminal back on its version.
    _publish(seeded_engine, pilot, tmp_path, Scope("terminal", terminal["terminal_id"]),
             pin=True, version="1.5.0")
    assert offered(client, terminal, "1.3.0", "stable") == ("1.4.0", False)
    assert offered(client, terminal, "1.3.0", "pilot") == ("1.5.0", True)
    bad = client.post("/api/v1/heartbeat", headers=auth(terminal), json={
        "version": "1.3.0", "uptime_s": 1, "reader": "ready", "printer": "ready",
        "outbox_depth": 0, "disk_free_bytes": 1, "channel": "Stable!"})
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "request.invalid"


def test_download_resumes_by_range(seeded_engine: Engine, client: httpx.Client,
                                   trusted: Ed25519PrivateKey, tmp_path: Path) -> None:
    terminal = enroll_terminal(seeded_engine, client)
    bundle = good_bundle(tmp_path, trusted, now=_now())
    _publish(seeded_engine, bundle, tmp_path)
    data = bundle.read_bytes()
    url, headers = "/api/v1/releases/1.4.0", auth(terminal)

    full = client.get(url, headers=headers)
    assert full.status_code == 200 and full.content == data
    assert full.headers["accept-ranges"] == "bytes"
    etag = full.headers["etag"]
    assert etag == f'"{hashlib.sha256(data).hexdigest()}"'

    cut = 3000  # a download cut short: ask for the rest
    rest = client.get(url, headers={**headers, "Range": f"bytes={cut}-", "If-Range": etag})
    assert rest.status_code == 206
    assert rest.headers["content-range"] == f"bytes {cut}-{len(data) - 1}/{len(data)}"
    assert int(rest.headers["content-length"]) == len(data) - cut
    assert data[:cut] + rest.content == data

    middle = client.get(url, headers={**headers, "Range": "bytes=100-611"})
    assert (middle.status_code, middle.content) == (206, data[100:612])
    tail = client.get(url, headers={**headers, "Range": "bytes=-10"})
    assert (tail.status_code, tail.content) == (206, data[-10:])

    past = client.get(url, headers={**headers, "Range": f"bytes={len(data)}-"})
    assert past.status_code == 416
    assert past.headers["content-range"] == f"bytes */{len(data)}"
    assert past.json()["error"]["code"] == "request.range_not_satisfiable"

    # A partial file of some other bundle: If-Range does not match, so the whole file comes.
    stale = client.get(url, headers={**headers, "Range": "bytes=10-", "If-Range": '"abc"'})
    assert (stale.status_code, stale.content) == (200, data)
    several = client.get(url, headers={**headers, "Range": "bytes=0-1,5-6"})
    assert (several.status_code, several.content) == (200, data)
    assert client.get(url).status_code == 401


def test_publish_refuses_bad_bundles(seeded_engine: Engine, tmp_path: Path) -> None:
    bundle = good_bundle(tmp_path, _KEY, now=_now())
    with pytest.raises(PublishError, match="trusts no release key"):
        _publish(seeded_engine, bundle, tmp_path)
    trust_key(seeded_engine, public_key_pem(_KEY.public_key()))

    foreign = good_bundle(tmp_path / "foreign", generate_private_key(), now=_now())
    with pytest.raises(PublishError, match=r"refused \(release.wrong_key\)"):
        _publish(seeded_engine, foreign, tmp_path)

    tampered = tmp_path / "tampered.bundle"
    data = bytearray(bundle.read_bytes())
    data[-2048] ^= 0xFF  # inside the last wheel
    tampered.write_bytes(bytes(data))
    with pytest.raises(PublishError, match=r"refused \(release.file_mismatch\)"):
        _publish(seeded_engine, tampered, tmp_path)

    with pytest.raises(PublishError, match=r"holds release 1\.4\.0, not 1\.5\.0"):
        _publish(seeded_engine, bundle, tmp_path, version="1.5.0")
    assert list_releases(seeded_engine) == []
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").iterdir())

    _publish(seeded_engine, bundle, tmp_path)
    rebuilt = good_bundle(tmp_path / "rebuilt", _KEY, now=_now())  # same version, other bytes
    with pytest.raises(PublishError, match="already published with a different bundle"):
        _publish(seeded_engine, rebuilt, tmp_path)


@given(header=st.one_of(st.none(), st.text(max_size=40),
                        st.from_regex(r"bytes=\d{0,6}-\d{0,6}", fullmatch=True)),
       size=st.integers(0, 10**6))
def test_any_range_header_gives_a_range_inside_the_file_or_a_clear_answer(
        header: str | None, size: int) -> None:
    try:
        byte_range = parse_range(header, size)
    except RangeNotSatisfiable:
        return
    if byte_range is not None:
        assert 0 <= byte_range.start <= byte_range.end < size
        assert byte_range.length == byte_range.end - byte_range.start + 1


@pytest.mark.parametrize(("header", "size", "expected"), [
    ("bytes=0-", 10, ByteRange(0, 9)),
    ("bytes=4-100", 10, ByteRange(4, 9)),
    ("bytes=-3", 10, ByteRange(7, 9)),
    ("bytes=-30", 10, ByteRange(0, 9)),
    ("bytes=5-4", 10, None),
    ("bytes=0-1,4-5", 10, None),
    ("items=0-1", 10, None),
    ("bytes=-", 10, None),
])
def test_range_forms(header: str, size: int, expected: ByteRange | None) -> None:
    assert parse_range(header, size) == expected


@pytest.mark.parametrize("header", ["bytes=10-", "bytes=10-20", "bytes=-0"])
def test_unsatisfiable_ranges(header: str) -> None:
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, 10)
