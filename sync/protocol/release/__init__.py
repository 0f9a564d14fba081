"""Signed releases, shared by the county (which builds, signs and pins them) and the
terminal (whose sync daemon fetches them and whose installer installs them).

docs/releases.md is the contract. What each module holds:

* :mod:`.manifest` — ``manifest.json``, the signed description of a release;
* :mod:`.bundle` — writing, verifying and unpacking a bundle file;
* :mod:`.tar` — the strict POSIX tar reader and writer under it (ustar, and pax
  headers for long names);
* :mod:`.delta` — small updates: the signed manifest alone, files by hash, the
  bundle rebuilt byte for byte;
* :mod:`.keys` — Ed25519 key files and the forms a public key travels in;
* :mod:`.pin` — the county's signed pins (rollback permission);
* :mod:`.errors` — :class:`ReleaseError` and its :class:`ReleaseCode`;
* :mod:`.trust` — which key a terminal trusts (terminal side only: reads its
  config and enrollment; the county never imports it).

This package re-exports what callers of bundles and keys need; pins and
trust are imported from their modules. Pure code: no terminal store, no
network.
"""

from __future__ import annotations

from sync.protocol.release.bundle import (
    VerifiedBundle,
    extract_verified,
    verify_bundle,
    write_bundle,
)
from sync.protocol.release.errors import ReleaseCode, ReleaseError
from sync.protocol.release.keys import (
    KeyFileError,
    generate_private_key,
    key_id,
    load_private_key,
    load_public_key,
    public_key_b64,
    public_key_from_text,
    public_key_pem,
    write_keypair,
)
from sync.protocol.release.manifest import (
    DEFAULT_CHANNEL,
    FORMAT,
    MAX_MANIFEST_BYTES,
    PRODUCT,
    BundleFile,
    Manifest,
)
from sync.protocol.release.tar import MANIFEST_NAME, SIGNATURE_NAME

__all__ = [
    "DEFAULT_CHANNEL",
    "FORMAT",
    "MANIFEST_NAME",
    "MAX_MANIFEST_BYTES",
    "PRODUCT",
    "SIGNATURE_NAME",
    "BundleFile",
    "KeyFileError",
    "Manifest",
    "ReleaseCode",
    "ReleaseError",
    "VerifiedBundle",
    "extract_verified",
    "generate_private_key",
    "key_id",
    "load_private_key",
    "load_public_key",
    "public_key_b64",
    "public_key_from_text",
    "public_key_pem",
    "verify_bundle",
    "write_bundle",
    "write_keypair",
]
