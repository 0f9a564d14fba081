"""Release signing keys: Ed25519 key files and the forms a public key travels in.

The private key is PKCS#8 PEM (mode 0600) and stays on the offline machine;
the public key is SubjectPublicKeyInfo PEM (``public.pem``) or base64 of its
raw 32 bytes (``release_public_key`` at enrollment). Re-exported by
:mod:`sync.protocol.release`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.protocol.release.tar import write_new

__all__ = [
    "KeyFileError",
    "generate_private_key",
    "key_id",
    "load_private_key",
    "load_public_key",
    "public_key_b64",
    "public_key_from_text",
    "public_key_pem",
    "write_keypair",
]


class KeyFileError(ValueError):
    """A key file or key text that is not an Ed25519 key of the expected kind."""


def generate_private_key() -> Ed25519PrivateKey:
    """A new random Ed25519 signing key."""
    return Ed25519PrivateKey.generate()


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_key: Ed25519PublicKey) -> str:
    """First 16 hex digits of SHA-256 over the raw 32-byte key: a label for people."""
    return hashlib.sha256(_raw(public_key)).hexdigest()[:16]


def public_key_b64(public_key: Ed25519PublicKey) -> str:
    """Base64 of the raw 32 bytes: the ``release_public_key`` handed out at enrollment."""
    return base64.b64encode(_raw(public_key)).decode("ascii")


def public_key_pem(public_key: Ed25519PublicKey) -> bytes:
    """The key as a SubjectPublicKeyInfo PEM (what ``public.pem`` holds)."""
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo)


def public_key_from_text(text: str | bytes) -> Ed25519PublicKey:
    """Parse a public key given as SPKI PEM or as base64 of the raw 32 bytes.

    Raises :class:`KeyFileError` for anything else (another key type, a
    private key, garbage).
    """
    data = text.encode("ascii", "replace") if isinstance(text, str) else bytes(text)
    data = data.strip()
    if data.startswith(b"-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(data)
        except ValueError as exc:
            raise KeyFileError(f"not a PEM public key: {exc}") from None
        if not isinstance(key, Ed25519PublicKey):
            raise KeyFileError(f"the PEM key is {type(key).__name__}, not Ed25519")
        return key
    try:
        raw = base64.b64decode(data, validate=True)
    except binascii.Error:
        raise KeyFileError("neither a PEM public key nor base64 of a raw key") from None
    if len(raw) != 32:
        raise KeyFileError(f"a raw Ed25519 public key has 32 bytes, this has {len(raw)}")
    return Ed25519PublicKey.from_public_bytes(raw)


def load_public_key(path: Path) -> Ed25519PublicKey:
    """Read a public key file (PEM or raw base64). Raises ``OSError``, :class:`KeyFileError`."""
    try:
        return public_key_from_text(path.read_bytes())
    except KeyFileError as exc:
        raise KeyFileError(f"{path}: {exc}") from None


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """Read an unencrypted PKCS#8 PEM Ed25519 private key.

    Raises ``OSError`` and :class:`KeyFileError` (not a key, encrypted, not Ed25519).
    """
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(f"{path}: not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path}: the key is {type(key).__name__}, not Ed25519")
    return key


def write_keypair(directory: Path, key: Ed25519PrivateKey | None = None) -> tuple[Path, Path]:
    """Write ``private.pem`` (PKCS#8, mode 0600) and ``public.pem`` (SPKI) into ``directory``.

    Generates a key unless one is given. Refuses to replace an existing key
    file (``FileExistsError``): losing a release key strands every terminal.
    Returns ``(private_path, public_path)``.
    """
    key = key or generate_private_key()
    directory.mkdir(parents=True, exist_ok=True)
    private_path, public_path = directory / "private.pem", directory / "public.pem"
    for path in (private_path, public_path):
        if path.exists():
            raise FileExistsError(f"{path} exists; refusing to overwrite a release key")
    private_pem = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    write_new(private_path, private_pem, 0o600)
    write_new(public_path, public_key_pem(key.public_key()), 0o644)
    return private_path, public_path

