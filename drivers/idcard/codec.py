"""GA 467 SAM frames: pure functions over bytes, no I/O.

Host → SAM::

    AA AA AA 96 69 | LEN(2, big-endian) | CMD PARA | DATA | XOR

SAM → host::

    AA AA AA 96 69 | LEN(2, big-endian) | SW1 SW2 SW3 | DATA | XOR

``LEN`` counts every byte after itself (the checksum included); ``XOR`` is
the exclusive-or of the two length bytes and every byte up to the checksum.
:class:`FrameParser` reassembles frames from a byte stream that may arrive
in arbitrary chunks, with garbage before a frame or a corrupt frame in the
middle: it always resynchronises on the next preamble.

The text block and photo layouts live in :mod:`drivers.idcard.cardtext`;
this module re-exports their entry points so the whole codec is one import.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum

from drivers.idcard.cardtext import (
    PHOTO_SIZE,
    TEXT_SIZE,
    CardType,
    ForeignCard,
    HmtCard,
    IdCard,
    ResidentCard,
    card_from_profile,
    decode_text,
    encode_text,
)
from drivers.idcard.errors import ChecksumError, FrameError

__all__ = [
    "MAX_FRAME_LEN",
    "PHOTO_SIZE",
    "PREAMBLE",
    "TEXT_SIZE",
    "CardType",
    "Command",
    "ForeignCard",
    "FrameParser",
    "HmtCard",
    "IdCard",
    "Request",
    "ResidentCard",
    "Response",
    "SamStatus",
    "build_command",
    "build_response",
    "card_from_profile",
    "decode_read_data",
    "decode_text",
    "encode_read_data",
    "encode_text",
    "xor_checksum",
]

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
#: The largest LEN a SAM sends: text + photo + fingerprint (≈ 2.3 kB) with room
#: to spare. A larger LEN is a corrupt frame: waiting for it would stall the
#: parser, so it is treated like a bad checksum (skip, resynchronise).
MAX_FRAME_LEN = 4096
_HEADER = len(PREAMBLE) + 2


class Command(Enum):
    """The SAM commands a kiosk uses: ``(CMD, PARA)``."""

    SAM_STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)
    SAM_RESET = (0x10, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_BASE = (0x30, 0x01)  # text + photo
    READ_BASE_FP = (0x30, 0x10)  # text + photo + fingerprint
    READ_ADDRESS = (0x30, 0x03)  # newest additional address

    @classmethod
    def lookup(cls, cmd: int, para: int) -> Command | None:
        """The command for a ``(CMD, PARA)`` pair, or None if not one of ours."""
        return _COMMANDS.get((cmd, para))


_COMMANDS = {c.value: c for c in Command}


class SamStatus(IntEnum):
    """SW3 of a SAM answer (GA 467 status codes), named."""

    UNDEFINED = -1  # a code this driver does not know; the raw byte is kept
    OK = 0x90
    NO_CONTENT = 0x91  # e.g. no fingerprint or no additional address on the card
    CARD_FOUND = 0x9F
    CHECKSUM_ERROR = 0x10  # SAM received a frame with a bad checksum
    LENGTH_ERROR = 0x11  # SAM received a frame with a bad length
    UNKNOWN_COMMAND = 0x21
    UNAUTHORISED = 0x23
    UNRECOGNISED_ERROR = 0x24
    CARD_AUTH_FAILED = 0x31  # the card failed to authenticate the reader
    READER_AUTH_FAILED = 0x32  # the reader failed to authenticate the card
    INFO_CHECK_FAILED = 0x33  # information verification failed
    READ_FAILED = 0x40  # card type not recognised / cannot be read
    CARD_MOVED = 0x41  # read failed: the card moved or left the field
    KEY_ERROR = 0x47  # random number / key error
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66
    NO_CARD = 0x80
    SELECT_FAILED = 0x81

    @classmethod
    def from_sw3(cls, sw3: int) -> SamStatus:
        """The named status for an SW3 byte; :attr:`UNDEFINED` for unknown codes."""
        try:
            return cls(sw3)
        except ValueError:
            return cls.UNDEFINED

    @property
    def is_error(self) -> bool:
        """True unless the status is a normal answer (ok, card found, no card, no content)."""
        return self not in _NORMAL


_NORMAL = frozenset({SamStatus.OK, SamStatus.CARD_FOUND, SamStatus.NO_CARD,
                     SamStatus.NO_CONTENT})


@dataclass(frozen=True)
class Response:
    """One parsed SAM answer."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @property
    def status(self) -> SamStatus:
        """The named status of SW3."""
        return SamStatus.from_sw3(self.sw3)


@dataclass(frozen=True)
class Request:
    """One parsed host command (what the emulator receives)."""

    cmd: int
    para: int
    data: bytes

    @property
    def command(self) -> Command | None:
        """The known command, or None for one this driver does not use."""
        return Command.lookup(self.cmd, self.para)


