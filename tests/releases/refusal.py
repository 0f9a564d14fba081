"""Checking that a release bundle is refused, and that a refusal leaves nothing behind."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from releases.helpers import NOW
from sync.protocol.release import ReleaseCode, ReleaseError, extract_verified

__all__ = ["refused"]


def refused(bundle: Path, key: Ed25519PrivateKey, code: ReleaseCode, *, now: datetime = NOW,
            channel: str | None = None, installed_version: str | None = None) -> str:
    """Assert the bundle is refused with ``code`` and nothing is left in the target folder."""
    dest = bundle.parent / "unpacked"
    before = sorted(os.listdir(bundle.parent))
    with pytest.raises(ReleaseError) as caught:
        extract_verified(bundle, key.public_key(), dest, now=now, channel=channel,
                         installed_version=installed_version)
    assert caught.value.code == code, caught.value.message
    assert sorted(os.listdir(bundle.parent)) == before  # no dest, no .partial
    assert str(caught.value).startswith(f"{code}: ")
    return caught.value.message
