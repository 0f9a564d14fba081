"""Which release key a terminal trusts (sync.protocol.release.trust), as both the sync
daemon and the installer ask it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.config import Config, load_config
from kiosk.enrollment import Enrollment, save_enrollment
from sync.protocol.release import generate_private_key, key_id, public_key_b64, public_key_pem
from sync.protocol.release.trust import ReleaseKeyError, load_release_key


def _config(tmp_path: Path, *, pubkey: Path | None = None) -> Config:
    lines = ["[enrollment]", f'file = "{tmp_path / "enrollment.json"}"', "[update]"]
    if pubkey is not None:
        lines.append(f'pubkey = "{pubkey}"')
    path = tmp_path / "kiosk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_config(path)


def _enroll(tmp_path: Path, release_public_key: str) -> None:
    save_enrollment(tmp_path / "enrollment.json", Enrollment(
        terminal_id="T00001", token="t" * 32, lookup_key=b"k" * 32,
        server_url="https://county.example", release_public_key=release_public_key,
        enrolled_at=datetime(2026, 11, 20, tzinfo=UTC)))


def test_the_configured_key_file_wins_over_the_enrollments(
        tmp_path: Path, key: Ed25519PrivateKey) -> None:
    pem = tmp_path / "release-public.pem"
    pem.write_bytes(public_key_pem(key.public_key()))
    _enroll(tmp_path, public_key_b64(generate_private_key().public_key()))
    trusted = load_release_key(_config(tmp_path, pubkey=pem))
    assert key_id(trusted) == key_id(key.public_key())


def test_without_a_key_file_the_enrollments_key_is_trusted(
        tmp_path: Path, key: Ed25519PrivateKey) -> None:
    _enroll(tmp_path, public_key_b64(key.public_key()))
    assert key_id(load_release_key(_config(tmp_path))) == key_id(key.public_key())


@pytest.mark.parametrize(("enrolled", "says"), [
    (None, "no usable release key"),
    ("", "the county gave no release key at enrollment"),
    ("bm90IGEga2V5", "enrollment release key"),
])
def test_no_usable_key_is_update_no_key(tmp_path: Path, enrolled: str | None,
                                        says: str) -> None:
    if enrolled is not None:
        _enroll(tmp_path, enrolled)
    with pytest.raises(ReleaseKeyError) as caught:
        load_release_key(_config(tmp_path))
    assert caught.value.code == "update.no_key"
    assert caught.value.message.startswith(says)
    assert "update.no_key" not in str(caught.value)
