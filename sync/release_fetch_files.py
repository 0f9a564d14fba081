"""syncd's small update: fetch only the files of a release this terminal does not hold.

docs/releases.md, "Fetching only what changed". The county answers the
release's signed manifest (``GET …/releases/V/manifest``); it is verified with
the release key, expiry and channel before anything else is fetched. Every
listed wheel whose SHA-256 the terminal already holds — in the installer's
store (``ROOT/store/sha256/``, kiosk/release_dirs.py; each one hashed again
before it is used) or among files fetched earlier (``SPOOL/files/``) — is
taken from there; each other one is fetched by hash
(``GET …/releases/V/files/SHA256``) into ``SPOOL/files/SHA256.part``,
resumed with an HTTP Range where a cut left off, checked against its size and
hash and only then renamed to ``SPOOL/files/SHA256``. The bundle is then
rebuilt from those files, byte for byte the county's (sync.protocol.release
.delta), and sync/release_fetch.py checks and hands it over like a
downloaded one: the installer never learns how it came.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.logfmt import log_event
from kiosk.release_dirs import ReleaseDirs
from sync.client import CountyClient
from sync.errors import ProtocolError, RejectedError
from sync.protocol import ReleaseInfo
from sync.protocol.release import BundleFile
from sync.protocol.release.delta import rebuild_bundle, verify_manifest

__all__ = ["FilesFetched", "clear_fetched", "fetch_by_files"]

log = logging.getLogger("sync.release_fetch")

_CHUNK = 1 << 20


@dataclass(frozen=True)
class FilesFetched:
    """What :func:`fetch_by_files` took from the network: files and bytes (this call)."""

    files: tuple[str, ...]  # the wheel paths fetched (completed) in this call
    bytes: int  # bytes received in this call, resumed parts included
    held: int  # listed files taken from the store or from earlier fetches


def _sha256(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _held(dirs: ReleaseDirs, cache: Path, entry: BundleFile) -> Path | None:
    """A local file with ``entry``'s content, or None. Store files are hashed again (a
    disk error there must not make every later fetch fail); fetched ones were checked
    before they got their name."""
    fetched = cache / entry.sha256
    if fetched.is_file() and not fetched.is_symlink() and fetched.stat().st_size == entry.size:
        return fetched
    stored = dirs.stored(entry.sha256)
    if stored is None:
        return None
    try:
        if stored.stat().st_size == entry.size and _sha256(stored) == (entry.size, entry.sha256):
            return stored
    except OSError:
        return None
    log_event(log, logging.WARNING, "release_store_damaged", sha256=entry.sha256)
    return None


def _fetch_one(client: CountyClient, url: str, entry: BundleFile, cache: Path) -> tuple[Path, int]:
    """Bring ``cache/SHA256`` to the listed file, resuming ``SHA256.part``; returns it and
    the bytes received. Raises NetworkError on a cut (the part stays for the next call),
    ProtocolError ``release.download_mismatch`` (the part is dropped)."""
    final, part = cache / entry.sha256, cache / f"{entry.sha256}.part"
    offset = part.stat().st_size if part.exists() else 0
    if offset > entry.size:
        part.unlink()
        offset = 0
    received = 0
    if offset < entry.size:
        try:
            with client.release_chunks(f"{url}/files/{entry.sha256}", offset) as (start, chunks), \
                    part.open("r+b" if part.exists() else "wb") as out:
                out.seek(start)
                out.truncate()
                written = start
                try:
                    for chunk in chunks:
                        out.write(chunk)
                        written += len(chunk)
                        received += len(chunk)
                        if written > entry.size:
                            raise ProtocolError(f"{entry.path}: more than the listed "
                                                f"{entry.size} bytes")
                finally:
                    out.flush()
                    os.fsync(out.fileno())
        except RejectedError as exc:
            if exc.status == 416:
                part.unlink(missing_ok=True)
            raise
    else:
        part.touch()
    size, digest = _sha256(part)
    if (size, digest) != (entry.size, entry.sha256):
        part.unlink()
        raise ProtocolError(f"{entry.path}: fetched {size} bytes with SHA-256 {digest[:16]}…, "
                            f"the signed manifest lists {entry.size} bytes "
                            f"{entry.sha256[:16]}…", code="release.download_mismatch")
    os.chmod(part, 0o644)
    os.replace(part, final)
    return final, received


def fetch_by_files(client: CountyClient, release: ReleaseInfo, key: Ed25519PublicKey, *,
                   root: Path, spool: Path, channel: str, now: datetime,
                   out: Path) -> FilesFetched:
    """Rebuild ``release``'s bundle at ``out`` from held files and fetched ones.

    Raises RejectedError status 404 when the county serves no manifests (the
    caller then downloads the bundle), ReleaseError when the manifest does not
    verify, and as :func:`_fetch_one`.
    """
    answer = client.release_manifest(release.url)
    manifest_bytes, signature = answer.manifest.encode("utf-8"), answer.signature.encode("ascii")
    manifest = verify_manifest(manifest_bytes, signature, key, now=now, channel=channel)
    if manifest.version != release.version:
        raise ProtocolError(f"the manifest of release {release.version} is of "
                            f"{manifest.version}", code="release.download_mismatch")
    cache = spool / "files"
    cache.mkdir(parents=True, exist_ok=True)
    dirs = ReleaseDirs(root)
    local: dict[str, Path] = {}
    fetched: list[str] = []
    received = 0
    for entry in manifest.files:
        path = _held(dirs, cache, entry)
        if path is None:
            path, got = _fetch_one(client, release.url, entry, cache)
            fetched.append(entry.path)
            received += got
        local[entry.sha256] = path
    try:
        rebuild_bundle(out, manifest, manifest_bytes, signature, local)
    except ValueError as exc:  # a held file changed under us: fetch it next time
        for entry in manifest.files:
            with contextlib.suppress(OSError):
                (cache / entry.sha256).unlink()
        raise ProtocolError(str(exc), code="release.download_mismatch") from None
    log_event(log, logging.INFO, "release_files_fetched", version=release.version,
              fetched=len(fetched), held=len(manifest.files) - len(fetched), bytes=received)
    return FilesFetched(tuple(fetched), received, len(manifest.files) - len(fetched))


def clear_fetched(spool: Path) -> None:
    """Drop the fetched files once a bundle rebuilt from them was handed over (the
    installer keeps the wheels of what it installs in its store)."""
    cache = spool / "files"
    if cache.is_dir():
        for path in cache.iterdir():
            path.unlink(missing_ok=True)
