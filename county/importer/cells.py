"""Column mapping and cell parsing for department spreadsheets.

Departments name columns in many ways (身份证号 / 身份证号码 / 公民身份号码,
金额(元) / 金额（元） / 发放金额 …); :data:`HEADER_ALIASES` maps the usual
names to fields, and ``--map 列名=field`` overrides it per file. Dates come as
2024-03-05, 2024/3/5, 2024.3.5, 20240305, 2024年3月5日, Excel date cells and
Excel serial numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

__all__ = [
    "FIELDS",
    "HEADER_ALIASES",
    "CellError",
    "map_columns",
    "normalise_header",
    "parse_date",
    "parse_status",
]

#: Fields a payment file may carry; the first three (and an item, a date and a
#: department unless given on the command line) are required.
FIELDS = ("id_number", "amount", "paid_on", "item", "department", "name", "fund_source",
          "head_id", "household_id", "period", "status", "township", "village", "batch")

HEADER_ALIASES: Mapping[str, str] = {
    **dict.fromkeys(("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"), "id_number"),
    **dict.fromkeys(("金额(元)", "金额", "发放金额", "发放金额(元)", "补贴金额",
                     "补贴金额(元)"), "amount"),
    **dict.fromkeys(("发放日期", "发放时间", "日期", "拨付日期"), "paid_on"),
    **dict.fromkeys(("项目", "项目名称", "补贴项目", "补贴名称", "资金项目"), "item"),
    **dict.fromkeys(("发放部门", "部门", "主管部门", "发放单位"), "department"),
    **dict.fromkeys(("姓名", "户主姓名", "领取人", "领取人姓名"), "name"),
    **dict.fromkeys(("资金来源", "资金性质"), "fund_source"),
    **dict.fromkeys(("户主身份证号", "户主身份证号码"), "head_id"),
    **dict.fromkeys(("户号", "户编号", "家庭编号"), "household_id"),
    **dict.fromkeys(("发放期间", "所属期", "期次", "发放年月", "所属期间"), "period"),
    **dict.fromkeys(("状态", "发放状态"), "status"),
    **dict.fromkeys(("乡镇", "乡(镇)", "乡镇(街道)", "镇"), "township"),
    **dict.fromkeys(("村", "行政村", "村(社区)", "村居"), "village"),
    **dict.fromkeys(("批次", "批次号"), "batch"),
}

_PARENS = str.maketrans({"（": "(", "）": ")", "\u3000": "", " ": "", "\ufeff": ""})


class CellError(ValueError):
    """A cell that cannot be read; ``code`` names the problem (stable, for reports)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def normalise_header(text: object) -> str:
    """Header text folded for matching: full-width brackets to ASCII, no spaces, no BOM."""
    return str(text).translate(_PARENS).strip()


def map_columns(header: Sequence[object], overrides: Mapping[str, str]) -> dict[str, int]:
    """Field → column index. ``overrides`` maps header text to a field and wins.

    Raises ``ValueError`` for an override naming an unknown field or column,
    or for two columns mapped to one field.
    """
    folded = [normalise_header(h) for h in header]
    out: dict[str, int] = {}
    for column, field in overrides.items():
        if field not in FIELDS:
            raise ValueError(f"--map {column}={field}: unknown field (one of {', '.join(FIELDS)})")
        key = normalise_header(column)
        if key not in folded:
            raise ValueError(f"--map {column}={field}: the file has no column {column!r}")
        out[field] = folded.index(key)
    for index, name in enumerate(folded):
        aliased = HEADER_ALIASES.get(name)
        if aliased is None or aliased in out or index in out.values():
            continue
        out[aliased] = index
    return out


_DATE_FORMS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_FULLWIDTH_DIGITS = {0xFF10 + i: str(i) for i in range(10)}
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's 1900 system, its 1900-02-29 bug included
_SERIAL_RANGE = (20000, 80000)  # 1954 … 2119: a number outside is not a date


def parse_date(value: object) -> date:
    """A payment date from a cell; raises :class:`CellError` (``date.invalid``)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value < _SERIAL_RANGE[1] and float(value).is_integer():
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError("date.invalid", f"数字 {value!r} 不是日期")
    text = str(value).strip().translate(_FULLWIDTH_DIGITS)
    if text.isdigit() and len(text) == 5 and _SERIAL_RANGE[0] <= int(text) < _SERIAL_RANGE[1]:
        return _EXCEL_EPOCH + timedelta(days=int(text))
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                break
    raise CellError("date.invalid", f"不是日期: {text!r}")


_STATUS = {"": "paid", "已发放": "paid", "发放": "paid", "已支付": "paid", "paid": "paid",
           "正常": "paid", "待发放": "pending", "未发放": "pending", "pending": "pending",
           "退回": "returned", "已退回": "returned", "returned": "returned"}


def parse_status(value: object) -> str:
    """``paid`` / ``pending`` / ``returned`` from 已发放 / 待发放 / 退回 …; raises CellError."""
    text = str(value).strip()
    if text in _STATUS:
        return _STATUS[text]
    raise CellError("status.invalid", f"发放状态 {text!r} 无法识别（应为 已发放 / 待发放 / 退回）")


def cell_text(value: Any) -> str:
    """A cell as trimmed text (numbers without a trailing .0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
