"""One factory from a printer URI to a python-escpos printer object.

Each scheme maps onto a python-escpos printer class (``Usb``, ``Serial``,
``Network``, ``File``); ``png:`` is a small :class:`PngPreview` on
python-escpos's ``_raw`` seam that decodes the raster it receives into a PNG
file. pyusb (and libusb under it) is optional: :func:`is_usable` says whether
a scheme can be used here, and opening one that cannot raises
:class:`PrinterUnavailableError` saying what to install.

Objects are returned unopened (no I/O in constructors); call ``open()``.
"""

from __future__ import annotations

import copy
import socket
from pathlib import Path
from typing import Any

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File, Network, Serial, Usb
from escpos.printer import usb as escpos_usb

from drivers.printer.errors import PrinterUnavailableError
from drivers.printer.raster import RasterError, decode_raster
from drivers.printer.uri import PrinterUri, Scheme, parse_printer_uri
from kiosk.files import atomic_writer

__all__ = ["PngPreview", "is_usable", "make_escpos", "unusable_reason"]


def unusable_reason(scheme: Scheme) -> str | None:
    """Why ``scheme`` cannot be used on this machine, or None if it can."""
    if scheme == "usb" and not escpos_usb.is_usable():
        return "USB printers need pyusb and libusb (pip install pyusb; apt install libusb-1.0-0)"
    if scheme == "serial" and not Serial.is_usable():
        return "serial printers need pyserial (pip install pyserial)"
    return None


def is_usable(scheme: Scheme) -> bool:
    """True if printers of ``scheme`` can be driven here (optional libraries present)."""
    return unusable_reason(scheme) is None


class PngPreview(Escpos):  # type: ignore[misc]
    """A preview "printer": collects the bytes and writes their raster images as a PNG.

    Text-mode bytes cannot be previewed: only raster images end up in the file.
    """

    def __init__(self, path: str, **kwargs: Any) -> None:
        Escpos.__init__(self, **kwargs)
        self.path = Path(path)
        self.data = bytearray()
        self._open = False

    def open(self, raise_not_found: bool = True) -> None:
        """Start collecting; checks that the PNG's directory exists."""
        if not self.path.parent.is_dir():
            raise PrinterUnavailableError(f"cannot write preview {self.path}: "
                                          f"{self.path.parent} is not a directory")
        self.data.clear()
        self._open = True
        self._device = True

    def _raw(self, msg: bytes) -> None:
        self.data += msg

    def close(self) -> None:
        """Write the collected raster as a PNG (atomically), if anything was printed."""
        if not self._open:
            return
        self._open = False
        self._device = False
        try:
            image = decode_raster(bytes(self.data))
        except RasterError:
            return  # nothing printed as raster (a status check, a text job)
        # The preview shows a receipt (a name, a masked ID): owner-only, like other personal files.
        with atomic_writer(self.path) as out:
            image.save(out, format="PNG")


class _Network(Network):  # type: ignore[misc]
    """python-escpos's Network, closing its socket when the connect fails.

    (Upstream drops the half-made socket, which leaks a file descriptor and
    a ResourceWarning per failed attempt: a kiosk retries for weeks.)
    """

    def open(self, raise_not_found: bool = True) -> None:
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET,
                             socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect((self.host, self.port))
        except OSError as exc:
            sock.close()
            raise DeviceNotFoundError(f"could not connect to {self.host}:{self.port}: "
                                      f"{exc}") from None
        self.device = sock


def _with_width(printer: Escpos, width_dots: int) -> Escpos:
    # python-escpos's default profile does not know the paper width, and
    # image() then print()s a warning to stdout on every image. The profile
    # data is shared between instances: copy before changing it.
    printer.profile.profile_data = copy.deepcopy(printer.profile.profile_data)
    media = printer.profile.profile_data.setdefault("media", {})
    media.setdefault("width", {})["pixels"] = width_dots
    media["dpi"] = 203
    return printer


def make_escpos(uri: PrinterUri | str, *, width_dots: int, timeout_s: float) -> Escpos:
    """A python-escpos printer object for ``uri``, not yet opened.

    ``timeout_s`` bounds each blocking read and connect. Raises
    :class:`PrinterUriError` for a bad URI and :class:`PrinterUnavailableError`
    if the scheme's optional library is missing.
    """
    parsed = parse_printer_uri(uri) if isinstance(uri, str) else uri
    reason = unusable_reason(parsed.scheme)
    if reason:
        raise PrinterUnavailableError(f"cannot use {parsed.text!r}: {reason}")
    printer: Escpos
    if parsed.scheme == "usb":
        printer = Usb(parsed.vendor_id, parsed.product_id, timeout=int(timeout_s * 1000))
    elif parsed.scheme == "serial":
        printer = Serial(parsed.path, baudrate=parsed.baud, timeout=timeout_s)
    elif parsed.scheme == "tcp":
        printer = _Network(parsed.host, parsed.port, timeout=timeout_s)
    elif parsed.scheme == "file":
        printer = File(parsed.path)
    else:
        printer = PngPreview(parsed.path)
    return _with_width(printer, width_dots)
