"""Signed release bundles: write, verify, unpack (docs/releases.md is the contract).

Shared by both ends: ``county release build`` writes bundles with
:func:`write_bundle`, the county checks one before publishing it, and the
terminal's updater accepts one only through :func:`verify_bundle` /
:func:`extract_verified`. A bundle is an uncompressed POSIX (pax) tar of
``manifest.json``, ``manifest.sig`` and ``wheels/*.whl``, in that order.

The manifest is :mod:`.manifest`, the strict tar reader and writer
:mod:`.tar`, the keys :mod:`.keys`. Member data is hashed while it is copied
out, so a file swapped between the check and the use is caught.

Pure code: no terminal store, no network. Functions run on the caller's
thread and do blocking file I/O.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from packaging.version import InvalidVersion, Version
from pydantic import ValidationError

from kiosk.files import atomic_writer, fsync_dir
from sync.protocol.release.errors import ReleaseCode, ReleaseError
from sync.protocol.release.keys import key_id
from sync.protocol.release.manifest import (
    FORMAT,
    MAX_MANIFEST_BYTES,
    PRODUCT,
    BundleFile,
    Manifest,
    first_error,
)
from sync.protocol.release.tar import (
    BLOCK,
    MANIFEST_NAME,
    SIGNATURE_NAME,
    Member,
    member_headers,
    padding,
    read_exact,
    read_member,
    scan_structure,
)

__all__ = ["VerifiedBundle", "extract_verified", "verify_bundle", "write_bundle", "write_tar"]

_MAX_SIGNATURE_BYTES = 256
_CHUNK = 1 << 20


# --- writing --------------------------------------------------------------------------------

def _file_sha256(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def write_bundle(out_path: Path, wheel_paths: Sequence[Path], *, version: str, channel: str,
                 expires_at: datetime, private_key: Ed25519PrivateKey, python: str = "cp311",
                 now: datetime | None = None, urgent: bool = False) -> Manifest:
    """Write a signed bundle of ``wheel_paths`` to ``out_path``, atomically.

    The tar is written to a temporary file next to ``out_path``, fsynced and
    renamed over it, so a crash leaves the old file or the new one. Raises
    ``ValueError`` for a manifest that would not verify (version not PEP 440
    normal form, no ``village_kiosk-VERSION`` wheel, two wheels of one name,
    bad channel, expiry not after ``now``, a wheel name over 255 bytes)
    or a wheel that changed while it was being written, and ``OSError``. ``urgent``
    signs the release urgent: terminals install it outside their install window.
    """
    created = (now or datetime.now(UTC)).replace(microsecond=0)
    entries: list[BundleFile] = []
    for wheel in wheel_paths:
        size, digest = _file_sha256(wheel)
        entries.append(BundleFile(path=f"wheels/{wheel.name}", size=size, sha256=digest))
    try:
        manifest = Manifest(format=FORMAT, product=PRODUCT, version=version, channel=channel,
                            created_at=created, expires_at=expires_at.replace(microsecond=0),
                            python=python, requirement=f"{PRODUCT}=={version}",
                            key_id=key_id(private_key.public_key()), files=tuple(entries),
                            urgent=urgent)
    except ValidationError as exc:
        raise ValueError(f"the release manifest would be invalid: {first_error(exc)}") from None
    manifest_bytes = manifest.to_bytes()
    signature = base64.b64encode(private_key.sign(manifest_bytes)) + b"\n"

    write_tar(out_path, manifest, manifest_bytes, signature, wheel_paths)
    return manifest




def write_tar(out_path: Path, manifest: Manifest, manifest_bytes: bytes, signature: bytes,
              file_paths: Sequence[Path]) -> None:
    """Write the bundle file of a signed manifest, atomically: ``manifest_bytes``,
    ``signature`` (``manifest.sig`` as stored) and ``file_paths[i]`` as the manifest's
    ``files[i]``. The same manifest and files always give the same bytes (every header's
    time is ``created_at``), so a terminal that holds the files rebuilds the very file
    the county built. Raises ``ValueError`` when a file does not have the listed size
    and SHA-256 (changed while it was written, or not the file the manifest means), and
    ``OSError``."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    mtime = int(manifest.created_at.timestamp())
    with atomic_writer(out_path, mode=0o644) as out:  # a signed bundle is public
        for name, data in ((MANIFEST_NAME, manifest_bytes), (SIGNATURE_NAME, signature)):
            out.write(member_headers(name, len(data), mtime))
            out.write(data + padding(len(data)))
        for source, entry in zip(file_paths, manifest.files, strict=True):
            out.write(member_headers(entry.path, entry.size, mtime))
            copy_hash, copied = hashlib.sha256(), 0
            with source.open("rb") as handle:
                while chunk := handle.read(min(_CHUNK, entry.size - copied)):
                    copy_hash.update(chunk)
                    out.write(chunk)
                    copied += len(chunk)
            if copied != entry.size or copy_hash.hexdigest() != entry.sha256:
                raise ValueError(f"{source} changed while the bundle was being written (or "
                                 f"is not the manifest's {entry.path})")
            out.write(padding(entry.size))
        out.write(bytes(2 * BLOCK))  # the end-of-archive marker


