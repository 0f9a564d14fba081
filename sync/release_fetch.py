"""syncd's part of an update: fetch the offered bundle, verify it, hand it to root.

`kiosk syncd` runs unprivileged and never installs anything. When the
heartbeat answer offers a release this terminal does not run, the daemon
loads the release key, then fetches only the files of the release it does not
hold and rebuilds the bundle from them into ``SPOOL/downloads/V.tar.part``
(sync/release_fetch_files.py); from a county that serves no manifests it
downloads the whole bundle there instead — resuming with an HTTP Range where
a cut left off. Either way it checks size and SHA-256 against the
ReleaseInfo, verifies it completely with the enrollment's release key
(sync.protocol.release), and renames it to ``SPOOL/ready/V.tar``. The
root-owned village-kiosk-update.path unit sees it there and runs
``kiosk update install --ready``. When the county pinned V, its signed pin
(sync.protocol.release.pin) goes beside it as ``ready/V.pin``: only a pin
that verifies with the release key lets a lower version be installed, here
and again by root.

A version whose last install attempt failed is not fetched again: the
county publishes a fixed release under a new version.
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

from kiosk import __version__
from kiosk.config import Config
from kiosk.enrollment import EnrollmentError, load_enrollment
from kiosk.files import atomic_write_bytes
from kiosk.logfmt import log_event
from kiosk.update_state import StateFiles
from sync.client import CountyClient
from sync.errors import ProtocolError, RejectedError, SyncError
from sync.protocol import ReleaseInfo
from sync.protocol.release import ReleaseError, verify_bundle
from sync.protocol.release.pin import verify_pin
from sync.protocol.release.trust import ReleaseKeyError, load_release_key
from sync.release_fetch_files import FilesFetched, clear_fetched, fetch_by_files

__all__ = ["FetchResult", "fetch_release"]

log = logging.getLogger("sync.release_fetch")

_VERSION_OK = frozenset("0123456789abcdefghijklmnopqrstuvwxyz.+-!_")


@dataclass(frozen=True)
class FetchResult:
    """What :func:`fetch_release` did: ``ready`` is the handed-over bundle, if any."""

    version: str
    action: str
    """``ready`` (downloaded and verified now), ``waiting`` (already in ready/),
    ``skipped`` (this version failed to install before)."""
    ready: Path | None
    files: FilesFetched | None = None
    """What was fetched file by file (None: the whole bundle was downloaded, or nothing)."""


def _safe_version(version: str) -> str:
    if not version or version.startswith(".") or not set(version) <= _VERSION_OK:
        raise ProtocolError(f"heartbeat: release version {version[:40]!r} is not usable")
    return version


def _download(client: CountyClient, release: ReleaseInfo, *, part: Path) -> None:
    """Bring ``part`` to the whole bundle, resuming from its current size."""
    part.parent.mkdir(parents=True, exist_ok=True)
    offset = part.stat().st_size if part.exists() else 0
    if release.size and offset > release.size:
        part.unlink()  # a partial file of another build: start over
        offset = 0
    if release.size and offset == release.size:
        return
    try:
        with client.release_chunks(release.url, offset) as (start, chunks), \
                part.open("r+b" if part.exists() else "wb") as out:
            out.seek(start)
            out.truncate()
            written = start
            for chunk in chunks:
                out.write(chunk)
                written += len(chunk)
                if release.size and written > release.size:
                    raise ProtocolError(f"GET {release.url}: more than the announced "
                                        f"{release.size} bytes")
            out.flush()
            os.fsync(out.fileno())
    except RejectedError as exc:
        if exc.status == 416:  # our partial file is longer than theirs: start over
            part.unlink(missing_ok=True)
        raise
    log_event(log, logging.INFO, "release_downloaded", version=release.version,
              resumed_at=offset or None, bytes=part.stat().st_size)


def _file_sha256(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _checked_pin(release: ReleaseInfo, key: Ed25519PublicKey, *, config: Config,
                 now: datetime) -> bytes | None:
    """The pin file of ``release`` if the county pinned it and the pin verifies, else None
    (logged: the release is then treated as not pinned, so a lower one is refused)."""
    if not release.pinned:
        return None
    if release.pin is None:
        log_event(log, logging.WARNING, "release_pin_unsigned", version=release.version)
        return None
    data = release.pin.encode("utf-8")
    try:
        terminal_id: str | None = load_enrollment(config.enrollment.file).terminal_id
    except EnrollmentError:
        terminal_id = None
    try:
        verify_pin(data, key, version=release.version, now=now, terminal_id=terminal_id,
                   township=config.terminal.township or None)
    except ReleaseError as exc:
        log_event(log, logging.WARNING, "release_pin_refused", version=release.version,
                  code=str(exc.code), error=exc.message)
        return None
    return data


def fetch_release(client: CountyClient, release: ReleaseInfo, *, config: Config,
                  now: datetime) -> FetchResult:
    """Download, check and hand over ``release`` (see the module docstring).

    Blocks for the download (minutes on a slow link; a stall ends after the
    read timeout). Raises SyncError: NetworkError (cut: the next call resumes),
    ProtocolError ``release.download_mismatch`` (size or hash differ from the
    ReleaseInfo; the partial file is dropped) or ``release.*`` codes from
    verification (the file is dropped), ``update.no_key``.
    """
    version = _safe_version(release.version)
    spool = config.update.spool
    ready = spool / "ready" / f"{version}.tar"
    if ready.exists():
        return FetchResult(version, "waiting", ready)
    last = StateFiles(config.update.root).last_attempt()
    if last is not None and last.version == version and last.result == "failed":
        return FetchResult(version, "skipped", None)
    part = spool / "downloads" / f"{version}.tar.part"
    try:
        key = load_release_key(config)
    except ReleaseKeyError as exc:
        raise SyncError(exc.message, code=exc.code) from None
    files = _fetch_files(client, release, key, config=config, now=now, part=part)
    if files is None:
        _download(client, release, part=part)
    size, sha256 = _file_sha256(part)
    if (release.size and size != release.size) or (release.sha256 and sha256 != release.sha256):
        part.unlink()
        raise ProtocolError(f"release {version}: downloaded {size} bytes with SHA-256 "
                            f"{sha256[:16]}…, the county announced {release.size} bytes "
                            f"{release.sha256[:16]}…", code="release.download_mismatch")
    try:
        pin = _checked_pin(release, key, config=config, now=now)
        verify_bundle(part, key, now=now, channel=config.update.channel,
                      installed_version=__version__,
                      pinned_version=version if pin is not None else None)
    except ReleaseError as exc:
        part.unlink()
        raise SyncError(f"release {version} refused: {exc.message}", code=str(exc.code)) from None
    ready.parent.mkdir(parents=True, exist_ok=True)
    pin_path = ready.with_suffix(".pin")
    if pin is not None:
        atomic_write_bytes(pin_path, pin, mode=0o644)
    else:
        pin_path.unlink(missing_ok=True)
    os.replace(part, ready)
    with contextlib.suppress(OSError):
        os.chmod(ready, 0o644)
    for stale in (spool / "downloads").glob("*.part"):
        stale.unlink(missing_ok=True)  # partial files of versions no longer offered
    clear_fetched(spool)
    log_event(log, logging.INFO, "release_ready", version=version, pinned=pin is not None)
    return FetchResult(version, "ready", ready, files)


def _fetch_files(client: CountyClient, release: ReleaseInfo, key: Ed25519PublicKey, *,
                 config: Config, now: datetime, part: Path) -> FilesFetched | None:
    """The small update into ``part``; None when the county serves no manifests (404)."""
    try:
        return fetch_by_files(client, release, key, root=config.update.root,
                              spool=config.update.spool, channel=config.update.channel,
                              now=now, out=part)
    except RejectedError as exc:
        if exc.status == 404:
            return None
        raise
    except ReleaseError as exc:
        raise SyncError(f"release {release.version} refused: {exc.message}",
                        code=str(exc.code)) from None
