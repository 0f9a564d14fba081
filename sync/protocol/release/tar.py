"""The bundle as a file: a strict POSIX (pax) tar reader and writer, and durable writes.

A bundle (docs/releases.md) is an uncompressed POSIX tar of
``manifest.json``, ``manifest.sig`` and ``wheels/*.whl``, in that order.
A name that fits a ustar header (100 bytes, or a 155-byte prefix and a
100-byte name split at a slash) is stored there alone; a longer one (a wheel
name can be up to 255 bytes) gets a POSIX.1-2001 pax extended header just
before its ustar header, holding exactly one record, ``path``
(:func:`member_headers`). This reader is deliberately our own and strict
(``tarfile`` ends an archive silently at a damaged header and follows
links): the header blocks of every member — the pax header, its record and
the ustar header — must be byte for byte what :func:`member_headers` writes
for its name, size and time (so checksums hold, no unused field carries
anything and no pax record but ``path`` can slip in), only regular files
with the expected names are accepted (no links, devices, directories,
absolute or ``..`` paths, duplicates, global pax headers or GNU long
names), and a file that ends before the end-of-archive marker is
``release.truncated``.

Internal to :mod:`sync.protocol.release`; the rest of the code base imports
from the package.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kiosk.files import fsync_dir
from sync.protocol.release.errors import ReleaseCode, ReleaseError

__all__ = [
    "BLOCK",
    "MANIFEST_NAME",
    "MAX_MEMBERS",
    "MAX_PATH_BYTES",
    "SIGNATURE_NAME",
    "WHEEL_PATH_RE",
    "Member",
    "member_headers",
    "padding",
    "read_exact",
    "read_member",
    "scan_structure",
    "ustar_header",
    "write_new",
]

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
#: Tar block size (bytes): headers and the padding of member data.
BLOCK = 512
#: More members than this is not a bundle (a guard against a header flood).
MAX_MEMBERS = 4096
# A wheel file name as pip writes it: no slash, no leading dot, so no "..".
WHEEL_PATH_RE = r"^wheels/[A-Za-z0-9_][A-Za-z0-9_.+!-]*\.whl$"
#: The longest member path: ``wheels/`` and a file name of NAME_MAX (255) bytes.
MAX_PATH_BYTES = 7 + 255
# A pax header holds one record of at most this many bytes: one block.
_MAX_PAX_BYTES = BLOCK


@dataclass(frozen=True)
class Member:
    """One member as the structure scan found it."""

    name: str
    offset: int  # of the first header block (the pax header, if there is one)
    header: bytes  # every header block, compared again whenever the data is read
    size: int


def padding(size: int) -> bytes:
    """The zero bytes that fill member data of ``size`` bytes up to a whole block."""
    return bytes(-size % BLOCK)


def _ustar_split(name: str) -> tuple[str, str] | None:
    """``(prefix, name)`` of ``name`` in a ustar header, None when it does not fit."""
    if len(name.encode()) <= 100:
        return "", name
    prefix, _, rest = name.rpartition("/")
    if prefix and len(rest.encode()) <= 100 and len(prefix.encode()) <= 155:
        return prefix, rest
    return None


def member_headers(name: str, size: int, mtime: int) -> bytes:
    """Every header block of a regular file ``name`` as a bundle stores it.

    One ustar header when the name fits one; otherwise a pax extended
    header (type ``x``) whose data is the one record ``path=NAME``, zero
    padded to a block, and then a ustar header carrying the name cut to its
    first 100 bytes (what a reader without pax would show). Raises
    ``ValueError`` for a name longer than :data:`MAX_PATH_BYTES` or not ASCII.
    """
    if not name.isascii():
        raise ValueError(f"{name!r}: a bundle member name must be ASCII")
    if _ustar_split(name) is not None:
        return ustar_header(name, size, mtime)
    if len(name) > MAX_PATH_BYTES:
        raise ValueError(f"{name}: file name longer than {MAX_PATH_BYTES} bytes")
    record = _pax_record("path", name)
    pax_name = f"PaxHeaders/{name.rpartition('/')[2]}"[:100]
    return (ustar_header(pax_name, len(record), mtime, kind=b"x") + record
            + padding(len(record)) + ustar_header(name[:100], size, mtime))


def _pax_record(key: str, value: str) -> bytes:
    """``LEN KEY=VALUE\n`` where LEN counts the whole record, its own digits included."""
    body = f" {key}={value}\n".encode()
    length = len(body) + 1
    while len(str(length)) + len(body) != length:
        length += 1
    return str(length).encode() + body


def ustar_header(name: str, size: int, mtime: int, *, kind: bytes = b"0") -> bytes:
    """A POSIX ustar header block for a file owned by root, mode 0644: a regular file,
    or (``kind`` ``x``) a pax extended header."""
    split = _ustar_split(name)
    if split is None:
        raise ValueError(f"{name}: file name too long for a ustar header")
    prefix, name = split
    header = bytearray(BLOCK)

    def put(offset: int, width: int, value: bytes) -> None:
        header[offset:offset + len(value)] = value[:width]

    put(0, 100, name.encode("ascii"))
    put(100, 8, b"0000644\0")
    put(108, 8, b"0000000\0")
    put(116, 8, b"0000000\0")
    put(124, 12, b"%011o\0" % size)
    put(136, 12, b"%011o\0" % mtime)
    put(148, 8, b" " * 8)  # the checksum is computed with its own field as spaces
    put(156, 1, kind)
    put(257, 8, b"ustar\x0000")
    put(345, 155, prefix.encode("ascii"))
    put(148, 8, b"%06o\0 " % sum(header))
    return bytes(header)


def _octal(field: bytes, what: str, name: str) -> int:
    text = field.rstrip(b"\0 ").lstrip(b" ")
    if not re.fullmatch(rb"[0-7]{1,12}", text):
        raise ReleaseError(ReleaseCode.MALFORMED,
                           f"member {name!r}: bad {what} field in its header")
    return int(text, 8)


def read_exact(handle: BinaryIO, size: int, what: str) -> bytes:
    """Read exactly ``size`` bytes; ``release.truncated`` naming ``what`` if the file ends."""
    data = handle.read(size)
    if len(data) != size:
        raise ReleaseError(ReleaseCode.TRUNCATED,
                           f"the bundle ends inside {what} (download cut short?)")
    return data


def scan_structure(handle: BinaryIO) -> list[Member]:
    """Walk the tar headers, seeking over the data; returns the members in order.

    Raises :class:`ReleaseError`: ``release.truncated`` when the file ends
    before a member's data or the end-of-archive marker, ``release.malformed``
    for anything a bundle does not contain (see the module docstring).
    """
    members: list[Member] = []
    seen: set[str] = set()
    end = os.fstat(handle.fileno()).st_size
    handle.seek(0)
    while True:
        offset = handle.tell()
        header = read_exact(handle, BLOCK, f"the header at byte {offset}")
        if header == bytes(BLOCK):
            second = read_exact(handle, BLOCK, "the end-of-archive marker")
            if second != bytes(BLOCK):
                raise ReleaseError(ReleaseCode.MALFORMED,
                                   f"a zero block at byte {offset} is not followed by another")
            # Up to the size fstat gave, not to EOF: a file that keeps growing (or a
            # device) must not keep the installer reading.
            left = end - handle.tell()
            while left > 0 and (rest := handle.read(min(1 << 16, left))):
                if rest.strip(b"\0"):
                    raise ReleaseError(ReleaseCode.MALFORMED,
                                       "data after the end-of-archive marker")
                left -= len(rest)
            break
        # Until the header proved to be a bundle's (checksum, ustar, regular file, a name a
        # bundle may hold), its bytes are anyone's: a link planted in the spool can make this
        # any file. Messages then name the member by its offset only, never by its bytes
        # (they reach update-state.json and the county).
        where = f"the member at byte {offset}"
        name = _header_name(header, offset)
        _check_block(header, where)
        blocks, path = header, None
        if header[156:157] == b"x":  # a pax extended header: the name is in its record
            record_size = _octal(header[124:136], "size", where)
            if record_size > _MAX_PAX_BYTES:
                raise ReleaseError(ReleaseCode.MALFORMED,
                                   f"{where}: a pax header longer than {_MAX_PAX_BYTES} bytes")
            record = read_exact(handle, record_size + (-record_size % BLOCK),
                                f"the pax header at byte {offset}")
            path = _pax_path(record[:record_size], where)
            header = read_exact(handle, BLOCK, f"the header after the pax header at byte "
                                               f"{offset}")
            _check_block(header, where)
            blocks = blocks + record + header
        kind = header[156:157]
        if kind not in (b"0", b"\0"):
            raise ReleaseError(ReleaseCode.MALFORMED,
                               f"{where} is a {_KINDS.get(kind, 'special entry')}, "
                               "not a regular file")
        name = path if path is not None else name
        _check_name(name, len(members), where)
        if name in seen:
            raise ReleaseError(ReleaseCode.MALFORMED, f"member {name!r} appears twice")
        seen.add(name)
        size = _octal(header[124:136], "size", name)
        # Fields a bundle does not use (owner, mode, links) must hold what write_bundle puts
        # there, and a pax header must be there exactly when the name needs one and hold
        # nothing but the name: headers that differ anywhere are not ours.
        if blocks != member_headers(name, size, _octal(header[136:148], "mtime", name)):
            raise ReleaseError(ReleaseCode.MALFORMED,
                               f"member {name!r}: header fields differ from a bundle's")
        data_end = handle.tell() + size + (-size % BLOCK)
        if data_end > end:
            raise ReleaseError(ReleaseCode.TRUNCATED,
                               f"the bundle ends inside member {name!r} (download cut short?)")
        members.append(Member(name=name, offset=offset, header=blocks, size=size))
        if len(members) > MAX_MEMBERS:
            raise ReleaseError(ReleaseCode.MALFORMED, f"more than {MAX_MEMBERS} members")
        handle.seek(data_end)
    if len(members) < 2:
        missing = MANIFEST_NAME if not members else SIGNATURE_NAME
        raise ReleaseError(ReleaseCode.MALFORMED, f"the bundle has no {missing}")
    handle.seek(0)
    return members


_KINDS = {b"1": "hard link", b"2": "symbolic link", b"3": "character device",
          b"4": "block device", b"5": "directory", b"6": "FIFO", b"x": "pax header",
          b"g": "pax global header", b"L": "GNU long name", b"K": "GNU long link name"}


def _check_block(header: bytes, where: str) -> None:
    if header[148:156] != b"%06o\0 " % (sum(header[:148]) + 8 * 32 + sum(header[156:])):
        raise ReleaseError(ReleaseCode.MALFORMED, f"{where}: header checksum mismatch")
    if header[257:265] != b"ustar\x0000":
        raise ReleaseError(ReleaseCode.MALFORMED, f"{where}: not a POSIX ustar header")


def _pax_path(record: bytes, where: str) -> str:
    """The name a pax header's data gives: exactly one ``LEN path=NAME\\n`` record."""
    match = re.fullmatch(rb"([1-9][0-9]{0,3}) path=([^\n\0]+)\n", record)
    if match is None or int(match.group(1)) != len(record):
        raise ReleaseError(ReleaseCode.MALFORMED,
                           f"{where}: a pax header that is not one path record")
    try:
        return match.group(2).decode("ascii")
    except UnicodeDecodeError:
        raise ReleaseError(ReleaseCode.MALFORMED,
                           f"{where}: a pax path that is not ASCII") from None


