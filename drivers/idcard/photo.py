"""The card photo: 1024 bytes of WLT (a proprietary wavelet codec).

The driver keeps the bytes. Turning them into a picture needs the vendor's
decoder library (``libwlt2bmp.so``, shipped with reader SDKs, not free
software), loaded only when configured, behind :meth:`WltDecoder.is_usable`.
Without it the kiosk still works: screens show the name and masked number.
"""

from __future__ import annotations

import ctypes
import threading
from pathlib import Path

__all__ = ["BMP_SIZE", "PHOTO_HEIGHT", "PHOTO_WIDTH", "WltDecoder"]

PHOTO_WIDTH = 102
PHOTO_HEIGHT = 126
# 54-byte header + 126 rows of 102 BGR pixels padded to 4 bytes (308).
BMP_SIZE = 54 + PHOTO_HEIGHT * ((PHOTO_WIDTH * 3 + 3) // 4 * 4)


class WltDecoder:
    """Decodes WLT photos through a vendor library; explicit :meth:`open`, no I/O in init.

    The library's entry point is ``int unpack(char *wlt, char *bmp, int save)``
    returning 1 on success (the interface of the Linux reader SDKs).
    """

    def __init__(self, library: Path | None) -> None:
        self._path = library
        self._lib: ctypes.CDLL | None = None
        self._problem = "no WLT decoder library configured" if library is None else "not opened"
        # Vendor decoders keep static buffers: one call at a time.
        self._lock = threading.Lock()

    def open(self) -> None:
        """Load the library if configured; failures only make :meth:`is_usable` false."""
        if self._path is None:
            return
        try:
            lib = ctypes.CDLL(str(self._path))
            lib.unpack.restype = ctypes.c_int
        except (OSError, AttributeError) as exc:
            self._problem = f"cannot load {self._path}: {exc}"
            return
        self._lib = lib
        self._problem = ""

    def is_usable(self) -> bool:
        """True when photos can be decoded."""
        return self._lib is not None

    @property
    def problem(self) -> str:
        """Why the decoder is not usable ("" when it is)."""
        return self._problem

    def to_bmp(self, wlt: bytes) -> bytes | None:
        """A 102×126 BMP for ``wlt``, or None if unusable or the library refuses the data."""
        if self._lib is None or len(wlt) != 1024:
            return None
        src = ctypes.create_string_buffer(wlt, len(wlt))
        dst = ctypes.create_string_buffer(BMP_SIZE)
        with self._lock:
            ok = self._lib.unpack(src, dst, 0)
        return dst.raw if ok == 1 else None
