"""The spool syncd fills and root empties: ``downloads/V.tar.part`` and ``ready/V.tar``.

syncd (unprivileged) downloads into ``downloads/`` and moves a verified
bundle to ``ready/`` (sync.release_fetch); `kiosk update install --ready`
(root) takes the newest from there and, once an update is kept, deletes
what is no longer needed.

The spool belongs to the kiosk user, so root treats everything in it as
planted: :func:`open_spool_file` opens without following a symbolic link
(of the file or of ``ready/`` itself), without blocking on a FIFO, accepts
only a regular file with one link, and bounds its size; :func:`take_bundle`
copies the bundle into a root-owned directory before anything reads it, so
the kiosk user cannot change it between verification and unpacking.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from pathlib import Path
from typing import BinaryIO

from packaging.version import InvalidVersion, Version

from kiosk.files import atomic_writer
from kiosk.release_dirs import version_key
from update.errors import SpoolFileError

__all__ = ["MAX_BUNDLE_BYTES", "SpoolFileError", "clean_spool", "newest_ready",
           "open_spool_file", "take_bundle"]

#: Largest bundle root copies out of the spool (a ustar member is below 8 GiB).
MAX_BUNDLE_BYTES = 1 << 33
_COPY_CHUNK = 1 << 20


def open_spool_file(directory: Path, name: str, *, max_bytes: int) -> tuple[BinaryIO, int]:
    """Open ``directory/name`` for reading as root would safely: ``(file, size)``.

    Neither ``directory`` nor ``name`` may be a symbolic link (O_NOFOLLOW on both);
    the open does not block (O_NONBLOCK, so a FIFO cannot hold the installer); the
    file must be a regular file with a single link (no hard link to a file of
    root's) of at most ``max_bytes``. Callers read at most ``size`` bytes. Raises
    :class:`SpoolFileError`, ``FileNotFoundError`` when it is not there.
    """
    try:
        dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise SpoolFileError(f"{directory} is not a real directory (a link?)") from None
        raise
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY,
                     dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SpoolFileError(f"{directory.name}/{name} is a symbolic link") from None
        raise
    finally:
        os.close(dir_fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SpoolFileError(f"{directory.name}/{name} is not a regular file")
        if info.st_nlink != 1:
            raise SpoolFileError(f"{directory.name}/{name} has {info.st_nlink} links")
        if info.st_size > max_bytes:
            raise SpoolFileError(f"{directory.name}/{name} has {info.st_size} bytes, "
                                 f"more than the {max_bytes} allowed")
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def take_bundle(bundle: Path, into: Path) -> Path:
    """Copy the spool's ``bundle`` to ``into/NAME`` (root's own, mode 0600); its path.

    Reads through :func:`open_spool_file` and exactly the size the open saw (a file
    that grows meanwhile is cut there, and then fails verification). ``into`` is
    created 0700. Raises :class:`SpoolFileError` and ``OSError``.
    """
    into.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(into, 0o700)
    target = into / bundle.name
    source, size = open_spool_file(bundle.parent, bundle.name, max_bytes=MAX_BUNDLE_BYTES)
    with source, atomic_writer(target, mode=0o600) as out:
        left = size
        while left > 0 and (chunk := source.read(min(_COPY_CHUNK, left))):
            out.write(chunk)
            left -= len(chunk)
    return target


def _version_of(path: Path) -> Version:
    """The version a spool file is named after (``1.4.0.tar``, ``1.4.0.tar.part``,
    ``1.4.0.json``); raises ``InvalidVersion``."""
    return version_key(path.name.split(".tar")[0].removesuffix(".json"))


def newest_ready(ready: Path) -> Path | None:
    """The bundle with the highest version in the spool's ``ready/`` directory."""
    best: tuple[Version, Path] | None = None
    for path in ready.glob("*.tar"):
        try:
            key = _version_of(path)
        except InvalidVersion:
            continue
        if best is None or key > best[0]:
            best = (key, path)
    return best[1] if best else None


def clean_spool(spool: Path, installed: str) -> list[str]:
    """Delete downloads and handed-over bundles of ``installed`` and lower versions."""
    ceiling = version_key(installed)
    removed = []
    for pattern in ("downloads/*.tar.part", "ready/*.tar", "ready/*.json"):
        for path in spool.glob(pattern):
            try:
                stale = _version_of(path) <= ceiling
            except InvalidVersion:
                continue
            if stale:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                removed.append(f"{path.parent.name}/{path.name}")
    return removed
