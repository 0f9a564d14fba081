"""Receipt printers: ESC/POS over USB, serial, TCP or a device file, plus a PNG preview.

- :mod:`.uri` parses printer URIs, :mod:`.transports` turns one into a
  python-escpos printer object;
- :mod:`.status` is the DLE EOT status codec (``PrinterState``, ``READY_STATES``);
- :mod:`.printer` is the driver (``ThermalPrinter``): status with a timeout,
  raster or text jobs, distinct errors (:mod:`.errors`);
- :mod:`.render` draws kiosk.receipt blocks into a 1-bit image, :mod:`.textmode`
  sends them as GB18030 text; :mod:`.raster` decodes raster bytes back;
- :mod:`.emulator` is an emulated network printer for tests and the demo.
"""

from __future__ import annotations

# First: python-escpos must find its printer database cached (see the module).
from drivers.printer import _escpos_cache  # noqa: F401
from drivers.printer.errors import (
    CoverOpenError,
    DisconnectedError,
    FontMissingError,
    NoAnswerError,
    PaperOutError,
    PrinterError,
    PrinterNotReadyError,
    PrinterOfflineError,
    PrinterUnavailableError,
    PrinterUriError,
)
from drivers.printer.printer import ThermalPrinter
from drivers.printer.status import (
    PRINTABLE_STATES,
    READY_STATES,
    PaperLevel,
    PrinterState,
    PrinterStatus,
)
from drivers.printer.uri import PrinterUri, parse_printer_uri

__all__ = [
    "PRINTABLE_STATES",
    "READY_STATES",
    "CoverOpenError",
    "DisconnectedError",
    "FontMissingError",
    "NoAnswerError",
    "PaperLevel",
    "PaperOutError",
    "PrinterError",
    "PrinterNotReadyError",
    "PrinterOfflineError",
    "PrinterState",
    "PrinterStatus",
    "PrinterUnavailableError",
    "PrinterUri",
    "PrinterUriError",
    "ThermalPrinter",
    "parse_printer_uri",
]