# --- reading --------------------------------------------------------------------------------

@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose every check passed: signature, expiry, channel, hashes, version.

    ``size`` and ``sha256`` are of the whole bundle file as it was read.
    Use :meth:`unpack_to` to copy it out: the bytes are hashed again as they
    are written, so a file changed since verification is refused.
    """

    path: Path
    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes  # manifest.sig as stored (base64 text)
    size: int
    sha256: str

    @property
    def version(self) -> str:
        """The release's version (PEP 440 normal form, safe as a directory name)."""
        return self.manifest.version

    def unpack_to(self, dest: Path) -> None:
        """Copy ``manifest.json``, ``manifest.sig`` and ``wheels/`` into the new directory ``dest``.

        Writes into a hidden sibling ``.NAME.partial`` (a stale one from a
        crash is removed first), hashing every member as it is written,
        fsyncs, and renames it to ``dest`` only when everything matched the
        verified manifest: ``dest`` exists afterwards if and only if it is
        complete. Raises :class:`ReleaseError` (``release.file_mismatch`` when
        the bundle changed since it was verified, ``release.truncated`` /
        ``release.malformed`` when it is now damaged), ``FileExistsError``
        when ``dest`` exists, and ``OSError``.
        """
        if dest.exists():
            raise FileExistsError(f"{dest} exists")
        staging = dest.with_name(f".{dest.name}.partial")
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True, mode=0o755)
        try:
            with self.path.open("rb") as handle:
                members = scan_structure(handle)
                _stream(handle, members, self.manifest, self.manifest_bytes, self.signature,
                        sink=staging)
            fsync_dir(staging / "wheels")
            fsync_dir(staging)
            os.replace(staging, dest)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        fsync_dir(dest.parent)


def verify_bundle(path: Path, public_key: Ed25519PublicKey, *, now: datetime,
                  channel: str | None = None, installed_version: str | None = None,
                  pinned: bool = False, pinned_version: str | None = None) -> VerifiedBundle:
    """Check a bundle completely, without writing anything.

    Checks run in the documented order and the first failure raises
    :class:`ReleaseError`: ``truncated``, ``malformed``, ``bad_signature``
    (with ``public_key``), ``expired`` (``expires_at`` before ``now``, an
    aware time), ``wrong_channel`` (when ``channel`` is given),
    ``file_mismatch``, ``rollback`` (version lower than
    ``installed_version``, unless ``pinned`` — IT staff at the console — or the
    version is ``pinned_version``, the version of a signed pin the caller
    verified: sync.protocol.release.pin). Raises ``OSError`` when the file
    cannot be read. Reads the whole file once.
    """
    with path.open("rb") as handle:
        members = scan_structure(handle)
        manifest_bytes = read_member(handle, members[0], MAX_MANIFEST_BYTES)
        signature_text = read_member(handle, members[1], _MAX_SIGNATURE_BYTES)
        manifest = _parse_manifest(manifest_bytes, members)
        _check_signature(manifest_bytes, signature_text, public_key, manifest.key_id)
        _check_terms(manifest, now=now, channel=channel)
        size, sha256 = _stream(handle, members, manifest, manifest_bytes, signature_text,
                               sink=None)
    _check_version(manifest, installed_version=installed_version,
                   pinned=pinned or _same_version(manifest.version, pinned_version))
    return VerifiedBundle(path=path, manifest=manifest, manifest_bytes=manifest_bytes,
                          signature=signature_text, size=size, sha256=sha256)


