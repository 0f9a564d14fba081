"""Small updates: a release fetched file by file, by content hash (docs/releases.md, "Fetching
only what changed").

A release is its signed manifest: the SHA-256 of every wheel. A terminal asks
the county for the manifest and signature alone (:class:`ManifestAnswer`),
verifies them with :func:`verify_manifest` (the same signature, expiry and
channel checks as a bundle), fetches only the files whose hashes it does not
hold, and rebuilds the bundle with :func:`rebuild_bundle` — byte for byte the
file the county built, so its size and SHA-256 are those the heartbeat
announced and the installer verifies and installs it exactly as a downloaded
one. The county serves a file straight out of the stored bundle
(:func:`locate_file`).

Pure code: no terminal store, no network. Functions do blocking file I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sync.protocol.release.bundle import (
    _MAX_SIGNATURE_BYTES,
    _check_signature,
    _check_terms,
    write_tar,
)
from sync.protocol.release.errors import ReleaseCode, ReleaseError
from sync.protocol.release.manifest import FORMAT, MAX_MANIFEST_BYTES, Manifest, first_error
from sync.protocol.release.tar import read_member, scan_structure

__all__ = ["FileSpan", "ManifestAnswer", "locate_file", "read_signed_manifest",
           "rebuild_bundle", "verify_manifest"]


class ManifestAnswer(BaseModel):
    """``GET /api/v1/releases/{version}/manifest``: the signed part of a release's bundle."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    manifest: str = Field(max_length=MAX_MANIFEST_BYTES,
                          description="manifest.json exactly as in the bundle (UTF-8)")
    signature: str = Field(max_length=_MAX_SIGNATURE_BYTES,
                           description="manifest.sig exactly as in the bundle (base64 + LF)")


def verify_manifest(manifest_bytes: bytes, signature: bytes, public_key: Ed25519PublicKey, *,
                    now: datetime, channel: str | None = None) -> Manifest:
    """The manifest, if it parses, its signature verifies with ``public_key``, it has not
    expired at ``now`` and is for ``channel`` (when given). Raises :class:`ReleaseError`
    with the codes a bundle would get (``malformed``, ``bad_signature``, ``wrong_key``,
    ``expired``, ``wrong_channel``)."""
    if len(manifest_bytes) > MAX_MANIFEST_BYTES or len(signature) > _MAX_SIGNATURE_BYTES:
        raise ReleaseError(ReleaseCode.MALFORMED, "manifest or signature too large")
    try:
        manifest = Manifest.model_validate_json(manifest_bytes, strict=True)
    except ValidationError as exc:
        raise ReleaseError(ReleaseCode.MALFORMED,
                           f"manifest.json is not a format-{FORMAT} manifest: "
                           f"{first_error(exc)}") from None
    _check_signature(manifest_bytes, signature, public_key, manifest.key_id)
    _check_terms(manifest, now=now, channel=channel)
    return manifest


def rebuild_bundle(out: Path, manifest: Manifest, manifest_bytes: bytes, signature: bytes,
                   files: Mapping[str, Path]) -> None:
    """Write the bundle of ``manifest`` to ``out`` (atomically) from ``files``, the local
    copy of every listed file by SHA-256. Raises ``KeyError`` for a hash not in
    ``files``, ``ValueError`` for a file that is not what its hash says, ``OSError``."""
    write_tar(out, manifest, manifest_bytes, signature,
              [files[entry.sha256] for entry in manifest.files])


@dataclass(frozen=True)
class FileSpan:
    """Where a listed file's bytes are in a bundle."""

    offset: int
    size: int


def read_signed_manifest(bundle: Path) -> tuple[bytes, bytes]:
    """``manifest.json`` and ``manifest.sig`` of a bundle (structure checked, nothing
    verified: the county calls it on bundles it verified when publishing)."""
    with bundle.open("rb") as handle:
        members = scan_structure(handle)
        return (read_member(handle, members[0], MAX_MANIFEST_BYTES),
                read_member(handle, members[1], _MAX_SIGNATURE_BYTES))


def locate_file(bundle: Path, sha256: str) -> FileSpan | None:
    """Where the file listed with ``sha256`` lies in ``bundle``; None when not listed."""
    with bundle.open("rb") as handle:
        members = scan_structure(handle)
        manifest = Manifest.model_validate_json(
            read_member(handle, members[0], MAX_MANIFEST_BYTES))
    path = next((entry.path for entry in manifest.files if entry.sha256 == sha256), None)
    for member in members[2:]:
        if member.name == path:
            return FileSpan(member.offset + len(member.header), member.size)
    return None
