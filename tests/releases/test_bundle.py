"""Release bundles: a good one verifies and unpacks; each kind of bad one has its own code.

Real files, real Ed25519 signatures; every refusal is checked through
extract_verified, and the destination must not exist afterwards (nothing
unpacked, no staging directory left behind).
"""

from __future__ import annotations

import hashlib
import os
import tarfile
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from releases.helpers import (
    DEP_WHEEL,
    NOW,
    PROJECT_WHEEL,
    VERSION,
    Member,
    assemble,
    good_bundle,
    manifest_of,
    read_members,
    resigned,
)
from releases.refusal import refused
from sync.protocol.release import (
    MAX_MANIFEST_BYTES,
    ReleaseCode,
    ReleaseError,
    extract_verified,
    generate_private_key,
    key_id,
    verify_bundle,
    write_bundle,
)


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def offset_of(path: Path, needle: bytes) -> int:
    """Where ``needle`` first occurs in the file (a header: pass the name and a NUL)."""
    index = path.read_bytes().find(needle)
    assert index >= 0
    return index


# --- the good path ----------------------------------------------------------------------------

def test_good_bundle_verifies_and_unpacks(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    wheels_dir = tmp_path / "src"
    bundle = good_bundle(tmp_path, key)
    verified = verify_bundle(bundle, key.public_key(), now=NOW, channel="stable",
                             installed_version="1.3.2")
    manifest = verified.manifest
    assert (manifest.version, manifest.channel, manifest.requirement, manifest.python) == \
        (VERSION, "stable", f"village-kiosk=={VERSION}", "cp311")
    assert manifest.key_id == key_id(key.public_key())
    assert [f.path for f in manifest.files] == [f"wheels/{PROJECT_WHEEL}", f"wheels/{DEP_WHEEL}"]
    assert verified.size == bundle.stat().st_size
    assert verified.sha256 == hashlib.sha256(bundle.read_bytes()).hexdigest()
    # Standard tools read it too: it is a plain ustar file.
    with tarfile.open(bundle) as tar:
        assert tar.getnames() == ["manifest.json", "manifest.sig", f"wheels/{PROJECT_WHEEL}",
                                  f"wheels/{DEP_WHEEL}"]

    dest = tmp_path / "releases" / "1.4.0.tmp"
    verified.unpack_to(dest)
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == [
        "manifest.json", "manifest.sig", "wheels", f"wheels/{DEP_WHEEL}",
        f"wheels/{PROJECT_WHEEL}"]
    assert (dest / "manifest.json").read_bytes() == verified.manifest_bytes
    for entry in manifest.files:
        assert hashlib.sha256((dest / entry.path).read_bytes()).hexdigest() == entry.sha256
    assert sorted(os.listdir(dest.parent)) == ["1.4.0.tmp"]
    with pytest.raises(FileExistsError):
        verified.unpack_to(dest)
    assert not wheels_dir.exists()


def test_same_version_and_pinned_lower_version_are_accepted(bundle: Path,
                                                            key: Ed25519PrivateKey) -> None:
    verify_bundle(bundle, key.public_key(), now=NOW, installed_version=VERSION)
    verify_bundle(bundle, key.public_key(), now=NOW, installed_version="2.0", pinned=True)


def test_manifest_is_sorted_utc_json(bundle: Path) -> None:
    text = read_members(bundle)[0].data.decode()
    assert '"created_at": "2026-11-22T09:00:00Z"' in text
    assert '"expires_at": "2027-02-20T09:00:00Z"' in text
    assert text.index('"channel"') < text.index('"files"') < text.index('"version"')


def test_expiry_is_inclusive_until_the_instant(bundle: Path, key: Ed25519PrivateKey) -> None:
    expires = manifest_of(bundle).expires_at
    verify_bundle(bundle, key.public_key(), now=expires)
    message = refused(bundle, key, ReleaseCode.EXPIRED, now=expires + timedelta(seconds=1))
    assert "expired at 2027-02-20T09:00:00Z" in message


# --- release.truncated ------------------------------------------------------------------------

@pytest.mark.parametrize("cut", [1, 700, 1024, 2000])
def test_truncated_download(bundle: Path, key: Ed25519PrivateKey, cut: int) -> None:
    data = bundle.read_bytes()
    bundle.write_bytes(data[:-cut])
    refused(bundle, key, ReleaseCode.TRUNCATED)


def test_cut_at_a_member_boundary_is_truncated(bundle: Path, key: Ed25519PrivateKey) -> None:
    data = bundle.read_bytes()
    last_header = offset_of(bundle, f"wheels/{DEP_WHEEL}\0".encode())
    bundle.write_bytes(data[:last_header])
    message = refused(bundle, key, ReleaseCode.TRUNCATED)
    assert "cut short" in message


def test_empty_file_is_truncated(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    empty = tmp_path / "empty.bundle"
    empty.write_bytes(b"")
    refused(empty, key, ReleaseCode.TRUNCATED)


# --- release.malformed ------------------------------------------------------------------------

@pytest.mark.parametrize(("member", "words"), [
    (Member("wheels/evil.whl", kind=tarfile.SYMTYPE, linkname="/etc/passwd"), "symbolic link"),
    (Member("wheels/evil.whl", kind=tarfile.LNKTYPE, linkname="manifest.json"), "hard link"),
    (Member("wheels/tty.whl", kind=tarfile.CHRTYPE), "character device"),
    (Member("wheels/sda.whl", kind=tarfile.BLKTYPE), "block device"),
    (Member("wheels/fifo.whl", kind=tarfile.FIFOTYPE), "FIFO"),
    (Member("wheels/sub", kind=tarfile.DIRTYPE), "directory"),
    (Member("/etc/cron.d/evil", b"x"), "absolute"),
    (Member("wheels/../../evil.whl", b"x"), "parent-relative"),
    (Member("../evil.whl", b"x"), "parent-relative"),
    (Member("wheels/.hidden.whl", b"x"), "must not be in a bundle"),
    (Member("install.sh", b"rm -rf /"), "must not be in a bundle"),
    (Member("wheels/extra-1.0-py3-none-any.whl", b"x"), "not listed"),
    (Member(f"wheels/{DEP_WHEEL}", b"again"), "appears twice"),
], ids=lambda v: v.name if isinstance(v, Member) else "")
def test_member_that_must_not_be_there(bundle: Path, key: Ed25519PrivateKey, member: Member,
                                       words: str) -> None:
    evil = assemble(bundle.with_name("evil.bundle"), [*read_members(bundle), member])
    message = refused(evil, key, ReleaseCode.MALFORMED)
    assert words in message


def test_missing_signature(bundle: Path, key: Ed25519PrivateKey) -> None:
    members = read_members(bundle)
    evil = assemble(bundle.with_name("evil.bundle"), [members[0], *members[2:]])
    assert "manifest.sig must come there" in refused(evil, key, ReleaseCode.MALFORMED)
    only_manifest = assemble(bundle.with_name("one.bundle"), members[:1])
    assert "no manifest.sig" in refused(only_manifest, key, ReleaseCode.MALFORMED)


def test_missing_manifest(bundle: Path, key: Ed25519PrivateKey) -> None:
    members = read_members(bundle)
    evil = assemble(bundle.with_name("evil.bundle"), [members[1], members[0], *members[2:]])
    assert "manifest.json must come there" in refused(evil, key, ReleaseCode.MALFORMED)
    nothing = assemble(bundle.with_name("empty.bundle"), [])
    assert "no manifest.json" in refused(nothing, key, ReleaseCode.MALFORMED)


def test_bad_json_and_unknown_format(bundle: Path, key: Ed25519PrivateKey) -> None:
    members = read_members(bundle)
    bad_json = assemble(bundle.with_name("json.bundle"),
                        [Member("manifest.json", b"{not json"), *members[1:]])
    assert "not a format-1 manifest" in refused(bad_json, key, ReleaseCode.MALFORMED)

    def format_2(manifest: dict[str, object]) -> None:
        manifest["format"] = 2

    future = resigned(bundle, bundle.with_name("f2.bundle"), key, format_2)
    assert "format" in refused(future, key, ReleaseCode.MALFORMED)


def test_manifest_without_project_wheel(bundle: Path, key: Ed25519PrivateKey) -> None:
    def drop_project(manifest: dict[str, object]) -> None:
        files = manifest["files"]
        assert isinstance(files, list)
        manifest["files"] = files[1:]

    evil = resigned(bundle, bundle.with_name("e.bundle"), key, drop_project,
                    lambda members: [m for m in members if PROJECT_WHEEL not in m.name])
    assert "no village-kiosk 1.4.0 wheel" in refused(evil, key, ReleaseCode.MALFORMED)


def test_oversized_manifest_is_refused_unread(bundle: Path, key: Ed25519PrivateKey) -> None:
    members = read_members(bundle)
    huge = Member("manifest.json", b" " * (MAX_MANIFEST_BYTES + 1))
    evil = assemble(bundle.with_name("huge.bundle"), [huge, *members[1:]])
    assert "more than the" in refused(evil, key, ReleaseCode.MALFORMED)


def test_foreign_pax_and_gnu_headers_are_refused(bundle: Path, key: Ed25519PrivateKey) -> None:
    # Python's tarfile writes a pax header of its own shape: not byte for byte ours.
    long_name = Member("wheels/" + "a" * 120 + "-1.0-py3-none-any.whl", b"x")
    pax = assemble(bundle.with_name("pax.bundle"), [*read_members(bundle), long_name],
                   fmt=tarfile.PAX_FORMAT)
    assert "header fields differ" in refused(pax, key, ReleaseCode.MALFORMED)
    gnu = assemble(bundle.with_name("gnu.bundle"), [*read_members(bundle), long_name],
                   fmt=tarfile.GNU_FORMAT)
    assert "not a POSIX ustar header" in refused(gnu, key, ReleaseCode.MALFORMED)


def test_damaged_header_and_trailing_data(bundle: Path, key: Ed25519PrivateKey) -> None:
    mtime_field = offset_of(bundle, f"wheels/{DEP_WHEEL}\0".encode()) + 136
    flip(bundle, mtime_field)
    assert "checksum" in refused(bundle, key, ReleaseCode.MALFORMED)

    other = good_bundle(bundle.parent / "other", key)
    other.write_bytes(other.read_bytes() + b"\0" * 512 + b"MORE" + b"\0" * 508)
    assert "after the end-of-archive" in refused(other, key, ReleaseCode.MALFORMED)


def test_nonzero_padding_is_refused(bundle: Path, key: Ed25519PrivateKey) -> None:
    # The signature member has 89 bytes: the rest of its block is padding no hash covers.
    signature_data = offset_of(bundle, b"manifest.sig\0") + 512
    flip(bundle, signature_data + 100)
    assert "padding" in refused(bundle, key, ReleaseCode.MALFORMED)


# --- release.wrong_key and release.bad_signature ----------------------------------------

def test_wrong_key(bundle: Path, key: Ed25519PrivateKey) -> None:
    other = generate_private_key()
    message = refused(bundle, other, ReleaseCode.WRONG_KEY)
    assert key_id(other.public_key()) in message and key_id(key.public_key()) in message


def test_wrong_key_claimed_by_a_forger_is_still_refused(bundle: Path) -> None:
    # The manifest's key_id only chooses the code: naming the trusted key does not help.
    other = generate_private_key()
    at = offset_of(bundle, b'"key_id": "') + len('"key_id": "')
    data = bytearray(bundle.read_bytes())
    data[at:at + 16] = key_id(other.public_key()).encode()
    bundle.write_bytes(bytes(data))
    refused(bundle, other, ReleaseCode.BAD_SIGNATURE)


def test_tampered_manifest(bundle: Path, key: Ed25519PrivateKey) -> None:
    # Same length, so the tar structure still holds: only the signature can tell.
    at = offset_of(bundle, b'"expires_at": "2027-02-20') + len('"expires_at": "2027-')
    data = bytearray(bundle.read_bytes())
    data[at:at + 2] = b"12"  # a longer life for an old release
    bundle.write_bytes(bytes(data))
    refused(bundle, key, ReleaseCode.BAD_SIGNATURE)


def test_tampered_hash_in_manifest(bundle: Path, key: Ed25519PrivateKey) -> None:
    digest = manifest_of(bundle).files[1].sha256
    at = offset_of(bundle, digest.encode())
    data = bytearray(bundle.read_bytes())
    data[at:at + 1] = b"1" if digest[0] != "1" else b"2"  # still hex: only the signature tells
    bundle.write_bytes(bytes(data))
    refused(bundle, key, ReleaseCode.BAD_SIGNATURE)


def test_garbage_signature(bundle: Path, key: Ed25519PrivateKey) -> None:
    members = read_members(bundle)
    evil = assemble(bundle.with_name("sig.bundle"),
                    [members[0], Member("manifest.sig", b"not base64 at all\n"), *members[2:]])
    assert "not a base64 Ed25519 signature" in refused(evil, key, ReleaseCode.BAD_SIGNATURE)


def test_signature_is_checked_before_expiry(bundle: Path) -> None:
    refused(bundle, generate_private_key(), ReleaseCode.WRONG_KEY,
            now=NOW + timedelta(days=1000))


# --- release.expired and release.wrong_channel ------------------------------------------------

def test_expired(bundle: Path, key: Ed25519PrivateKey) -> None:
    message = refused(bundle, key, ReleaseCode.EXPIRED, now=NOW + timedelta(days=91),
                      channel="pilot")  # expiry is checked before the channel
    assert message == ("release 1.4.0 expired at 2027-02-20T09:00:00Z "
                       "(now 2027-02-21T09:00:00Z)")


def test_wrong_channel(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    pilot = good_bundle(tmp_path, key, channel="pilot")
    message = refused(pilot, key, ReleaseCode.WRONG_CHANNEL, channel="stable")
    assert message == "release 1.4.0 is for channel 'pilot', this terminal follows 'stable'"
    verify_bundle(pilot, key.public_key(), now=NOW, channel="pilot")


# --- release.file_mismatch --------------------------------------------------------------------

def test_tampered_wheel(bundle: Path, key: Ed25519PrivateKey) -> None:
    data_start = offset_of(bundle, f"wheels/{PROJECT_WHEEL}\0".encode()) + 512
    flip(bundle, data_start + 4321)
    message = refused(bundle, key, ReleaseCode.FILE_MISMATCH, installed_version="9.0")
    assert message.startswith(f"wheels/{PROJECT_WHEEL}: SHA-256 ")


def test_listed_file_missing(bundle: Path, key: Ed25519PrivateKey) -> None:
    evil = assemble(bundle.with_name("m.bundle"),
                    [m for m in read_members(bundle) if DEP_WHEEL not in m.name])
    message = refused(evil, key, ReleaseCode.FILE_MISMATCH)
    assert message == f"wheels/{DEP_WHEEL} is listed in the manifest but not in the bundle"


def test_wrong_size(bundle: Path, key: Ed25519PrivateKey) -> None:
    members = [m if DEP_WHEEL not in m.name else Member(m.name, m.data + b"!")
               for m in read_members(bundle)]
    evil = assemble(bundle.with_name("s.bundle"), members)
    assert "has 1235 bytes, the manifest says 1234" in refused(evil, key,
                                                               ReleaseCode.FILE_MISMATCH)


def test_file_swapped_between_verify_and_unpack(bundle: Path, key: Ed25519PrivateKey) -> None:
    verified = verify_bundle(bundle, key.public_key(), now=NOW)
    flip(bundle, offset_of(bundle, f"wheels/{DEP_WHEEL}\0".encode()) + 512 + 7)
    dest = bundle.parent / "unpacked"
    with pytest.raises(ReleaseError) as caught:
        verified.unpack_to(dest)
    assert caught.value.code == ReleaseCode.FILE_MISMATCH
    assert not dest.exists() and not (bundle.parent / ".unpacked.partial").exists()


def test_stale_partial_directory_is_replaced(bundle: Path, key: Ed25519PrivateKey) -> None:
    stale = bundle.parent / ".unpacked.partial"
    (stale / "wheels").mkdir(parents=True)
    (stale / "wheels" / "junk.whl").write_bytes(b"junk")
    extract_verified(bundle, key.public_key(), bundle.parent / "unpacked", now=NOW)
    assert not stale.exists()
    assert not (bundle.parent / "unpacked" / "wheels" / "junk.whl").exists()


# --- release.rollback -------------------------------------------------------------------------

def test_rollback_refused_unless_pinned(bundle: Path, key: Ed25519PrivateKey) -> None:
    message = refused(bundle, key, ReleaseCode.ROLLBACK, installed_version="1.10.0")
    assert message == ("release 1.4.0 is lower than the installed 1.10.0 and the county did "
                       "not pin it")
    extract_verified(bundle, key.public_key(), bundle.parent / "unpacked", now=NOW,
                     installed_version="1.10.0", pinned=True)


# --- writing ----------------------------------------------------------------------------------

def test_write_refuses_a_bundle_that_could_not_verify(tmp_path: Path,
                                                      key: Ed25519PrivateKey) -> None:
    wheels = [tmp_path / PROJECT_WHEEL, tmp_path / DEP_WHEEL]
    for wheel in wheels:
        wheel.write_bytes(b"w")
    out = tmp_path / "out.bundle"
    tomorrow = NOW + timedelta(days=1)
    cases = [
        ("1.5.0", "stable", tomorrow, "no village-kiosk 1.5.0 wheel"),
        ("v1.4", "stable", tomorrow, "not in normalised form"),
        (VERSION, "Stable!", tomorrow, "channel"),
        (VERSION, "stable", NOW - timedelta(days=1), "expires_at is not after created_at"),
    ]
    for version, channel, expires_at, words in cases:
        with pytest.raises(ValueError, match=words):
            write_bundle(out, wheels, version=version, channel=channel, expires_at=expires_at,
                         private_key=key, now=NOW)
    assert sorted(os.listdir(tmp_path)) == sorted(w.name for w in wheels)
