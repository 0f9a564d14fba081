"""The ID-card driver's error hierarchy, each class with a stable ``code``.

Messages are English and never contain card data (they may be logged).
What a villager sees is chosen by ``ui/`` from the ``code``, never from the
message.
"""

from __future__ import annotations

from drivers.errors import DriverError

__all__ = [
    "BlockLengthError",
    "CardDataError",
    "CardRemoved",
    "ChecksumError",
    "CodecError",
    "FrameError",
    "IdCardError",
    "ReaderTimeout",
    "ReaderUnavailable",
    "SamError",
    "TransportError",
]


class IdCardError(DriverError):
    """Base of every ID-card driver error; ``code`` is a stable identifier."""

    code = "idcard.error"


class CodecError(IdCardError):
    """Bytes that are not a valid GA 467 frame or card block."""

    code = "idcard.codec"


class FrameError(CodecError):
    """A frame that cannot be built or parsed (length out of range, short payload)."""

    code = "idcard.frame"


class ChecksumError(CodecError):
    """A complete frame whose XOR checksum does not match; the parser resynchronises."""

    code = "idcard.checksum"


class CardDataError(CodecError):
    """A text block that does not decode (bad UCS-2, unknown layout, bad ID number)."""

    code = "idcard.card_data"

    def __init__(self, problem: str, detail: str) -> None:
        super().__init__(f"card data ({problem}): {detail}")
        self.problem = problem


class BlockLengthError(CodecError):
    """A block whose length is not the one its layout gives (a reader model that does
    not match the configured layout, or a broken reader): refused, never cut or padded."""

    code = "idcard.block_length"

    def __init__(self, block: str, got: int, expected: int) -> None:
        super().__init__(f"{block} is {got} bytes, the layout says {expected}")
        self.block = block
        self.got = got
        self.expected = expected


class CardRemoved(IdCardError):
    """The card left the reader during an exchange (the link itself is fine)."""

    code = "idcard.card_removed"


class TransportError(IdCardError):
    """The link to the reader failed (unplugged, port gone, I/O error)."""

    code = "idcard.transport"


class ReaderUnavailable(TransportError):
    """No usable reader: port missing, library missing, daemon not running."""

    code = "idcard.unavailable"


class ReaderTimeout(TransportError):
    """The reader did not answer a command within the configured timeout
    (``idcard.timeout_ms``), or is still busy with one it never answered."""

    code = "idcard.timeout"


class SamError(IdCardError):
    """The SAM answered with an error status (see ``status``)."""

    code = "idcard.sam"

    def __init__(self, status: object, sw3: int) -> None:
        super().__init__(f"SAM status {sw3:#04x} ({getattr(status, 'name', status)})")
        self.status = status
        self.sw3 = sw3
