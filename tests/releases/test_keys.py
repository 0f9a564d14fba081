"""Release keys: files, modes, the forms a public key travels in."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1
from cryptography.hazmat.primitives.asymmetric.ec import generate_private_key as ec_key

from sync.protocol.release import (
    KeyFileError,
    key_id,
    load_private_key,
    load_public_key,
    public_key_b64,
    public_key_from_text,
    public_key_pem,
    write_keypair,
)


def test_keypair_files_and_modes(tmp_path: Path) -> None:
    private_path, public_path = write_keypair(tmp_path / "keys")
    assert stat.S_IMODE(private_path.stat().st_mode) == 0o600
    assert private_path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert public_path.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    private = load_private_key(private_path)
    public = load_public_key(public_path)
    assert public_key_pem(public) == public_key_pem(private.public_key())
    with pytest.raises(FileExistsError, match="refusing to overwrite"):
        write_keypair(tmp_path / "keys")
    assert load_private_key(private_path).private_bytes_raw() == private.private_bytes_raw()


def test_public_key_forms_agree(tmp_path: Path) -> None:
    _, public_path = write_keypair(tmp_path)
    public = load_public_key(public_path)
    b64 = public_key_b64(public)
    assert len(b64) == 44
    assert key_id(public_key_from_text(b64)) == key_id(public)
    assert key_id(public_key_from_text(public_path.read_text())) == key_id(public)
    assert len(key_id(public)) == 16 and int(key_id(public), 16) >= 0


@pytest.mark.parametrize(("text", "words"), [
    ("AAAA", "has 32 bytes, this has 3"),
    ("not a key", "neither a PEM public key nor base64"),
    ("-----BEGIN PUBLIC KEY-----\ngarbage\n-----END PUBLIC KEY-----\n", "not a PEM public key"),
])
def test_bad_public_keys(text: str, words: str) -> None:
    with pytest.raises(KeyFileError, match=words):
        public_key_from_text(text)


def test_other_key_types_are_refused(tmp_path: Path) -> None:
    ec = ec_key(SECP256R1())
    pem = ec.public_key().public_bytes(serialization.Encoding.PEM,
                                       serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(KeyFileError, match="not Ed25519"):
        public_key_from_text(pem)
    private = tmp_path / "ec.pem"
    private.write_bytes(ec.private_bytes(serialization.Encoding.PEM,
                                         serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()))
    with pytest.raises(KeyFileError, match="not Ed25519"):
        load_private_key(private)
    junk = tmp_path / "junk.pem"
    junk.write_text("junk")
    with pytest.raises(KeyFileError, match="not an unencrypted PEM private key"):
        load_private_key(junk)
