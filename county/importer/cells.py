"""Column mapping and cell parsing for department spreadsheets.

Departments name columns in many ways (身份证号 / 身份证号码 / 公民身份号码,
金额(元) / 金额（元） / 发放金额 …); :data:`HEADER_ALIASES` maps the usual
names to fields, and ``--map 列名=field`` overrides it per file. Dates come as
2024-03-05, 2024/3/5, 2024.3.5, 20240305, 2024年3月5日, Excel date cells and
Excel serial numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from county.errors import CountyError

__all__ = [
    "FIELDS",
    "HEADER_ALIASES",
    "CellError",
    "normalise_header",
    "parse_date",
    "parse_household_size",
    "parse_period",
    "parse_status",
]

#: Fields a payment file may carry; the first three (and an item, a date and a
#: department unless given on the command line) are required.
FIELDS = ("id_number", "amount", "paid_on", "item", "department", "name", "fund_source",
          "head_id", "household_id", "period", "status", "township", "village", "batch",
          "head_name", "household_size", "note", "group", "row_number")

HEADER_ALIASES: Mapping[str, str] = {
    **dict.fromkeys(("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证",
                     "公民身份证号码", "享受人身份证号码", "领取人身份证号码"), "id_number"),
    **dict.fromkeys(("金额(元)", "金额", "发放金额", "发放金额(元)", "补贴金额",
                     "补贴金额(元)", "实发金额", "实发金额(元)", "发放标准(元)"), "amount"),
    **dict.fromkeys(("发放日期", "发放时间", "日期", "拨付日期"), "paid_on"),
    **dict.fromkeys(("项目", "项目名称", "补贴项目", "补贴名称", "资金项目"), "item"),
    **dict.fromkeys(("发放部门", "部门", "主管部门", "发放单位"), "department"),
    **dict.fromkeys(("姓名", "领取人", "领取人姓名", "享受人姓名", "收款人", "收款人姓名",
                     "保障对象姓名", "补贴对象姓名", "成员姓名"), "name"),
    **dict.fromkeys(("户主姓名", "户主"), "head_name"),
    **dict.fromkeys(("保障人数", "享受人数", "家庭人口", "家庭人数", "户人口数", "人数"),
                    "household_size"),
    **dict.fromkeys(("备注", "说明"), "note"),
    **dict.fromkeys(("组", "村民小组", "小组", "组别", "村组"), "group"),
    **dict.fromkeys(("序号", "编号", "序"), "row_number"),
    **dict.fromkeys(("资金来源", "资金性质"), "fund_source"),
    **dict.fromkeys(("户主身份证号", "户主身份证号码"), "head_id"),
    **dict.fromkeys(("户号", "户编号", "家庭编号"), "household_id"),
    **dict.fromkeys(("发放期间", "所属期", "期次", "发放年月", "所属期间", "月份", "期间",
                     "发放月份", "所属月份", "年月"), "period"),
    **dict.fromkeys(("状态", "发放状态"), "status"),
    **dict.fromkeys(("乡镇", "乡(镇)", "乡镇(街道)", "镇"), "township"),
    **dict.fromkeys(("村", "行政村", "村(社区)", "村居"), "village"),
    **dict.fromkeys(("批次", "批次号"), "batch"),
}

_PARENS = str.maketrans({"（": "(", "）": ")", "\u3000": "", " ": "", "\ufeff": "",
                         "\n": "", "\r": "", "\t": "", "*": "", "＊": "", "：": "", ":": ""})


class CellError(CountyError, ValueError):
    """A cell that cannot be read; ``code`` (set on the instance) names the problem (stable,
    for reports)."""

    code = "import.cell"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def normalise_header(text: object) -> str:
    """Header text folded for matching: full-width brackets to ASCII, no spaces, no BOM."""
    return str(text).translate(_PARENS).strip()


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
    if type(value) is str:  # every CSV cell: the fast way for a million rows
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_PERIOD_FORMS = (
    re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:份)?$"),
    re.compile(r"^(\d{4})(\d{2})$"),
)
_MONTH_ONLY = re.compile(r"^(\d{1,2})\s*月?(?:份)?$")


def parse_period(value: object, paid_on: date) -> str:
    """The 期间 as the terminal shows it (``2025年5月``) from a 月份/期间 cell.

    A month alone (``5月``, ``5``) takes the year of the payment, or the year
    before when that month would lie more than a month after the payment
    (December paid in January). Other text (``2024年度``, ``2024年第3季度``)
    is kept as written. Raises :class:`CellError` (``period.invalid``).
    """
    if isinstance(value, datetime | date):
        return f"{value.year}年{value.month}月"
    text = cell_text(value).translate(_FULLWIDTH_DIGITS)
    if not text:
        return ""
    for form in _PERIOD_FORMS:
        match = form.match(text)
        if match:
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise CellError("period.invalid", f"月份 {text!r} 不是 1–12 月")
            return f"{year}年{month}月"
    match = _MONTH_ONLY.match(text)
    if match:
        month = int(match[1])
        if not 1 <= month <= 12:
            raise CellError("period.invalid", f"月份 {text!r} 不是 1–12 月")
        year = paid_on.year if month <= paid_on.month + 1 else paid_on.year - 1
        return f"{year}年{month}月"
    if len(text) > 40:
        raise CellError("period.invalid", "期间超过 40 个字")
    return text


def parse_household_size(value: object) -> int | None:
    """保障人数 as a whole number of people (``3``, ``3人``, 3.0); empty → None.

    Raises :class:`CellError` (``household.size_invalid``).
    """
    text = cell_text(value).translate(_FULLWIDTH_DIGITS).removesuffix("人").strip()
    if not text:
        return None
    if text.isdigit() and 0 < int(text) < 100:
        return int(text)
    raise CellError("household.size_invalid", f"保障人数 {text!r} 不是 1–99 的整数")
