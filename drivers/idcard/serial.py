"""GA 467 over a serial line (RS-232 or a USB serial bridge) with pyserial.

:class:`SerialTransport` moves bytes (open/write/read/close);
:class:`SerialLink` composes it with the frame codec into the find/select/read
questions a :class:`~drivers.idcard.reader.CardReader` asks. When the port or
the baud rate is not configured they are found by sending the SAM status
command at each candidate rate (115200 first: what almost every reader uses).
"""

from __future__ import annotations

import contextlib
import glob
import termios
import time

import serial

from drivers.idcard.codec import (
    MAX_FRAME_LEN,
    PHOTO_SIZE,
    TEXT_SIZE,
    Command,
    FrameParser,
    Response,
    SamStatus,
    build_command,
    decode_read_data,
)
from drivers.idcard.errors import (
    BlockLengthError,
    CodecError,
    ReaderTimeout,
    ReaderUnavailable,
    SamError,
    TransportError,
)

__all__ = ["BAUD_RATES", "PORT_PATTERNS", "SerialLink", "SerialTransport"]

BAUD_RATES = (115200, 57600, 38400, 19200, 9600)
#: Where auto-detection looks: udev's stable symlink first, then USB bridges, then UARTs.
PORT_PATTERNS = ("/dev/idcard*", "/dev/ttyUSB*", "/dev/ttyACM*", "/dev/ttyS[0-3]")
# What pyserial lets escape when a device vanishes: termios.error is not an OSError.
_PORT_ERRORS = (serial.SerialException, OSError, termios.error)
# How long pyserial's read() blocks for the first byte; the transaction deadline
# is enforced around it, so this only bounds how late a stop is noticed.
_READ_SLICE = 0.05


class SerialTransport:
    """A serial port moving raw bytes; explicit ``open()``/``close()``, no I/O in init."""

    def __init__(self, port: str, baud: int) -> None:
        self.port = port
        self.baud = baud
        self._serial: serial.Serial | None = None

    def open(self) -> None:
        """Open the port 8N1. Raises :class:`ReaderUnavailable` if it cannot be opened."""
        try:
            self._serial = serial.Serial(self.port, self.baud, timeout=_READ_SLICE,
                                         write_timeout=1.0)
        except (*_PORT_ERRORS, ValueError) as exc:
            raise ReaderUnavailable(f"cannot open {self.port}: {exc}") from None

    def close(self) -> None:
        """Close the port; safe to call twice."""
        if self._serial is not None:
            with contextlib.suppress(*_PORT_ERRORS):  # already gone
                self._serial.close()
            self._serial = None

    def set_baud(self, baud: int) -> None:
        """Change the line speed of the open port."""
        self.baud = baud
        if self._serial is not None:
            self._serial.baudrate = baud

    def _port(self) -> serial.Serial:
        if self._serial is None:
            raise TransportError(f"{self.port} is not open")
        return self._serial

    def discard_input(self) -> None:
        """Drop bytes that arrived unasked (late answers, line noise)."""
        try:
            self._port().reset_input_buffer()
        except _PORT_ERRORS as exc:
            raise TransportError(f"{self.port}: {exc}") from None

    def write(self, data: bytes) -> None:
        """Send ``data``. Raises :class:`TransportError` if the device is gone."""
        try:
            self._port().write(data)
        except _PORT_ERRORS as exc:
            raise TransportError(f"{self.port}: write failed: {exc}") from None

    def read(self) -> bytes:
        """What has arrived, waiting up to ~50 ms for the first byte (b"" if nothing)."""
        port = self._port()
        try:
            data: bytes = port.read(max(1, port.in_waiting))
        except _PORT_ERRORS as exc:
            raise TransportError(f"{self.port}: read failed: {exc}") from None
        return data


