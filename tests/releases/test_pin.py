"""Signed pins (sync.protocol.release.pin): what makes one count, and what does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol.release import ReleaseCode, ReleaseError, generate_private_key
from sync.protocol.release.pin import MAX_PIN_BYTES, sign_pin, verify_pin

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return generate_private_key()


def _pin(key: Ed25519PrivateKey, version: str = "1.3.0",
         scopes: tuple[str, ...] = ("county",)) -> bytes:
    return sign_pin(key, version, scopes, now=NOW, expires_at=NOW + timedelta(days=30))


def test_a_good_pin_verifies(key: Ed25519PrivateKey) -> None:
    statement = verify_pin(_pin(key), key.public_key(), version="1.3.0", now=NOW)
    assert (statement.version, statement.scopes) == ("1.3.0", ("county",))
    assert len(_pin(key)) < MAX_PIN_BYTES


@pytest.mark.parametrize(("scopes", "terminal_id", "township", "ok"), [
    pytest.param(("township:高村镇",), "T00001", "高村镇", True, id="its township"),
    pytest.param(("terminal:T00001",), "T00001", None, True, id="this terminal"),
    pytest.param(("township:高村镇",), "T00001", "白岩乡", False, id="another township"),
    pytest.param(("terminal:T00002",), "T00001", "高村镇", False, id="another terminal"),
    pytest.param(("terminal:T00002",), None, None, False, id="terminal unknown"),
])
def test_scopes(key: Ed25519PrivateKey, scopes: tuple[str, ...], terminal_id: str | None,
                township: str | None, ok: bool) -> None:
    pin = _pin(key, scopes=scopes)
    if ok:
        verify_pin(pin, key.public_key(), version="1.3.0", now=NOW, terminal_id=terminal_id,
                   township=township)
        return
    with pytest.raises(ReleaseError) as caught:
        verify_pin(pin, key.public_key(), version="1.3.0", now=NOW, terminal_id=terminal_id,
                   township=township)
    assert caught.value.code == ReleaseCode.BAD_PIN and "not for this terminal" in str(
        caught.value)


@pytest.mark.parametrize(("case", "words"), [
    ("other key", "not signed with the trusted release key"),
    ("other version", "is for release 1.2.0, not 1.3.0"),
    ("expired", "expired at 2027-01-02T09:00:00Z"),
    ("not json", "not {statement, signature}"),
    ("too big", "more than 4096 bytes"),
    ("unsigned flag", "not {statement, signature}"),
])
def test_refused(key: Ed25519PrivateKey, case: str, words: str) -> None:
    data, now = {
        "other key": (_pin(generate_private_key()), NOW),
        "other version": (_pin(key, "1.2.0"), NOW),
        "expired": (_pin(key), NOW + timedelta(days=30, seconds=1)),
        "not json": (b"\x1b[2J root-only secret", NOW),
        "too big": (b" " * (MAX_PIN_BYTES + 1), NOW),
        "unsigned flag": (b'{"pinned": true}', NOW),
    }[case]
    with pytest.raises(ReleaseError) as caught:
        verify_pin(data, key.public_key(), version="1.3.0", now=now)
    assert caught.value.code == ReleaseCode.BAD_PIN
    assert words in caught.value.message
    assert "secret" not in caught.value.message


def test_sign_pin_refuses_bad_input(key: Ed25519PrivateKey) -> None:
    with pytest.raises(ValueError, match="PEP 440"):
        sign_pin(key, "1.3.0-RC1", ["county"], now=NOW, expires_at=NOW + timedelta(days=1))
    with pytest.raises(ValueError, match="scope"):
        sign_pin(key, "1.3.0", ["village:x"], now=NOW, expires_at=NOW + timedelta(days=1))
    with pytest.raises(ValueError, match="expires_at"):
        sign_pin(key, "1.3.0", ["county"], now=NOW, expires_at=NOW)
