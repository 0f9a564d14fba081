"""Wheel names longer than ustar's 100 bytes travel in pax headers; only ours are read.

A bundle stores a long name in a POSIX pax extended header holding one
``path`` record (sync/protocol/release/tar.py). These tests build bundles
with 200-byte wheel names through write_bundle and check that they verify,
unpack and read with standard tools, then hand-craft pax headers that a
hostile bundle might carry — extra records, links, ``..``, global headers,
duplicates — and check each is refused as ``release.malformed``.
"""

from __future__ import annotations

import hashlib
import tarfile
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from releases.helpers import NOW, VERSION, make_wheels
from releases.refusal import refused
from sync.protocol.release import ReleaseCode, verify_bundle, write_bundle
from sync.protocol.release.tar import BLOCK, member_headers, padding, ustar_header

_TAGS = ("charset_normalizer-3.5.3-cp311-cp311-manylinux1_x86_64.manylinux_2_28_x86_64."
         "manylinux_2_5_x86_64.linux_")
#: A wheel file name of exactly 200 bytes (compressed platform tags make them long).
LONG_WHEEL = _TAGS + "x" * (200 - len(_TAGS) - len(".whl")) + ".whl"
MTIME = int(NOW.timestamp())


def _long_bundle(tmp: Path, key: Ed25519PrivateKey) -> tuple[Path, Path]:
    wheels = make_wheels(tmp / "src")
    long_wheel = tmp / "src" / LONG_WHEEL
    long_wheel.write_bytes(b"long-named wheel " * 300)
    out = tmp / "long.bundle"
    write_bundle(out, [*wheels, long_wheel], version=VERSION, channel="stable",
                 expires_at=NOW + timedelta(days=30), private_key=key, now=NOW)
    return out, long_wheel


def test_a_200_byte_wheel_name_verifies_unpacks_and_reads_with_tarfile(
        tmp_path: Path, key: Ed25519PrivateKey) -> None:
    assert len(LONG_WHEEL) == 200
    bundle, long_wheel = _long_bundle(tmp_path, key)
    verified = verify_bundle(bundle, key.public_key(), now=NOW, channel="stable")
    assert f"wheels/{LONG_WHEEL}" in [f.path for f in verified.manifest.files]
    dest = tmp_path / "out"
    verified.unpack_to(dest)
    assert (dest / "wheels" / LONG_WHEEL).read_bytes() == long_wheel.read_bytes()
    with tarfile.open(bundle) as tar:  # a standard reader sees the full name too
        assert f"wheels/{LONG_WHEEL}" in tar.getnames()
        handle = tar.extractfile(f"wheels/{LONG_WHEEL}")
        assert handle is not None and handle.read() == long_wheel.read_bytes()


def test_the_pax_header_is_written_only_for_names_that_need_it() -> None:
    short = member_headers("wheels/qrcode-7.4.2-py3-none-any.whl", 10, MTIME)
    assert len(short) == BLOCK and short[156:157] == b"0"
    # 7 + 100 bytes fit a ustar prefix/name split: still no pax header.
    assert len(member_headers("wheels/" + "a" * 96 + ".whl", 10, MTIME)) == BLOCK
    long = member_headers(f"wheels/{LONG_WHEEL}", 10, MTIME)
    assert len(long) == 3 * BLOCK and long[156:157] == b"x"
    assert f" path=wheels/{LONG_WHEEL}\n".encode() in long[BLOCK:2 * BLOCK]
    with pytest.raises(ValueError, match="longer than"):
        member_headers("wheels/" + "a" * 256 + ".whl", 10, MTIME)


def _pax_block(record: bytes, *, kind: bytes = b"x", name: str = "PaxHeaders/x") -> bytes:
    return ustar_header(name, len(record), MTIME, kind=kind) + record + padding(len(record))


def _record(text: str) -> bytes:
    length = len(text) + 3
    while len(str(length)) + len(text) + 2 != length:
        length += 1
    return f"{length} {text}\n".encode()