def xor_checksum(data: bytes) -> int:
    """XOR of all bytes of ``data`` (0 for empty input)."""
    value = 0
    for byte in data:
        value ^= byte
    return value


def _frame(payload: bytes) -> bytes:
    length = len(payload) + 1
    if length > MAX_FRAME_LEN:
        raise FrameError(f"payload of {len(payload)} bytes exceeds the frame limit")
    body = length.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([xor_checksum(body)])


def build_command(command: Command | tuple[int, int], data: bytes = b"") -> bytes:
    """The frame for a host command, e.g. SAM status → ``AA AA AA 96 69 00 03 11 FF ED``.

    Raises :class:`FrameError` if ``data`` is too long for one frame.
    """
    cmd, para = command.value if isinstance(command, Command) else command
    return _frame(bytes([cmd, para]) + data)


def build_response(sw3: int, data: bytes = b"", *, sw1: int = 0, sw2: int = 0) -> bytes:
    """The frame a SAM sends: ``SW1 SW2 SW3 DATA`` framed (used by the emulator).

    Raises :class:`FrameError` if ``data`` is too long for one frame.
    """
    return _frame(bytes([sw1, sw2, sw3]) + data)


def encode_read_data(text: bytes, photo: bytes) -> bytes:
    """DATA of a READ_BASE answer: text length, photo length (2 bytes BE each), text, photo."""
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo


def decode_read_data(data: bytes) -> tuple[bytes, bytes]:
    """Split READ_BASE answer DATA into ``(text, photo)``.

    Raises :class:`FrameError` if the declared lengths do not match the data.
    """
    if len(data) < 4:
        raise FrameError(f"read answer of {len(data)} bytes has no length header")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if 4 + text_len + photo_len > len(data):
        raise FrameError("read answer shorter than its declared text and photo lengths")
    text = data[4:4 + text_len]
    photo = data[4 + text_len:4 + text_len + photo_len]
    return text, photo


class FrameParser:
    """Reassembles frame payloads from a byte stream (not thread-safe: one owner).

    ``feed()`` appends bytes; ``next_payload()`` returns the next complete
    payload (the bytes between LEN and the checksum), None if more bytes are
    needed, or raises :class:`ChecksumError`/:class:`FrameError` once for a
    corrupt frame — after skipping it, so the next call resynchronises on the
    next preamble. The buffer never grows beyond one maximal frame plus the
    unread input: bytes that cannot start a frame are dropped at once.
    """

    def __init__(self, *, min_len: int = 2) -> None:
        # min_len: the shortest LEN a valid frame can have (3 for commands,
        # 4 for responses); anything shorter is corruption.
        self._buf = bytearray()
        self._min_len = min_len

    def feed(self, data: bytes) -> None:
        """Append received bytes."""
        self._buf += data

    def reset(self) -> None:
        """Drop everything buffered (after a timeout, before a new command)."""
        self._buf.clear()

    @property
    def buffered(self) -> int:
        """How many bytes are waiting (for tests and diagnostics)."""
        return len(self._buf)

    def next_payload(self) -> bytes | None:
        """The next complete frame's payload, or None; raises once per corrupt frame."""
        start = self._buf.find(PREAMBLE)
        if start < 0:
            # Keep a tail that may be the start of a preamble split across chunks.
            keep = len(PREAMBLE) - 1
            if len(self._buf) > keep:
                del self._buf[:len(self._buf) - keep]
            return None
        if start:
            del self._buf[:start]
        if len(self._buf) < _HEADER:
            return None
        length = int.from_bytes(self._buf[5:7], "big")
        if not self._min_len <= length <= MAX_FRAME_LEN:
            del self._buf[:1]  # skip this preamble; search again from the next byte
            raise FrameError(f"frame length {length} out of range")
        end = _HEADER + length
        if len(self._buf) < end:
            return None
        body = bytes(self._buf[5:end - 1])
        checksum = self._buf[end - 1]
        if xor_checksum(body) != checksum:
            # Skip only the preamble's first byte, not the declared length: if
            # LEN itself was corrupt, a good frame may follow inside it.
            del self._buf[:1]
            raise ChecksumError(f"frame checksum {checksum:#04x} does not match")
        del self._buf[:end]
        return body[2:]

    def next_response(self) -> Response | None:
        """The next complete SAM answer, or None; raises like :meth:`next_payload`."""
        payload = self.next_payload()
        if payload is None:
            return None
        if len(payload) < 3:
            raise FrameError(f"answer of {len(payload)} bytes has no status word")
        return Response(payload[0], payload[1], payload[2], payload[3:])

    def next_request(self) -> Request | None:
        """The next complete host command, or None; raises like :meth:`next_payload`."""
        payload = self.next_payload()
        if payload is None:
            return None
        if len(payload) < 2:
            raise FrameError(f"command of {len(payload)} bytes has no CMD PARA")
        return Request(payload[0], payload[1], payload[2:])
