"""Printer URIs (DESIGN.md §7): parse and check, no I/O.

``usb:VID:PID`` (hex, e.g. ``usb:0416:5011``), ``serial:/dev/ttyUSB0?baud=9600``,
``tcp://HOST:9100`` (port defaults to 9100), ``file:/dev/usb/lp0``,
``png:OUT.png`` (preview only). Anything else raises
:class:`~drivers.printer.errors.PrinterUriError` naming the bad value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs

from drivers.printer.errors import PrinterUriError

__all__ = ["BAUD_RATES", "SCHEMES", "PrinterUri", "parse_printer_uri"]

Scheme = Literal["usb", "serial", "tcp", "file", "png"]
SCHEMES: tuple[Scheme, ...] = ("usb", "serial", "tcp", "file", "png")
#: Baud rates thermal printers' serial ports offer.
BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)
_HEX4 = re.compile(r"(?:0x)?[0-9A-Fa-f]{1,4}")
_HOST = re.compile(r"[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\]")


@dataclass(frozen=True)
class PrinterUri:
    """A checked printer URI."""

    scheme: Scheme
    text: str
    path: str = ""
    """Device file, serial port or PNG file (``serial``, ``file``, ``png``)."""
    host: str = ""
    port: int = 9100
    vendor_id: int = 0
    product_id: int = 0
    baud: int = 9600

    @property
    def has_status(self) -> bool:
        """True if the transport can read the printer's status answers."""
        return self.scheme in ("usb", "serial", "tcp")


def _usb(text: str, rest: str) -> PrinterUri:
    parts = rest.split(":")
    if len(parts) != 2 or not all(_HEX4.fullmatch(p) for p in parts):
        raise PrinterUriError(f"bad USB VID:PID {rest!r} in printer URI {text!r}: expected two "
                              "hexadecimal numbers of up to 4 digits, e.g. usb:0416:5011")
    vid, pid = (int(p, 16) for p in parts)
    if vid == 0 or pid == 0:
        raise PrinterUriError(f"bad USB VID:PID {rest!r} in printer URI {text!r}: "
                              "vendor and product ids are never 0000")
    return PrinterUri("usb", text, vendor_id=vid, product_id=pid)


def _serial(text: str, rest: str) -> PrinterUri:
    path, _, query = rest.partition("?")
    if not path:
        raise PrinterUriError(f"printer URI {text!r} names no serial port")
    params = parse_qs(query, keep_blank_values=True)
    unknown = sorted(set(params) - {"baud"})
    if unknown:
        raise PrinterUriError(f"unknown serial option {unknown[0]!r} in printer URI {text!r} "
                              "(only baud=N is understood)")
    baud_text = params.get("baud", ["9600"])[-1]
    if not baud_text.isdigit() or int(baud_text) not in BAUD_RATES:
        raise PrinterUriError(f"bad baud rate {baud_text!r} in printer URI {text!r}: expected one "
                              f"of {', '.join(map(str, BAUD_RATES))}")
    return PrinterUri("serial", text, path=path, baud=int(baud_text))


def _tcp(text: str, rest: str) -> PrinterUri:
    if not rest.startswith("//"):
        raise PrinterUriError(f"bad printer URI {text!r}: expected tcp://HOST:PORT")
    hostport = rest[2:].rstrip("/")
    host, sep, port_text = hostport.rpartition(":")
    if not sep or host.endswith(":"):  # no port given (or a bare IPv6 address)
        host, port_text = hostport, "9100"
    if not host or not _HOST.fullmatch(host):
        raise PrinterUriError(f"bad host {host!r} in printer URI {text!r}")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise PrinterUriError(f"bad TCP port {port_text!r} in printer URI {text!r}")
    return PrinterUri("tcp", text, host=host.strip("[]"), port=int(port_text))


def parse_printer_uri(text: str) -> PrinterUri:
    """Parse and check a printer URI. Raises :class:`PrinterUriError` naming the bad part."""
    scheme, sep, rest = text.strip().partition(":")
    if not sep:
        raise PrinterUriError(f"bad printer URI {text!r}: expected SCHEME:…, one of "
                              f"{', '.join(SCHEMES)}")
    if scheme not in SCHEMES:
        raise PrinterUriError(f"unknown printer URI scheme {scheme!r} in {text!r} "
                              f"(known: {', '.join(SCHEMES)})")
    if scheme == "usb":
        return _usb(text, rest)
    if scheme == "serial":
        return _serial(text, rest)
    if scheme == "tcp":
        return _tcp(text, rest)
    if not rest:
        raise PrinterUriError(f"printer URI {text!r} names no file")
    return PrinterUri(scheme, text, path=rest)