def _splice(bundle: Path, out: Path, member: bytes) -> Path:
    """``bundle`` with ``member`` (headers and data) put before its end-of-archive marker."""
    data = bundle.read_bytes()
    end = len(data) - 2 * BLOCK
    assert data[end:] == bytes(2 * BLOCK)
    out.write_bytes(data[:end] + member + bytes(2 * BLOCK))
    return out


def _extra(name: str, body: bytes = b"zz") -> bytes:
    return ustar_header(name[:100], len(body), MTIME) + body + padding(len(body))


@pytest.mark.parametrize(("pax", "name", "expected"), [
    # a second record (mtime) next to path
    (_pax_block(_record(f"path=wheels/{LONG_WHEEL}") + _record("mtime=1")), LONG_WHEEL,
     "not one path record"),
    # a linkpath record instead of path
    (_pax_block(_record(f"linkpath=wheels/{LONG_WHEEL}")), LONG_WHEEL, "not one path record"),
    # a record whose length is wrong
    (_pax_block(b"999 path=wheels/" + LONG_WHEEL.encode() + b"\n"), LONG_WHEEL,
     "not one path record"),
    # a parent-relative path
    (_pax_block(_record("path=wheels/../../" + "b" * 120 + "-1.0-py3-none-any.whl")), "x",
     "absolute or parent-relative"),
    # an absolute path
    (_pax_block(_record("path=/etc/" + "b" * 120 + "-1.0-py3-none-any.whl")), "x",
     "absolute or parent-relative"),
    # a global pax header
    (_pax_block(_record(f"path=wheels/{LONG_WHEEL}"), kind=b"g"), LONG_WHEEL,
     "pax global header"),
    # a pax header for a name that fits ustar
    (_pax_block(_record("path=wheels/qrcode-7.4.3-py3-none-any.whl"),
                name="PaxHeaders/qrcode-7.4.3-py3-none-any.whl"),
     "qrcode-7.4.3-py3-none-any.whl", "header fields differ"),
])
def test_hostile_pax_headers_are_refused(tmp_path: Path, key: Ed25519PrivateKey, pax: bytes,
                                         name: str, expected: str) -> None:
    bundle, _ = _long_bundle(tmp_path, key)
    evil = _splice(bundle, tmp_path / "evil.bundle", pax + _extra(f"wheels/{name}"))
    assert expected in refused(evil, key, ReleaseCode.MALFORMED)


def test_a_pax_named_link_device_or_duplicate_is_refused(tmp_path: Path,
                                                         key: Ed25519PrivateKey) -> None:
    bundle, _ = _long_bundle(tmp_path, key)
    other = "wheels/" + "c" * 150 + "-1.0-py3-none-any.whl"
    for kind, words in ((b"2", "symbolic link"), (b"1", "hard link"),
                        (b"3", "character device"), (b"x", "pax header")):
        headers = bytearray(member_headers(other, 0, MTIME))
        tail = bytearray(ustar_header(other[:100], 0, MTIME, kind=kind))
        headers[2 * BLOCK:] = tail
        evil = _splice(bundle, tmp_path / f"evil-{kind.decode()}.bundle", bytes(headers))
        assert words in refused(evil, key, ReleaseCode.MALFORMED)
    again = member_headers(f"wheels/{LONG_WHEEL}", 2, MTIME) + b"zz" + padding(2)
    duplicate = _splice(bundle, tmp_path / "dup.bundle", again)
    assert "appears twice" in refused(duplicate, key, ReleaseCode.MALFORMED)


def test_a_pax_bundle_cut_inside_the_pax_record_is_truncated(tmp_path: Path,
                                                             key: Ed25519PrivateKey) -> None:
    bundle, _ = _long_bundle(tmp_path, key)
    data = bundle.read_bytes()
    at = data.index(f" path=wheels/{LONG_WHEEL}".encode())
    cut = tmp_path / "cut.bundle"
    cut.write_bytes(data[:at + 20])
    assert "ends inside" in refused(cut, key, ReleaseCode.TRUNCATED)
    assert hashlib.sha256(data).hexdigest() != hashlib.sha256(cut.read_bytes()).hexdigest()
