"""Storing a verified bundle in the releases folder: copied, hashed, fsynced, renamed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from county.releases.errors import PublishError
from kiosk.files import atomic_writer
from sync.protocol.release import VerifiedBundle

__all__ = ["bundle_file_name", "store_bundle"]

_COPY_CHUNK = 1 << 20


def bundle_file_name(version: str) -> str:
    """The name of release ``version``'s bundle: what `county release build` writes without
    ``--out`` and what the county stores it as (``village-kiosk-1.4.0.bundle``)."""
    return f"village-kiosk-{version}.bundle"


def store_bundle(bundle: VerifiedBundle, releases_dir: Path) -> Path:
    """Copy the verified bundle into ``releases_dir`` atomically (kiosk.files.atomic_writer);
    the copy must hash the same, else nothing replaces the stored file."""
    final = (releases_dir / bundle_file_name(bundle.version)).resolve()
    digest = hashlib.sha256()
    with bundle.path.open("rb") as src, atomic_writer(final, mode=0o644) as dst:
        while chunk := src.read(_COPY_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
        if digest.hexdigest() != bundle.sha256:
            raise PublishError(f"{bundle.path} changed while it was being published")
    return final