def extract_verified(path: Path, public_key: Ed25519PublicKey, dest: Path, *, now: datetime,
                     channel: str | None = None, installed_version: str | None = None,
                     pinned: bool = False) -> VerifiedBundle:
    """:func:`verify_bundle`, then :meth:`VerifiedBundle.unpack_to` ``dest``.

    Nothing is written unless every check passed; ``dest`` appears complete
    or not at all. Raises as both.
    """
    bundle = verify_bundle(path, public_key, now=now, channel=channel,
                           installed_version=installed_version, pinned=pinned)
    bundle.unpack_to(dest)
    return bundle


def _parse_manifest(data: bytes, members: Sequence[Member]) -> Manifest:
    try:
        manifest = Manifest.model_validate_json(data, strict=True)
    except ValidationError as exc:
        raise ReleaseError(ReleaseCode.MALFORMED,
                           f"{MANIFEST_NAME} is not a format-{FORMAT} manifest: "
                           f"{first_error(exc)}") from None
    listed = {entry.path for entry in manifest.files}
    for member in members[2:]:
        if member.name not in listed:
            raise ReleaseError(ReleaseCode.MALFORMED,
                               f"member {member.name!r} is not listed in {MANIFEST_NAME}")
    return manifest


def _check_signature(manifest_bytes: bytes, signature_text: bytes,
                     public_key: Ed25519PublicKey, claimed_key: str) -> None:
    """Raise unless the signature verifies with the trusted key.

    The manifest's ``key_id`` is only a hint (anyone can write any id there),
    so it is read after verification failed and decides the code alone: a
    bundle naming another key was signed with another key (``wrong_key``: a
    mix-up of counties or a stray test key); one naming ours was altered
    after it was signed (``bad_signature``: tampering).
    """
    try:
        signature = base64.b64decode(signature_text.strip(), validate=True)
    except binascii.Error:
        signature = b""
    if len(signature) != 64:
        raise ReleaseError(ReleaseCode.BAD_SIGNATURE,
                           f"{SIGNATURE_NAME} is not a base64 Ed25519 signature")
    try:
        public_key.verify(signature, manifest_bytes)
    except InvalidSignature:
        trusted = key_id(public_key)
        if claimed_key != trusted:
            raise ReleaseError(ReleaseCode.WRONG_KEY,
                               f"signed with key {claimed_key}, not with the trusted key "
                               f"{trusted}") from None
        raise ReleaseError(ReleaseCode.BAD_SIGNATURE,
                           f"the signature does not verify with the trusted key {trusted}, "
                           "which the manifest names: altered after signing") from None


