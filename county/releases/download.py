"""Serving a bundle: ``GET /api/v1/releases/{version}`` with HTTP Range, for resumed downloads.

One byte range per request (``bytes=A-B``, ``bytes=A-``, ``bytes=-N``) is
all a terminal resuming a cut download needs; a Range this server does not
understand (several ranges, another unit, bad syntax) is ignored and the
whole file sent, as RFC 9110 allows. A range starting past the end is 416.
``If-Range`` with another entity tag than the bundle's sends the whole file:
the release behind a version never changes, but a terminal might hold a
partial file of a withdrawn and republished one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from county.errors import CountyError

__all__ = [
    "ByteRange",
    "Part",
    "RangeNotSatisfiable",
    "bundle_intact",
    "iter_file",
    "parse_range",
    "part_of",
]

_CHUNK = 256 * 1024
_RANGE = re.compile(r"bytes=(\d{0,19})-(\d{0,19})")


class RangeNotSatisfiable(CountyError):
    """The Range starts at or past the end of the file (HTTP 416)."""

    code = "request.range_not_satisfiable"  # ErrorCode.RANGE, the HTTP answer's code


@dataclass(frozen=True)
class ByteRange:
    """Bytes ``start`` … ``end`` inclusive, as Content-Range counts them."""

    start: int
    end: int

    @property
    def length(self) -> int:
        """Number of bytes in the range."""
        return self.end - self.start + 1


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The single byte range ``header`` asks of a ``size``-byte file; None for the whole file.

    Raises :class:`RangeNotSatisfiable` for a range that starts at or
    after ``size`` (or a zero-length suffix).
    """
    if not header:
        return None
    match = _RANGE.fullmatch(header.strip())
    if match is None:
        return None  # several ranges, another unit or garbage: send everything
    first, last = match.group(1), match.group(2)
    if not first:
        if not last:
            return None
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable(f"empty suffix range of a {size}-byte file")
        return ByteRange(max(0, size - suffix), size - 1)
    start = int(first)
    if last and int(last) < start:
        return None  # invalid: ignored
    if start >= size:
        raise RangeNotSatisfiable(f"range starts at byte {start} of a {size}-byte file")
    end = int(last) if last else size - 1
    return ByteRange(start, min(end, size - 1))


def iter_file(path: Path, start: int, length: int) -> Iterator[bytes]:
    """Yield ``length`` bytes of the file at ``path`` from ``start``.

    The file is opened for each chunk and closed before the chunk is
    yielded: a client that hangs up mid-download makes the server abandon
    this generator, and nothing may then be left open until some later
    garbage collection. A file that ends early ends the stream early (the
    client sees a short body against its Content-Length and resumes with a
    Range).
    """
    position, left = start, length
    while left > 0:
        try:
            with path.open("rb") as handle:
                handle.seek(position)
                chunk = handle.read(min(_CHUNK, left))
        except OSError:
            return
        if not chunk:
            return
        position += len(chunk)
        left -= len(chunk)
        yield chunk


def bundle_intact(path: Path, size: int) -> bool:
    """Whether the stored bundle exists and is ``size`` bytes long."""
    try:
        return os.stat(path).st_size == size
    except OSError:
        return False


@dataclass(frozen=True)
class Part:
    """What to send of a ``size``-byte entity: from ``start``, ``length`` bytes, with
    ``status`` (200 or 206) and the headers that say so."""

    start: int
    length: int
    status: int
    headers: dict[str, str]


def part_of(size: int, etag: str, range_header: str | None,
            if_range: str | None = None) -> Part:
    """The answer to a GET of a ``size``-byte entity tagged ``etag`` (bundles, release
    files, voucher images): whole, or the one range asked for while ``If-Range`` (if any)
    still names this entity. Raises :class:`RangeNotSatisfiable` (answer 416 with
    ``Content-Range: bytes */SIZE``)."""
    headers = {"Accept-Ranges": "bytes", "ETag": etag, "Cache-Control": "no-store"}
    wanted = parse_range(range_header if if_range in (None, etag) else None, size)
    if wanted is None:
        start, length, status = 0, size, 200
    else:
        start, length, status = wanted.start, wanted.length, 206
        headers["Content-Range"] = f"bytes {wanted.start}-{wanted.end}/{size}"
    headers["Content-Length"] = str(length)
    return Part(start, length, status, headers)
