"""The last check of a USB stick for a release bundle: what it found and what it did.

`kiosk update from-usb` (update.usb; run as the kiosk user when a stick is
mounted, or from the clerk screen's "从U盘更新") writes
``SPOOL/usb-check.json``; the clerk screen reads it (the UI may not import
update/), beside the updater's ``update-state.json`` which says how the
install of a handed-over version went. Replaced atomically, mode 0644.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from kiosk.files import atomic_write_bytes

__all__ = ["USB_CHECK_FILE", "UsbCheck", "UsbResult", "last_usb_check", "record_usb_check"]

#: Under the update spool (the kiosk user's).
USB_CHECK_FILE = "usb-check.json"

#: ``ready``: a verified bundle was handed to ``ready/`` (root installs it);
#: ``current``: the stick's newest valid bundle is the version installed already;
#: ``refused``: no bundle on the stick passed verification (``code`` says why);
#: ``empty``: no bundle file on the stick; ``failed``: the stick or the spool could
#: not be read or written.
UsbResult = Literal["ready", "current", "refused", "empty", "failed"]


@dataclass(frozen=True)
class UsbCheck:
    """One check of a stick. ``version`` is the bundle's (``""`` when none verified
    or none was read); ``code`` a ``release.*`` / ``update.*`` code (``""`` for
    ``ready`` and ``current``); ``message`` English, for logs and IT staff;
    ``source`` the bundle's path relative to the stick."""

    checked_at: str
    result: UsbResult
    version: str
    code: str
    message: str
    source: str = ""


def record_usb_check(spool: Path, check: UsbCheck) -> None:
    """Write ``check`` as the last one. Raises ``OSError``."""
    spool.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(spool / USB_CHECK_FILE,
                       json.dumps(asdict(check), ensure_ascii=False).encode("utf-8"),
                       mode=0o644)


def last_usb_check(spool: Path) -> UsbCheck | None:
    """The last check, or None (none yet, or the file is unreadable)."""
    with contextlib.suppress(OSError, ValueError, TypeError):
        data = json.loads((spool / USB_CHECK_FILE).read_text(encoding="utf-8"))
        if isinstance(data, dict):
            check = UsbCheck(**data)
            if check.result in ("ready", "current", "refused", "empty", "failed"):
                return check
    return None
