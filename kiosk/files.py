"""Crash-safe file writes: a power cut leaves the old file or the new one, never half.

One mechanism, three ways in: :func:`atomic_writer` streams into the new
file, :func:`atomic_write_bytes` writes bytes at once, :func:`atomic_file`
hands a temporary *path* to a writer that needs one (SQLite's backup API).
Each writes a temporary file in the target's directory, fsyncs it, gives it
its mode, renames it over the target and fsyncs the directory; on any error
the temporary file goes and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_file", "atomic_write_bytes", "atomic_writer", "fsync_dir"]


@contextlib.contextmanager
def atomic_writer(path: Path, *, mode: int = 0o600) -> Iterator[BinaryIO]:
    """A binary file to write; when the ``with`` block ends it atomically becomes ``path``.

    The temporary file is created exclusively (never through a planted link)
    and readable only by its owner until it is complete (then ``mode``, so a
    secret is never readable by others even for a moment). Creates missing
    parent directories. Raises ``OSError``; an exception inside the block
    leaves ``path`` untouched and is re-raised.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with _removed_on_error(Path(name)) as tmp:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
            os.fchmod(out.fileno(), mode)
        os.replace(tmp, path)
    fsync_dir(path.parent)


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically and durably (see :func:`atomic_writer`)."""
    with atomic_writer(path, mode=mode) as out:
        out.write(data)


@contextlib.contextmanager
def atomic_file(path: Path, *, mode: int = 0o600, temp: Path | None = None) -> Iterator[Path]:
    """A temporary path for a writer that opens files by name; it becomes ``path`` after.

    ``temp`` fixes the temporary name (default ``.NAME.PID.tmp`` beside
    ``path``), so a caller recovering from a crash knows what to remove; a
    file left there is removed first. Raises ``OSError``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp or path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    with _removed_on_error(tmp):
        yield tmp
        fd = os.open(tmp, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            os.fsync(fd)
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    fsync_dir(path.parent)


@contextlib.contextmanager
def _removed_on_error(tmp: Path) -> Iterator[Path]:
    """``tmp``, deleted if the block fails (the target is then left as it was)."""
    try:
        yield tmp
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def fsync_dir(path: Path) -> None:
    """Make a create, rename or unlink inside the directory ``path`` durable.

    Raises ``OSError``.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