def _check_terms(manifest: Manifest, *, now: datetime, channel: str | None) -> None:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if now > manifest.expires_at:
        raise ReleaseError(ReleaseCode.EXPIRED,
                           f"release {manifest.version} expired at "
                           f"{_iso(manifest.expires_at)} (now {_iso(now)})")
    if channel is not None and manifest.channel != channel:
        raise ReleaseError(ReleaseCode.WRONG_CHANNEL,
                           f"release {manifest.version} is for channel {manifest.channel!r}, "
                           f"this terminal follows {channel!r}")


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _stream(handle: BinaryIO, members: Sequence[Member], manifest: Manifest,
            manifest_bytes: bytes, signature_text: bytes, *, sink: Path | None) -> tuple[int, str]:
    """Read the whole file in order, hashing every member; copy the members into ``sink``.

    Returns the file's size and SHA-256 (only when there is no ``sink``:
    unpacking needs neither, and a second digest costs a third of the time).
    Every header is compared with the
    one the structure scan saw, so a file replaced in between is refused.
    """
    listed = {entry.path: entry for entry in manifest.files}
    present = {member.name: member for member in members[2:]}
    for path, entry in listed.items():
        if path not in present:
            raise ReleaseError(ReleaseCode.FILE_MISMATCH,
                               f"{path} is listed in the manifest but not in the bundle")
        if present[path].size != entry.size:
            raise ReleaseError(ReleaseCode.FILE_MISMATCH,
                               f"{path} has {present[path].size} bytes, the manifest says "
                               f"{entry.size}")
    if sink is not None:
        (sink / "wheels").mkdir(mode=0o755)
    whole, total = (hashlib.sha256() if sink is None else None), 0
    handle.seek(0)

    def take(size: int, what: str) -> bytes:
        nonlocal total
        data = read_exact(handle, size, what)
        if whole is not None:
            whole.update(data)
        total += len(data)
        return data

    for member in members:
        if take(len(member.header), f"the header of {member.name!r}") != member.header:
            raise ReleaseError(ReleaseCode.FILE_MISMATCH,
                               f"{member.name}: the bundle changed while it was being read")
        out = None
        if sink is not None:
            fd = os.open(sink / member.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                         0o644)
            out = os.fdopen(fd, "wb")
        try:
            if member.name in (MANIFEST_NAME, SIGNATURE_NAME):
                expected = manifest_bytes if member.name == MANIFEST_NAME else signature_text
                data = take(member.size, f"member {member.name!r}")
                if data != expected:
                    raise ReleaseError(ReleaseCode.FILE_MISMATCH,
                                       f"{member.name} changed since it was verified")
                if out is not None:
                    out.write(data)
            else:
                digest, left = hashlib.sha256(), member.size
                while left:
                    chunk = take(min(_CHUNK, left), f"member {member.name!r}")
                    digest.update(chunk)
                    if out is not None:
                        out.write(chunk)
                    left -= len(chunk)
                if digest.hexdigest() != listed[member.name].sha256:
                    raise ReleaseError(ReleaseCode.FILE_MISMATCH,
                                       f"{member.name}: SHA-256 {digest.hexdigest()} differs from "
                                       f"the manifest's {listed[member.name].sha256}")
            if out is not None:
                out.flush()
                os.fsync(out.fileno())
        finally:
            if out is not None:
                out.close()
        if take(-member.size % BLOCK, f"the padding of {member.name!r}").strip(b"\0"):
            raise ReleaseError(ReleaseCode.MALFORMED,
                               f"the padding after {member.name!r} is not zero bytes")
    while rest := handle.read(_CHUNK):
        if whole is not None:
            whole.update(rest)
        total += len(rest)
    return total, "" if whole is None else whole.hexdigest()


def _same_version(version: str, other: str | None) -> bool:
    try:
        return other is not None and Version(version) == Version(other)
    except InvalidVersion:
        return False


def _check_version(manifest: Manifest, *, installed_version: str | None, pinned: bool) -> None:
    if installed_version is None or pinned:
        return
    try:
        installed = Version(installed_version)
    except InvalidVersion:
        return  # an unparseable installed version (a development build) cannot be rolled back
    if manifest.parsed_version < installed:
        raise ReleaseError(ReleaseCode.ROLLBACK,
                           f"release {manifest.version} is lower than the installed "
                           f"{installed_version} and the county did not pin it")
