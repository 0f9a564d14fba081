"""What a :class:`~drivers.idcard.reader.CardReader` needs from a transport.

A *link* is a transport plus its protocol: the GA 467 frame link over a
serial byte stream (:mod:`drivers.idcard.serial`) or the pseudo-APDU link of
a reader in PC/SC mode (:mod:`drivers.idcard.pcsc`). Both answer the same
four questions; the reader never sees bytes of either protocol.

:func:`link_for` is the one factory that turns a device string from the
config or the command line into a link:

- ``serial:auto`` or ``serial:`` — probe the usual ports and baud rates;
- ``serial:/dev/ttyUSB0`` or ``serial:/dev/ttyUSB0?baud=115200`` — this port;
- ``/dev/…`` — shorthand for ``serial:/dev/…``;
- ``pcsc:`` — the first PC/SC reader; ``pcsc:NAME`` — the reader whose name
  contains NAME; ``pcsc:NAME?layout=generic`` — a block layout by name;
- ``emulator:PATH[?baud=N][&card=N]`` — a SAM emulator in this process loaded with the
  card profiles in PATH (a JSON file or a directory), for demos.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs

from drivers.idcard.errors import ReaderUnavailable

__all__ = ["CardLink", "link_for"]


class CardLink(Protocol):
    """A reader's SAM, however it is attached. Every method runs on the reader's worker thread.

    Methods raise :class:`~drivers.idcard.errors.TransportError` subclasses
    for link failures, :class:`~drivers.idcard.errors.CodecError` for corrupt
    answers and :class:`~drivers.idcard.errors.SamError` for SAM error
    statuses.
    """

    @property
    def description(self) -> str:
        """Where the reader is (port and baud, or PC/SC reader name), for logs."""
        ...

    def open(self) -> None:
        """Connect to the reader and check its SAM answers."""

    def close(self) -> None:
        """Release the device; safe to call twice."""

    def find_card(self) -> bool:
        """True if a card is in the field."""
        ...

    def select_card(self) -> bool:
        """Select the found card; False if it left the field."""
        ...

    def read_card(self) -> tuple[bytes, bytes]:
        """The card's ``(text block, photo)`` bytes."""
        ...


def link_for(device: str, *, timeout: float = 1.0) -> CardLink:
    """The link for a device string (see the module docstring); no I/O until ``open()``.

    ``timeout`` is seconds per command. Raises :class:`ReaderUnavailable` for
    an unknown scheme or when the transport's library is missing.
    """
    scheme, _, rest = device.partition(":")
    if device.startswith("/"):
        scheme, rest = "serial", device
    rest, _, query = rest.partition("?")
    params = {k: v[-1] for k, v in parse_qs(query).items()}
    if scheme == "serial":
        from drivers.idcard.serial import SerialLink

        baud = int(params["baud"]) if params.get("baud", "").isdigit() else None
        port = None if rest in ("", "auto") else rest
        return SerialLink(port, baud=baud, timeout=timeout)
    if scheme == "pcsc":
        from drivers.idcard import pcsc

        if not pcsc.is_usable():
            raise ReaderUnavailable(f"PC/SC reader unavailable: {pcsc.unusable_reason()}")
        return pcsc.PcscLink(rest or None, layout=params.get("layout", "generic"),
                             timeout=timeout)
    if scheme == "emulator":
        from drivers.idcard.emulator.link import EmulatorLink

        baud = int(params["baud"]) if params.get("baud", "").isdigit() else None
        place = int(params["card"]) if params.get("card", "").isdigit() else None
        return EmulatorLink(Path(rest), baud=baud, timeout=timeout, place=place)
    raise ReaderUnavailable(f"unknown ID card device {device!r} "
                            "(use serial:…, pcsc:… or emulator:…)")
