"""Small-update routes on the real county server (SQLite and PostgreSQL).

``GET /api/v1/releases/V/manifest`` answers the bundle's signed part exactly;
``GET /api/v1/releases/V/files/SHA256`` answers a listed wheel's bytes out of
the stored bundle, resumable by Range; both need the token and a release
published to the terminal's scope, like the bundle itself.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import httpx
from releases.helpers import good_bundle, read_members
from sqlalchemy import Engine

from county.releases import Scope, publish, trust_key
from county_server.conftest import auth, enroll_terminal
from sync.protocol.release import generate_private_key, public_key_pem, verify_bundle
from sync.protocol.release.delta import ManifestAnswer, verify_manifest

_KEY = generate_private_key()


def test_manifest_and_files_by_hash(seeded_engine: Engine, client: httpx.Client,
                                    tmp_path: Path) -> None:
    now = datetime.now(UTC)
    trust_key(seeded_engine, public_key_pem(_KEY.public_key()))
    terminal = enroll_terminal(seeded_engine, client)
    bundle = good_bundle(tmp_path, _KEY, now=now)
    publish(seeded_engine, "1.4.0", bundle, releases_dir=tmp_path / "store",
            scopes=[Scope("county")], pin=False, now=now)
    members = read_members(bundle)
    headers = auth(terminal)

    answer = client.get("/api/v1/releases/1.4.0/manifest", headers=headers)
    assert answer.status_code == 200, answer.text
    signed = ManifestAnswer.model_validate(answer.json())
    assert signed.manifest.encode() == members[0].data
    assert signed.signature.encode() == members[1].data
    manifest = verify_manifest(signed.manifest.encode(), signed.signature.encode(),
                               _KEY.public_key(), now=now, channel="stable")
    assert manifest == verify_bundle(bundle, _KEY.public_key(), now=now).manifest

    for member in members[2:]:
        digest = hashlib.sha256(member.data).hexdigest()
        url = f"/api/v1/releases/1.4.0/files/{digest}"
        whole = client.get(url, headers=headers)
        assert whole.status_code == 200 and whole.content == member.data
        assert whole.headers["etag"] == f'"{digest}"'
        rest = client.get(url, headers={**headers, "Range": "bytes=1000-",
                                        "If-Range": f'"{digest}"'})
        assert rest.status_code == 206 and rest.content == member.data[1000:]
        assert rest.headers["content-range"] == \
            f"bytes 1000-{len(member.data) - 1}/{len(member.data)}"
        past = client.get(url, headers={**headers, "Range": f"bytes={len(member.data)}-"})
        assert past.status_code == 416

    unlisted = client.get(f"/api/v1/releases/1.4.0/files/{'0' * 64}", headers=headers)
    assert unlisted.status_code == 404
    assert unlisted.json()["error"]["code"] == "request.not_found"
    assert client.get("/api/v1/releases/1.4.0/files/..%2Fmanifest.json",
                      headers=headers).status_code in (404, 422)
    assert client.get("/api/v1/releases/9.9.9/manifest", headers=headers).status_code == 404
    assert client.get("/api/v1/releases/1.4.0/manifest").status_code == 401


def test_a_release_for_another_township_serves_nothing(seeded_engine: Engine,
                                                       client: httpx.Client,
                                                       tmp_path: Path) -> None:
    now = datetime.now(UTC)
    trust_key(seeded_engine, public_key_pem(_KEY.public_key()))
    terminal = enroll_terminal(seeded_engine, client)  # a 高村镇 terminal
    bundle = good_bundle(tmp_path, _KEY, now=now)
    publish(seeded_engine, "1.4.0", bundle, releases_dir=tmp_path / "store",
            scopes=[Scope("township", "兰里镇")], pin=False, now=now)
    digest = hashlib.sha256(read_members(bundle)[2].data).hexdigest()
    for url in ("/api/v1/releases/1.4.0/manifest", f"/api/v1/releases/1.4.0/files/{digest}"):
        answer = client.get(url, headers=auth(terminal))
        assert answer.status_code == 404, url
