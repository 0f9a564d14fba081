"""Fixtures of the release tests: a signing key and a good bundle."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from releases.helpers import good_bundle
from sync.protocol.release import generate_private_key


@pytest.fixture(scope="session")
def key() -> Ed25519PrivateKey:
    return generate_private_key()


@pytest.fixture
def bundle(tmp_path: Path, key: Ed25519PrivateKey) -> Path:
    return good_bundle(tmp_path, key)