def _header_name(header: bytes, offset: int) -> str:
    try:
        name = header[0:100].split(b"\0", 1)[0].decode("utf-8")
        prefix = header[345:500].split(b"\0", 1)[0].decode("utf-8")
    except UnicodeDecodeError:
        raise ReleaseError(ReleaseCode.MALFORMED,
                           f"the member at byte {offset} has a name that is not UTF-8") from None
    return f"{prefix}/{name}" if prefix else name


def _check_name(name: str, index: int, where: str) -> None:
    """Raise unless ``name`` is what member ``index`` of a bundle may be called; the
    message names the member by ``where`` (its offset), not by the unverified name."""
    if name.startswith("/") or ".." in name.split("/") or "\\" in name:
        raise ReleaseError(ReleaseCode.MALFORMED,
                           f"{where} has an absolute or parent-relative path")
    expected = {0: MANIFEST_NAME, 1: SIGNATURE_NAME}.get(index)
    if expected is not None and name != expected:
        raise ReleaseError(ReleaseCode.MALFORMED,
                           f"member {index + 1} is not {expected}: {expected} must come there")
    if expected is None and not re.fullmatch(WHEEL_PATH_RE, name):
        raise ReleaseError(ReleaseCode.MALFORMED,
                           f"{where} must not be in a bundle (only wheels/*.whl)")


def read_member(handle: BinaryIO, member: Member, limit: int) -> bytes:
    """The data of ``member`` (at most ``limit`` bytes, else ``release.malformed``).

    Its header is read again and must be the one the scan saw
    (``release.file_mismatch`` otherwise: the file changed).
    """
    if member.size > limit:
        raise ReleaseError(ReleaseCode.MALFORMED,
                           f"{member.name} has {member.size} bytes, more than the {limit} allowed")
    handle.seek(member.offset)
    if handle.read(len(member.header)) != member.header:
        raise ReleaseError(ReleaseCode.FILE_MISMATCH,
                           f"{member.name}: the bundle changed while it was being read")
    return read_exact(handle, member.size, f"member {member.name!r}")


def write_new(path: Path, data: bytes, mode: int) -> None:
    """Create ``path`` (never replacing a file) with ``data`` and ``mode``, durably."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, mode)  # the umask may have narrowed it
    fsync_dir(path.parent)
