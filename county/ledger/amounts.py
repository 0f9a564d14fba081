"""Reading the cells of a village ledger: amounts in fen, income/expense, months."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from county.importer.cells import CellError

__all__ = ["KINDS", "month_of", "parse_amount_fen", "parse_kind"]

_FULLWIDTH = {0xFF10 + i: str(i) for i in range(10)} | {0xFF0C: ",", 0xFF0E: ".", 0x3000: ""}
_AMOUNT = re.compile(r"^\d+(\.\d{1,2})?$")
_SEPARATORS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")

#: What a 类型 cell may say, and the kind it means.
KINDS = {"收入": "income", "收": "income", "入": "income", "income": "income",
         "支出": "expense", "支": "expense", "出": "expense", "expense": "expense"}


def parse_amount_fen(value: object) -> int | None:
    """An amount cell in fen: ``1,234.50元``, ``¥120``, ``１２０``, 12.5 (XLSX number).

    ``None`` for an empty cell, ``-`` or 0. Raises :class:`CellError` for
    text that is no amount, a negative amount or more than two decimals.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        amount = Decimal(str(value))
    else:
        text = str(value).translate(_FULLWIDTH).strip()
        text = text.removeprefix("¥").removeprefix("￥").removesuffix("元").strip()
        text = text.replace(" ", "")
        if text in ("", "-", "—", "－", "/"):
            return None
        if text.startswith("-"):
            raise CellError("amount.negative", f"金额 {value!r} 是负数：红字冲销请单列一行"
                                               "写明冲销哪一笔，金额填正数")
        if "," in text:
            if not _SEPARATORS.match(text):
                raise CellError("amount.invalid", f"金额 {value!r} 的千分位逗号位置不对")
            text = text.replace(",", "")
        if not _AMOUNT.match(text):
            raise CellError("amount.invalid", f"金额 {value!r} 不是数字（只写数字，"
                                              "可带“元”和千分位逗号，如 1,234.50元）")
        try:
            amount = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern above admits only decimals
            raise CellError("amount.invalid", f"金额 {value!r} 不是数字") from None
    if amount < 0:
        raise CellError("amount.negative", f"金额 {value!r} 是负数：红字冲销请单列一行"
                                           "写明冲销哪一笔，金额填正数")
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise CellError("amount.precision", f"金额 {value!r} 超过两位小数（只能到分）")
    return int(fen) or None


def parse_kind(value: object) -> str:
    """``income`` / ``expense`` from a 类型 cell; raises :class:`CellError`."""
    text = str(value).strip().lower()
    if text in KINDS:
        return KINDS[text]
    raise CellError("kind.invalid", f"类型 {str(value).strip()!r} 无法识别（应为 收入 或 支出）")


def month_of(day: date) -> str:
    """``YYYY-MM`` of a date."""
    return f"{day.year:04d}-{day.month:02d}"
