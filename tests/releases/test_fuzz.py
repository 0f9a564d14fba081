"""Fuzz: a damaged bundle is only ever refused with a ReleaseError, never accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from releases.helpers import NOW, good_bundle
from sync.protocol.release import ReleaseError, generate_private_key, verify_bundle

_KEY = generate_private_key()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return good_bundle(tmp_path_factory.mktemp("fuzz"), _KEY).read_bytes()


def _check(tmp_path: Path, key: Ed25519PrivateKey, data: bytes) -> None:
    path = tmp_path / "fuzzed.bundle"
    path.write_bytes(data)
    with pytest.raises(ReleaseError):
        verify_bundle(path, key.public_key(), now=NOW, channel="stable")


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)),
                      min_size=1, max_size=4))
def test_byte_flips_are_refused(tmp_path: Path, pristine: bytes,
                                flips: list[tuple[float, int]]) -> None:
    data = bytearray(pristine)
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    if bytes(data) == pristine:  # two flips that cancel out
        return
    _check(tmp_path, _KEY, bytes(data))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keep=st.floats(0, 1, exclude_max=True), junk=st.binary(max_size=600))
def test_truncations_are_refused(tmp_path: Path, pristine: bytes, keep: float,
                                 junk: bytes) -> None:
    cut = pristine[:int(keep * len(pristine))]
    _check(tmp_path, _KEY, cut)
    if junk.strip(b"\0"):
        _check(tmp_path, _KEY, cut + junk)  # a cut download resumed with wrong bytes


def test_pristine_bundle_verifies(tmp_path: Path, pristine: bytes) -> None:
    path = tmp_path / "good.bundle"
    path.write_bytes(pristine)
    assert verify_bundle(path, _KEY.public_key(), now=NOW).version == "1.4.0"