class SerialLink:
    """The GA 467 frame protocol over a :class:`SerialTransport` (a :class:`CardLink`)."""

    def __init__(self, port: str | None, *, baud: int | None = None,
                 timeout: float = 1.0) -> None:
        self._port = port
        self._baud = baud
        self.timeout = timeout
        self._transport: SerialTransport | None = None
        self._parser = FrameParser(min_len=4)

    @property
    def description(self) -> str:
        """``serial:PORT?baud=N`` of the open link (or what is configured)."""
        if self._transport is not None:
            return f"serial:{self._transport.port}?baud={self._transport.baud}"
        return f"serial:{self._port or 'auto'}"

    def open(self) -> None:
        """Open the port (detecting port and baud if not configured) and check the SAM.

        Raises :class:`ReaderUnavailable` if no port answers like a SAM,
        :class:`SamError` if the SAM answers with an error status.
        """
        self.close()
        ports = [self._port] if self._port else candidate_ports()
        if not ports:
            raise ReaderUnavailable("no serial port found (looked for "
                                    + ", ".join(PORT_PATTERNS) + ")")
        bauds = (self._baud,) if self._baud else BAUD_RATES
        problems = []
        for port in ports:
            transport = SerialTransport(port, bauds[0])
            try:
                transport.open()
            except ReaderUnavailable as exc:
                problems.append(str(exc))
                continue
            self._transport = transport
            for baud in bauds:
                transport.set_baud(baud)
                try:
                    if self._probe():
                        return
                except SamError:
                    # A well-formed error answer: right port and rate, but the
                    # SAM itself is faulty (self-test failed, not authorised).
                    self.close()
                    raise
            self.close()
            problems.append(f"{port}: no SAM answers at {'/'.join(map(str, bauds))} baud")
        raise ReaderUnavailable("; ".join(problems))

    def _probe(self) -> bool:
        # A short timeout per rate: at a wrong rate the SAM either stays silent
        # or the answer is garbage. SamError (a valid frame) propagates.
        try:
            self.transact(Command.SAM_STATUS, timeout=min(self.timeout, 0.3))
        except (ReaderTimeout, CodecError):
            return False
        return True

    def close(self) -> None:
        """Close the port; safe to call twice."""
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def transact(self, command: Command, *, timeout: float | None = None) -> Response:
        """Send one command and wait for its answer.

        Raises :class:`ReaderTimeout` when the reader stays silent for
        ``timeout`` seconds (default: the link's) before its answer is complete
        (``idcard.timeout_ms``), :class:`CodecError` for a
        corrupt answer, :class:`SamError` for an error status,
        :class:`TransportError` when the device is gone.
        """
        transport = self._transport
        if transport is None:
            raise TransportError("serial link is not open")
        limit = self.timeout if timeout is None else timeout
        self._parser.reset()
        transport.discard_input()
        transport.write(build_command(command))
        started = time.monotonic()
        deadline = started + limit
        # The timeout is for silence: a long answer on a slow line (a read is
        # ~1 300 bytes, 1.4 s at 9 600 baud) keeps the deadline moving while its
        # bytes arrive, up to the wire time of the longest frame.
        ceiling = started + limit + MAX_FRAME_LEN * 10 / transport.baud
        while True:
            response = self._parser.next_response()
            if response is not None and _answers(command, response):
                break
            if response is not None:
                continue  # a late answer to an earlier command: not ours
            if time.monotonic() >= deadline:
                raise ReaderTimeout(f"no answer to {command.name} within {limit:.2f} s")
            data = transport.read()
            if data:
                deadline = min(max(deadline, time.monotonic() + limit), ceiling)
            self._parser.feed(data)
        if response.status.is_error:
            raise SamError(response.status, response.sw3)
        return response

    def find_card(self) -> bool:
        """True if the SAM found a card (SW3 9F), False for no card (80)."""
        return self.transact(Command.FIND_CARD).status is SamStatus.CARD_FOUND

    def select_card(self) -> bool:
        """True if the card was selected (90); False if it is gone (81)."""
        try:
            return self.transact(Command.SELECT_CARD).status is SamStatus.OK
        except SamError as exc:
            if exc.status is SamStatus.SELECT_FAILED:
                return False
            raise

    def read_card(self) -> tuple[bytes, bytes]:
        """``(text, photo)`` of the selected card. Raises like :meth:`transact`, and
        :class:`BlockLengthError` for a text or photo of another length than GA 467's."""
        response = self.transact(Command.READ_BASE)
        text, photo = decode_read_data(response.data)
        for block, data, size in (("text block", text, TEXT_SIZE), ("photo", photo, PHOTO_SIZE)):
            if len(data) != size:
                raise BlockLengthError(f"{block} of the SAM's read answer", len(data), size)
        return text, photo


# The normal statuses each command can produce; an error status answers any.
_EXPECTED = {
    Command.FIND_CARD: {SamStatus.CARD_FOUND, SamStatus.NO_CARD},
    Command.SELECT_CARD: {SamStatus.OK},
    Command.READ_BASE: {SamStatus.OK},
    Command.SAM_STATUS: {SamStatus.OK},
}


def _answers(command: Command, response: Response) -> bool:
    """Whether ``response`` can be the answer to ``command`` (not a stale one)."""
    status = response.status
    if status.is_error:
        return True
    if status not in _EXPECTED.get(command, {status}):
        return False
    # A read answer carries the 4-byte length header and the whole text block;
    # a stale select answer (90 + 8 bytes) must not pass for one.
    return command is not Command.READ_BASE or len(response.data) >= 4 + TEXT_SIZE


def candidate_ports() -> list[str]:
    """Serial ports that may hold a reader, in the order auto-detection tries them."""
    ports: list[str] = []
    for pattern in PORT_PATTERNS:
        ports.extend(p for p in sorted(glob.glob(pattern)) if p not in ports)
    return ports
