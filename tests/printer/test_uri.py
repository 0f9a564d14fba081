"""Printer URIs: every documented form parses; bad input names the bad value."""

from __future__ import annotations

import pytest

from drivers.printer.errors import PrinterUnavailableError, PrinterUriError
from drivers.printer.transports import is_usable, make_escpos, unusable_reason
from drivers.printer.uri import PrinterUri, parse_printer_uri


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("usb:0416:5011", PrinterUri("usb", "usb:0416:5011", vendor_id=0x0416, product_id=0x5011)),
        ("usb:0x04b8:0x0202", PrinterUri("usb", "usb:0x04b8:0x0202", vendor_id=0x04B8,
                                         product_id=0x0202)),
        ("serial:/dev/ttyUSB0?baud=9600", PrinterUri("serial", "serial:/dev/ttyUSB0?baud=9600",
                                                     path="/dev/ttyUSB0", baud=9600)),
        ("serial:/dev/ttyS1?baud=115200", PrinterUri("serial", "serial:/dev/ttyS1?baud=115200",
                                                     path="/dev/ttyS1", baud=115200)),
        ("serial:/dev/ttyS1", PrinterUri("serial", "serial:/dev/ttyS1", path="/dev/ttyS1")),
        ("tcp://192.0.2.7:9100", PrinterUri("tcp", "tcp://192.0.2.7:9100", host="192.0.2.7")),
        ("tcp://printer.local", PrinterUri("tcp", "tcp://printer.local", host="printer.local")),
        ("tcp://127.0.0.1:9101", PrinterUri("tcp", "tcp://127.0.0.1:9101", host="127.0.0.1",
                                            port=9101)),
        ("file:/dev/usb/lp0", PrinterUri("file", "file:/dev/usb/lp0", path="/dev/usb/lp0")),
        ("png:out/receipt.png", PrinterUri("png", "png:out/receipt.png", path="out/receipt.png")),
    ],
)
def test_good_uris(text: str, expected: PrinterUri) -> None:
    assert parse_printer_uri(text) == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("lpt:/dev/lp0", "'lpt'"),
        ("http://printer:9100", "'http'"),
        ("printer", "'printer'"),
        ("usb:0416", "'0416'"),
        ("usb:04166:5011", "'04166:5011'"),
        ("usb:zz16:5011", "'zz16:5011'"),
        ("usb:0000:5011", "'0000:5011'"),
        ("serial:/dev/ttyUSB0?baud=9601", "'9601'"),
        ("serial:/dev/ttyUSB0?baud=fast", "'fast'"),
        ("serial:/dev/ttyUSB0?bauds=9600", "'bauds'"),
        ("serial:?baud=9600", "serial:?baud=9600"),
        ("tcp://printer:99999", "'99999'"),
        ("tcp://printer:abc", "'abc'"),
        ("tcp:printer", "tcp:printer"),
        ("file:", "file:"),
    ],
)
def test_bad_uris_name_the_value(text: str, named: str) -> None:
    with pytest.raises(PrinterUriError) as info:
        parse_printer_uri(text)
    assert named in str(info.value)
    assert info.value.code == "printer.bad_uri"
    assert isinstance(info.value, ValueError)


def test_usb_needs_pyusb_behind_is_usable() -> None:
    reason = unusable_reason("usb")
    try:
        import usb.core  # noqa: F401
    except ImportError:
        assert not is_usable("usb")
        assert reason is not None and "pyusb" in reason
        with pytest.raises(PrinterUnavailableError, match="pyusb"):
            make_escpos("usb:0416:5011", width_dots=576, timeout_s=1)
    else:
        assert is_usable("usb") and reason is None
        assert make_escpos("usb:0416:5011", width_dots=576, timeout_s=1) is not None
    assert is_usable("tcp") and is_usable("file") and is_usable("png")
