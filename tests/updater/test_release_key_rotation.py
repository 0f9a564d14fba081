"""Release key rotation, the whole way: county CLI, real county server, syncd, root installer.

The county signs a new key with the old one offline (`county release
sign-rotation`) and trusts it with that rotation (`county release rotate`);
an enrolled terminal holding the old key follows the signed chain, takes the
new key, fetches a bundle signed with it and root installs it. A key the
county trusts without a rotation signed by the terminal's key (`county
release trust` over the old one) is refused: the terminal keeps its key,
hands nothing to root, and tells the county why (``release.bad_rotation``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from county_server.live import LiveServer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)
from sqlalchemy import Engine
from syncd.conftest import enrollment_code

from county.cli.main import main as county_main
from county.releases import Scope, publish, trust_key
from kiosk.config import load_config
from kiosk.store import open_store
from sync.client import ClientSettings, CountyClient
from sync.enroll import enroll_terminal
from sync.fetch_refusal import REFUSAL_FILE
from sync.heartbeat import HeartbeatOutcome, send_heartbeat
from sync.protocol.release import (
    ReleaseError,
    generate_private_key,
    public_key_b64,
    public_key_pem,
)
from sync.protocol.release.rotation import follow_rotations, sign_rotation
from updater.conftest import UpdTerminal, write_update_terminal
from updater.fakerelease import make_bundle


def _county(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = county_main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _write_keys(directory: Path, key: Ed25519PrivateKey) -> tuple[Path, Path]:
    directory.mkdir(parents=True)
    private, public = directory / "private.pem", directory / "public.pem"
    private.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    private.chmod(0o600)
    public.write_bytes(public_key_pem(key.public_key()))
    return private, public


def _beat(term: UpdTerminal, url: str, now: datetime) -> HeartbeatOutcome:
    config = load_config(term.config)
    engine = open_store(term.db)
    try:
        token = json.loads((term.dir / "enrollment.json").read_text())["token"]
        with CountyClient(url, token, ClientSettings()) as client:
            return send_heartbeat(client, engine, config=config, uptime_s=5, now=now)
    finally:
        engine.dispose()


def _held_key(term: UpdTerminal) -> str:
    return str(json.loads((term.dir / "enrollment.json").read_text())["release_public_key"])


def test_a_signed_rotation_is_taken_and_an_unsigned_one_refused(
        tmp_path: Path, county_engine: Engine, release_key: Ed25519PrivateKey,
        capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(UTC)
    db = ["--db", county_engine.url.render_as_string(hide_password=False)]
    old_private, _ = _write_keys(tmp_path / "old", release_key)
    new_key, rogue_key = generate_private_key(), generate_private_key()
    _, new_public = _write_keys(tmp_path / "new", new_key)
    rogue_private, rogue_public = _write_keys(tmp_path / "rogue", rogue_key)
    trust_key(county_engine, public_key_pem(release_key.public_key()))
    term = write_update_terminal(tmp_path / "terminal", release_key, pubkey_file=False)
    with LiveServer(county_engine) as county:
        engine = open_store(term.db)
        enroll_terminal(load_config(term.config), engine, enrollment_code(county_engine),
                        county.url)
        engine.dispose()
        assert _held_key(term) == public_key_b64(release_key.public_key())

        # A rotation signed by another key than the trusted one: the county refuses it.
        forged = tmp_path / "forged.rotation"
        assert _county(capsys, "release", "sign-rotation", "--key", str(rogue_private),
                       "--new", str(new_public), "--out", str(forged))[0] == 0
        code, _, err = _county(capsys, "release", "rotate", str(new_public), "--rotation",
                               str(forged), *db)
        assert code == 1 and "release.bad_rotation" in err

        # The old key signs the new one (offline); the county trusts it with that.
        rotation = tmp_path / "new.rotation"
        code, out, err = _county(capsys, "release", "sign-rotation", "--key", str(old_private),
                                 "--new", str(new_public), "--out", str(rotation))
        assert code == 0 and "written to" in out, err
        code, out, err = _county(capsys, "release", "rotate", str(new_public), "--rotation",
                                 str(rotation), *db)
        assert code == 0 and "trusted through the signed rotation" in out, err
        bundle = make_bundle(tmp_path / "build", "2.0.0", key=new_key)
        publish(county_engine, "2.0.0", bundle, releases_dir=tmp_path / "store",
                scopes=[Scope("county")], pin=False, now=now)

        taken = _beat(term, county.url, now)
        assert taken.fetched is not None and taken.fetched.action == "ready"
        assert _held_key(term) == public_key_b64(new_key.public_key())
        done = term.cli("install", "--ready")  # root checks with the rotated key too
        assert done.returncode == 0, done.stderr
        assert term.dirs.current() == "2.0.0"

        # The county's key replaced without a rotation signed by the terminal's key.
        code, _, err = _county(capsys, "release", "trust", str(rogue_public), *db)
        assert code == 0, err
        rogue_bundle = make_bundle(tmp_path / "build", "3.0.0", key=rogue_key)
        publish(county_engine, "3.0.0", rogue_bundle, releases_dir=tmp_path / "store",
                scopes=[Scope("county")], pin=False, now=now)
        refused = _beat(term, county.url, now + timedelta(minutes=5))
        assert refused.fetched is None
        assert _held_key(term) == public_key_b64(new_key.public_key())  # kept
        assert not (term.spool / "ready" / "3.0.0.tar").exists()
        record = json.loads((term.spool / REFUSAL_FILE).read_text())
        assert (record["version"], record["code"]) == ("3.0.0", "release.bad_rotation")
        _beat(term, county.url, now + timedelta(minutes=10))  # tells the county
        code, out, _ = _county(capsys, "terminals", "--json", *db)
        [row] = json.loads(out)
        assert (row["last_update"]["version"], row["last_update"]["result"],
                row["last_update"]["code"]) == ("3.0.0", "refused", "release.bad_rotation")


def test_follow_rotations_walks_a_chain_and_refuses_a_gap() -> None:
    now = datetime.now(UTC)
    k1, k2, k3 = generate_private_key(), generate_private_key(), generate_private_key()
    one = sign_rotation(k1, k2.public_key(), now=now)
    two = sign_rotation(k2, k3.public_key(), now=now)
    # Oldest first or not: each step must verify with the key before it.
    reached = follow_rotations(k1.public_key(), k3.public_key(), [two, one])
    assert public_key_b64(reached) == public_key_b64(k3.public_key())
    with pytest.raises(ReleaseError, match="not signed over") as gap:
        follow_rotations(k1.public_key(), k3.public_key(), [two])
    assert gap.value.code == "release.bad_rotation"
    tampered = json.loads(one)
    tampered["statement"] = tampered["statement"][:-4] + "AAA="
    with pytest.raises(ReleaseError, match="not signed over"):
        follow_rotations(k1.public_key(), k2.public_key(), [json.dumps(tampered)])
