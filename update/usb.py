"""A release bundle from a USB stick, verified as the kiosk user and handed to root like syncd's.

`kiosk update from-usb [PATH]` runs unprivileged (village-kiosk-usb-check.service
as user kiosk once the stick is mounted read-only under ``[update] usb_dir``,
the clerk screen's "从U盘更新", or IT staff with ``sudo -u kiosk``). It never
installs: it does what syncd does with a downloaded bundle, so root's
installer cannot tell how a bundle came.

1. Candidates: every ``*.bundle`` / ``*.tar`` file (any case, not hidden: no
   macOS ``._`` shadow files) at the top level of PATH and in its
   ``village-kiosk/`` folder; PATH may also name one bundle file. At most
   :data:`MAX_CANDIDATES`, each a regular file (opened without following
   links) of at most :data:`USB_MAX_BUNDLE_BYTES`.
2. Each is verified in place with the network path's checks and functions
   (sync.protocol.release ``verify_bundle``: signature with the terminal's
   release key, expiry, channel, every hash, not lower than the installed
   version); the newest valid one wins. Nothing is written to the stick.
3. That one is copied into ``SPOOL/usb-copy/V.tar.part`` (size-capped, hashed
   while copied, fsynced), verified again *as copied* (the stick may change or
   be pulled meanwhile), and renamed atomically to ``SPOOL/ready/V.tar``; the
   root-owned village-kiosk-update.path unit then runs ``kiosk update install
   --ready``, which verifies it once more.
4. The outcome is written to ``SPOOL/usb-check.json`` (kiosk.usb_check) for
   the clerk screen and returned; every refusal is logged in English with its
   ``release.*`` / ``update.usb_*`` code.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from packaging.version import InvalidVersion, Version

from kiosk import __version__
from kiosk.config import Config
from kiosk.files import fsync_dir
from kiosk.logfmt import log_event
from kiosk.release_dirs import ReleaseDirs
from kiosk.usb_check import UsbCheck, UsbResult, record_usb_check
from sync.protocol.release import ReleaseError, VerifiedBundle, verify_bundle
from sync.protocol.release.trust import ReleaseKeyError, load_release_key
from update.errors import (
    NoKeyError,
    SpoolFileError,
    UpdateError,
    UsbNoBundleError,
    UsbNoSpaceError,
    UsbNotMountedError,
    UsbUnreadableError,
)
from update.spool import open_spool_file

__all__ = ["BUNDLE_FOLDER", "MAX_CANDIDATES", "USB_MAX_BUNDLE_BYTES", "check_usb",
           "find_bundles"]

log = logging.getLogger("update.usb")

#: The stick's folder for bundles, besides its top level.
BUNDLE_FOLDER = "village-kiosk"
#: Bundle files looked at on one stick (the rest are ignored, and logged).
MAX_CANDIDATES = 16
#: Largest file taken from a stick (a full bundle is some 280 MiB).
USB_MAX_BUNDLE_BYTES = 2 << 30
#: Spare room the spool must keep after the copy.
_SPARE_BYTES = 64 << 20
_SUFFIXES = (".bundle", ".tar")
_CHUNK = 1 << 20
_COPY_DIR = "usb-copy"


@dataclass(frozen=True)
class _Verified:
    source: str  # relative to the stick
    path: Path
    bundle: VerifiedBundle


def find_bundles(stick: Path) -> list[Path]:
    """The candidate bundle files on ``stick`` (a directory or one file), sorted.

    Raises :class:`UsbNotMountedError` when ``stick`` is missing, or empty and not
    a mount point; :class:`UsbUnreadableError` when it cannot be listed;
    :class:`UsbNoBundleError` when it holds no candidate.
    """
    if stick.is_file():
        return [stick]
    found: list[Path] = []
    for folder in (stick, stick / BUNDLE_FOLDER):
        try:
            names = sorted(os.listdir(folder))
        except FileNotFoundError:
            if folder == stick:
                raise UsbNotMountedError(f"{stick}: no such directory") from None
            continue
        except NotADirectoryError:
            continue
        except OSError as exc:
            raise UsbUnreadableError(f"{folder}: cannot list: {exc.strerror}") from None
        if folder == stick and not names and not os.path.ismount(stick):
            raise UsbNotMountedError(f"{stick}: empty and not a mount point (no stick in, "
                                     "or not FAT/exFAT)")
        found += [folder / n for n in names
                  if not n.startswith(".") and n.lower().endswith(_SUFFIXES)]
    if not found:
        raise UsbNoBundleError(f"no *.bundle or *.tar file at the top of {stick} or in "
                               f"{stick / BUNDLE_FOLDER}")
    if len(found) > MAX_CANDIDATES:
        log_event(log, logging.WARNING, "usb_too_many_files", stick=str(stick),
                  found=len(found), looked_at=MAX_CANDIDATES)
    return found[:MAX_CANDIDATES]


def _installed_version(config: Config) -> str:
    """What root's installer compares with: ``current``, else the running code's version."""
    return ReleaseDirs(config.update.root).current() or __version__


def _verify(path: Path, key: Ed25519PublicKey, *, config: Config, installed: str,
            now: datetime) -> VerifiedBundle:
    """``verify_bundle`` on a stick file opened safely; raises ReleaseError, UpdateError."""
    try:
        handle, _size = open_spool_file(path.parent, path.name, max_bytes=USB_MAX_BUNDLE_BYTES)
    except SpoolFileError as exc:
        raise UsbUnreadableError(exc.message) from None
    except OSError as exc:
        raise UsbUnreadableError(f"{path.name}: cannot open: {exc.strerror}") from None
    # verify_bundle reads by path; the checked descriptor pins the file (/proc/self/fd).
    with handle:
        try:
            return verify_bundle(Path(f"/proc/self/fd/{handle.fileno()}"), key, now=now,
                                 channel=config.update.channel, installed_version=installed)
        except OSError as exc:
            raise UsbUnreadableError(f"{path.name}: read failed: {exc.strerror}") from None


def _copy(chosen: _Verified, part: Path) -> None:
    """Copy the chosen bundle into ``part`` (fsynced) and check it is the verified bytes."""
    try:
        source, size = open_spool_file(chosen.path.parent, chosen.path.name,
                                       max_bytes=USB_MAX_BUNDLE_BYTES)
    except (SpoolFileError, OSError) as exc:
        raise UsbUnreadableError(f"{chosen.source}: cannot open again: {exc}") from None
    free = shutil.disk_usage(part.parent).free
    if size + _SPARE_BYTES > free:
        source.close()
        raise UsbNoSpaceError(f"{chosen.source} has {size} bytes, the spool "
                              f"{part.parent.parent} only {free} free")
    digest = hashlib.sha256()
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
    with source, os.fdopen(os.open(part, flags, 0o600), "wb") as out:
        left = size
        try:
            while left > 0 and (chunk := source.read(min(_CHUNK, left))):
                out.write(chunk)
                digest.update(chunk)
                left -= len(chunk)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise UsbNoSpaceError(f"the spool filled up copying {chosen.source}") from None
            raise UsbUnreadableError(f"{chosen.source}: read failed: {exc.strerror}") from None
        out.flush()
        os.fsync(out.fileno())
    if size != chosen.bundle.size or digest.hexdigest() != chosen.bundle.sha256:
        raise UsbUnreadableError(f"{chosen.source} changed on the stick after it was verified")


def _hand_over(chosen: _Verified, key: Ed25519PublicKey, *, config: Config, installed: str,
               now: datetime) -> Path:
    """Copy, verify the copy, rename into ``ready/``: the path in ``ready/``."""
    spool = config.update.spool
    work, ready_dir = spool / _COPY_DIR, spool / "ready"
    work.mkdir(parents=True, exist_ok=True)
    ready_dir.mkdir(parents=True, exist_ok=True)
    version = chosen.bundle.version
    ready = ready_dir / f"{version}.tar"
    with (work / ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the clerk's button and the mount's unit at once
        part = work / f"{version}.tar.part"
        try:
            _copy(chosen, part)
            verify_bundle(part, key, now=now, channel=config.update.channel,
                          installed_version=installed)
            # A USB bundle carries no pin: a pin syncd left for this version must not apply.
            ready.with_suffix(".pin").unlink(missing_ok=True)
            os.chmod(part, 0o644)
            os.replace(part, ready)
            fsync_dir(ready_dir)
        finally:
            part.unlink(missing_ok=True)
    return ready


def _refusal(error: ReleaseError | UpdateError) -> tuple[str, str]:
    if isinstance(error, ReleaseError):
        return str(error.code), error.message
    return error.code, error.message


def check_usb(stick: Path, config: Config, *, now: datetime) -> UsbCheck:
    """Look at ``stick`` and hand its newest valid bundle to root (module docstring).

    Returns the outcome, also recorded in ``SPOOL/usb-check.json`` (a spool that
    cannot be written makes it ``failed``). Never raises for a bad stick or bundle.
    """
    stamp = now.isoformat()
    stick = stick.resolve()  # IT staff's path may be a link; nothing *on* the stick may be

    def done(result: UsbResult, version: str = "", code: str = "", message: str = "",
             source: str = "") -> UsbCheck:
        check = UsbCheck(stamp, result, version, code, message[:500], source)
        fine = result in ("ready", "current")
        log_event(log, logging.INFO if fine else logging.WARNING, "usb_check", result=result,
                  version=version or None, code=code or None, source=source or None,
                  **{"detail" if fine else "error": message or None})
        try:
            record_usb_check(config.update.spool, check)
        except OSError as exc:
            log_event(log, logging.ERROR, "usb_check_unrecorded", error=str(exc))
        return check

    try:
        key = load_release_key(config)
    except ReleaseKeyError as exc:
        return done("refused", code=NoKeyError.code, message=exc.message)
    try:
        candidates = find_bundles(stick)
    except UsbNoBundleError as exc:
        return done("empty", code=exc.code, message=exc.message)
    except UpdateError as exc:
        return done("failed", code=exc.code, message=exc.message)
    installed = _installed_version(config)
    good: list[_Verified] = []
    refused: list[tuple[str, str, str]] = []  # (source, code, message)
    for path in candidates:
        source = _relative(path, stick)
        try:
            good.append(_Verified(source, path, _verify(path, key, config=config,
                                                        installed=installed, now=now)))
        except (ReleaseError, UpdateError) as exc:
            code, message = _refusal(exc)
            refused.append((source, code, message))
            log_event(log, logging.WARNING, "usb_bundle_refused", source=source, code=code,
                      error=message)
    if not good:
        source, code, message = refused[-1]
        if len(refused) > 1:
            message = "; ".join(f"{s}: {c}" for s, c, _ in refused)
            source = ""
        return done("refused", code=code, message=message, source=source)
    chosen = max(good, key=lambda g: Version(g.bundle.version))
    version = chosen.bundle.version
    if _same_version(version, installed):
        return done("current", version=version, source=chosen.source,
                    message=f"{chosen.source}: village-kiosk {version} is installed already")
    try:
        ready = _hand_over(chosen, key, config=config, installed=installed, now=now)
    except ReleaseError as exc:
        return done("refused", version, str(exc.code), exc.message, chosen.source)
    except UsbNoSpaceError as exc:
        return done("failed", version, exc.code, exc.message, chosen.source)
    except UpdateError as exc:
        return done("refused", version, exc.code, exc.message, chosen.source)
    except OSError as exc:
        return done("failed", version, "update.usb_unreadable",
                    f"cannot write the spool: {exc}", chosen.source)
    return done("ready", version, message=f"{chosen.source}: village-kiosk {version} verified "
                f"and handed to the installer as {ready}", source=chosen.source)


def _same_version(version: str, installed: str) -> bool:
    with contextlib.suppress(InvalidVersion):
        return Version(version) == Version(installed)
    return version == installed


def _relative(path: Path, stick: Path) -> str:
    try:
        return str(path.relative_to(stick)) if path != stick else path.name
    except ValueError:
        return path.name
