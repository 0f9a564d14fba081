"""Voucher images: JPEG or PNG only (by their first bytes), size-capped, re-encoded.

An image goes to terminals as a fresh baseline JPEG no larger than
:data:`MAX_SIDE` pixels a side and :data:`MAX_OUT_BYTES`: EXIF (camera, GPS,
time) and every other metadata block is dropped by the re-encoding, and a
crafted file never reaches a terminal's decoder as it came.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from county.errors import CountyError

__all__ = ["MAX_IN_BYTES", "MAX_OUT_BYTES", "MAX_SIDE", "ImageError", "Voucher",
           "prepare_image"]

MAX_IN_BYTES = 10 * 1024 * 1024
MAX_OUT_BYTES = 800 * 1024
MAX_SIDE = 1600
_MAX_PIXELS = 40_000_000
_JPEG, _PNG = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"


class ImageError(CountyError, ValueError):
    """A voucher image that cannot be used (its message says why, for the bookkeeper)."""

    code = "ledger.image"


@dataclass(frozen=True)
class Voucher:
    """A re-encoded voucher image: JPEG bytes and their SHA-256 (hex)."""

    data: bytes
    sha256: str


def prepare_image(raw: bytes, *, name: str) -> Voucher:
    """Check and re-encode a voucher image; raises :class:`ImageError` (Chinese reason)."""
    if len(raw) > MAX_IN_BYTES:
        raise ImageError(f"凭证图片 {name} 太大（{len(raw) // 1024 // 1024} MB，最多 "
                         f"{MAX_IN_BYTES // 1024 // 1024} MB）：请拍小一点或压缩后再传")
    if not raw.startswith((_JPEG, _PNG)):
        raise ImageError(f"凭证图片 {name} 不是 JPEG 或 PNG 图片：请用手机拍照或扫描成 JPG")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=("JPEG", "PNG")) as probe:
                if probe.width * probe.height > _MAX_PIXELS:
                    raise ImageError(f"凭证图片 {name} 像素太多（{probe.width}×{probe.height}）")
                probe.verify()
            with Image.open(io.BytesIO(raw), formats=("JPEG", "PNG")) as image:
                image.load()
                picture = ImageOps.exif_transpose(image) or image
                picture = picture.convert("RGB")
    except ImageError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise ImageError(f"凭证图片 {name} 已损坏或打不开（{type(exc).__name__}）："
                         "请重新拍照或扫描") from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    for quality in (82, 70, 55, 40):
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=quality, optimize=True)
        data = buffer.getvalue()
        if len(data) <= MAX_OUT_BYTES:
            return Voucher(data, hashlib.sha256(data).hexdigest())
    raise ImageError(f"凭证图片 {name} 压缩后仍太大：请拍清楚一些、背景简单一些")
