"""ID number cells as Excel leaves them: each kind of damage refused with its real cause.

Excel keeps 15 significant digits of a number. An 18-digit ID number typed
into a number cell loses its last three digits: it shows as ``4.31226E+17``
(scientific notation, what a CSV saved from Excel then holds) or, formatted
as a whole number, as ``431226195007142000``. The second form can pass the
check digit by chance (one in eleven) and would then be imported under a
number nobody has while the real person finds nothing: such a number is a
warning (:data:`MAYBE_ROUNDED`) that stops the import unless accepted.
A leading apostrophe is Excel's "text" marker saved into the cell's content.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from county.errors import CountyError
from county.importer.cells import cell_text
from kiosk.identity import IdNumberError, validate_id

__all__ = ["MAYBE_ROUNDED", "IdCellError", "check_id_cell"]

_SCIENTIFIC = re.compile(r"^[0-9０-９]+(?:[.．][0-9０-９]+)?[eEｅＥ][+＋]?[0-9０-９]+$")
_REMEDY = "请把该列设为文本后重新填写"

#: Code of the warning for a valid number ending in 000.
MAYBE_ROUNDED = "id.maybe_rounded"

_PLAIN = {
    "id.empty": "身份证号无效 (空)",
    "id.length": "身份证号无效 (位数不对)",
    "id.characters": "身份证号无效 (含非法字符)",
    "id.birth_date": "身份证号无效 (出生日期不对)",
    "id.check_digit": "身份证号无效 (校验位不对)",
}


class IdCellError(CountyError, ValueError):
    """An ID cell refused; ``code`` (the case's, set on the instance) is stable, the message
    is for clerks (Chinese)."""

    code = "import.id_cell"

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def check_id_cell(value: Any, *, today: date | None = None) -> tuple[str, bool]:
    """``(canonical number, suspect)`` from an ID cell; ``suspect`` marks a number ending in
    000 that passes the check digit (maybe rounded by Excel).

    Raises :class:`IdCellError` with the cause: ``id.number_cell`` (a number
    cell), ``id.scientific`` (``4.31226E+17``), ``id.rounded`` (ends in 000
    and fails the check digit), ``id.apostrophe`` (a leading ``'``) and the
    plain ``id.*`` problems of :func:`kiosk.identity.validate_id`. The
    message never holds the number. ``today`` bounds the birth date (default:
    :func:`kiosk.clock.today`; an import passes its own once for every row).
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise IdCellError("id.number_cell",
                          "Excel 把身份证号存成了数字，后几位已丢失：" + _REMEDY)
    text = cell_text(value)
    compact = text.replace(" ", "").replace("\u3000", "")
    if compact.startswith(("'", "‘", "’", "`")):
        raise IdCellError("id.apostrophe", "身份证号前有单引号（'）：这是 Excel 的文本标记"
                                           "被导出成了内容，请删去单引号后重新导出")
    if _SCIENTIFIC.match(compact):
        raise IdCellError("id.scientific", "身份证号被 Excel 显示成科学计数法（如 4.31226E+17），"
                                           "后几位已丢失：" + _REMEDY)
    try:
        number = validate_id(compact, today=today)
    except IdNumberError as exc:
        code = exc.problem.value
        if code == "id.check_digit" and number_like(compact) and compact.endswith("000"):
            raise IdCellError("id.rounded", "身份证号末三位是 000 且校验位不对：Excel 把它当数字"
                                            "存过，后三位已丢失：" + _REMEDY) from None
        raise IdCellError(code, _PLAIN[code]) from None
    return number, number.endswith("000")


def number_like(text: str) -> bool:
    """18 ASCII digits (what a rounded number cell turns into as text)."""
    return len(text) == 18 and text.isascii() and text.isdigit()


def suspect_reason() -> str:
    """The clerk's wording of the :data:`MAYBE_ROUNDED` warning."""
    return ("身份证号末三位是 000：多半是 Excel 把它当数字存过，后三位已丢失（校验位碰巧对上）；"
            "请核对原件。确认无误可加 --accept-warnings 导入")
