"""Crash-safe file writes: a power cut leaves the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_write_bytes", "atomic_writer", "fsync_dir"]


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically and durably (see :func:`atomic_writer`).

    Raises ``OSError``.
    """
    with atomic_writer(path, mode=mode) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(path: Path, *, mode: int = 0o600) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` atomically and durably when the block ends.

    Writes a temporary file in the same directory (created with ``mode``, so a
    secret is never readable by others even for a moment), fsyncs it, renames
    it over ``path`` and fsyncs the directory. If the block raises, the
    temporary file is removed and ``path`` is untouched. Raises ``OSError``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # the umask may have narrowed or widened os.open's mode
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Make a create, rename or unlink inside the directory ``path`` durable.

    Raises ``OSError``.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
