"""Ledger files as township agencies make them, built in the tests (openpyxl, Pillow)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from PIL import Image, ImageDraw

HEADER = ("序号", "日期", "凭证号", "摘要", "对方单位", "收入（元）", "支出（元）", "余额",
          "凭证图片")


def messy_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "青山村2026年10月"
               "收支明细", total: Sequence[Any] | None = None) -> Path:
    """A sheet with a merged two-line title, a 单位 line, the header, ``rows`` (each the
    header's cells), a 合计 row (``total``: [收入, 支出]) and a 制表人 footer."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=2, end_column=len(HEADER))
    ws.append([])
    ws.append(["单位：元", "", "", "", "", "", "", "", "编制单位：高村镇农村经济管理站"])
    ws.append(list(HEADER))
    ws.append(["", "", "", "上月结转", "", "", "", "12,000.00", ""])
    for row in rows:
        ws.append(list(row))
    if total is not None:
        ws.append(["合计", "", "", "", "", *total, "", ""])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
    ws.append(["制表人：王会计", "", "", "审核人：李站长"])
    book.save(path)
    return path


def receipt_png(path: Path, *, text: str = "收据 No.0001", size: tuple[int, int] = (600, 400),
                exif: bool = False, fmt: str = "PNG") -> Path:
    """A simple receipt-like image (with EXIF when asked; JPEG then)."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, size[0] - 10, size[1] - 10), outline="red", width=4)
    draw.text((40, 40), text.encode("ascii", "replace").decode(), fill="black")
    if exif:
        info = Image.Exif()
        info[0x010F] = "SecretCam"  # Make
        info[0x8825] = {2: (39.0, 54.0, 0.0)}  # GPS latitude
        image.save(path, "JPEG", exif=info.tobytes())
    else:
        image.save(path, fmt)
    return path


def png_bytes(size: tuple[int, int] = (300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def day(month: int, d: int) -> date:
    return date(2026, month, d)
