"""Where the table is in a department's sheet: header row, footer rows, column report.

Departments put a title (often merged across the columns), a "单位：元"
line and sometimes a blank line above the header, and a 合计 row and a
制表人/审核人/填报日期 footer below the data. The header is the row among
the first :data:`HEADER_SCAN` non-blank rows that maps the most known
columns (county/importer/cells.py); ``--header-row N`` overrides it. Rows
whose ID cell is empty and whose first filled cell starts with a footer word
are skipped with a note, never counted as bad rows. Every header column is
either mapped to a field or named as ignored in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from county.errors import CountyError
from county.importer.cells import FIELDS, HEADER_ALIASES, cell_text, normalise_header

__all__ = [
    "FOOTER_WORDS",
    "HEADER_SCAN",
    "Column",
    "Layout",
    "LayoutError",
    "UnitError",
    "column_letter",
    "find_layout",
    "footer_word",
]

#: How many non-blank rows from the top may hold the header.
HEADER_SCAN = 20

#: First words of total and footer rows.
FOOTER_WORDS = ("合计", "小计", "总计", "共计", "累计", "总合计", "本页合计", "制表人", "制表",
                "填表人", "填报人", "填报日期", "制表日期", "填表日期", "审核人", "审核", "复核人",
                "复核", "经办人", "负责人", "单位负责人", "分管领导", "主管领导", "签字", "盖章",
                "注", "说明", "备注")

_UNIT = re.compile(r"单位[:：]?\s*(万元|千元|百元|元)")

#: What the report says about a field that is read but not stored.
NOT_STORED = {
    "name": "核对用，不入库（县里不存明文姓名）",
    "head_name": "核对用，不入库（县里不存明文姓名）",
    "row_number": "序号，不入库",
}


class LayoutError(CountyError, ValueError):
    """The sheet's layout cannot be used (no header, header row given is wrong, unit)."""

    code = "import.layout"


class UnitError(LayoutError):
    """The sheet states its amounts in another unit than 元: the whole file is refused."""

    code = "import.unit"


@dataclass(frozen=True)
class Column:
    """One header column: its letter, its text, the field it maps to (None: ignored)."""

    letter: str
    header: str
    field: str | None
    note: str = ""


@dataclass(frozen=True)
class Layout:
    """A sheet's header row, its column mapping, and the rows below the header."""

    header_row: int
    detected: bool
    """False when the header row was given (``--header-row``)."""
    columns: dict[str, int]
    header: tuple[str, ...]
    report: tuple[Column, ...]
    rows: Iterator[tuple[int, list[Any]]]


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as Excel names columns)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def footer_word(cells: Sequence[Any]) -> str | None:
    """The footer word a row starts with (its first filled cell), or None."""
    for cell in cells:
        text = cell_text(cell).replace(" ", "").replace("\u3000", "")
        if text:
            for word in FOOTER_WORDS:
                if text.startswith(word):
                    return word
            return None
    return None


def _mapping(header: Sequence[object], overrides: Mapping[str, str]) -> dict[str, int]:
    """Field → column index; ``overrides`` (the file's own column names) win."""
    folded = [normalise_header(h) for h in header]
    out: dict[str, int] = {}
    for column, field in overrides.items():
        key = normalise_header(column)
        if key in folded:
            out[field] = folded.index(key)
    for index, name in enumerate(folded):
        aliased = HEADER_ALIASES.get(name)
        if aliased is None or aliased in out or index in out.values():
            continue
        out[aliased] = index
    return out


def _check_overrides(overrides: Mapping[str, str]) -> None:
    for column, field in overrides.items():
        if field not in FIELDS:
            raise ValueError(f"--map {column}={field}: unknown field (one of {', '.join(FIELDS)})")


def _score(mapping: dict[str, int]) -> tuple[int, int]:
    # A header names the ID column; among rows that do, the one mapping most fields wins.
    return ("id_number" in mapping, len(mapping))


def _report(header: Sequence[object], columns: dict[str, int]) -> tuple[Column, ...]:
    by_index = {index: field for field, index in columns.items()}
    out = []
    for index, cell in enumerate(header):
        text = cell_text(cell)
        field = by_index.get(index)
        if not text and field is None:
            continue
        note = NOT_STORED.get(field or "", "") if field else "忽略：不是已知列（可用 --map 指定）"
        out.append(Column(column_letter(index), text, field, note))
    return tuple(out)


def _check_unit(rows: Sequence[tuple[int, list[Any]]]) -> None:
    for number, cells in rows:
        for cell in cells:
            match = _UNIT.search(cell_text(cell).replace(" ", ""))
            if match and match[1] != "元":
                raise UnitError(f"第 {number} 行写明金额单位为{match[1]}；本系统按元导入，"
                                  "请换算成元后重新导出")


def find_layout(rows: Iterator[tuple[int, list[Any]]], *, header_row: int | None = None,
                overrides: Mapping[str, str] | None = None) -> Layout:
    """Find the header among the first rows of a sheet and return the layout.

    ``header_row`` (as Excel numbers rows) forces the header. Raises
    :class:`LayoutError` when no row is a usable header (no row maps an ID
    column and two fields), when the given row is blank or beyond the top,
    or when the unit row above the header says 万元/千元; ``ValueError``
    for an ``overrides`` entry naming an unknown field.
    """
    overrides = overrides or {}
    _check_overrides(overrides)
    top: list[tuple[int, list[Any]]] = []
    for number, cells in rows:
        top.append((number, cells))
        if len(top) >= HEADER_SCAN or (header_row is not None and number >= header_row):
            break
    if header_row is not None:
        at = [i for i, (number, _) in enumerate(top) if number == header_row]
        if not at:
            raise LayoutError(f"第 {header_row} 行是空行或不在前 {HEADER_SCAN} 行内，不能作表头")
        best = at[0]
        columns = _mapping(top[best][1], overrides)
    else:
        scored = [(_score(_mapping(cells, overrides)), -i) for i, (_, cells) in enumerate(top)]
        if not scored:
            raise LayoutError("表中没有内容")
        (has_id, count), neg = max(scored)
        best = -neg
        if not has_id or count < 2:
            raise LayoutError(f"前 {HEADER_SCAN} 行里找不到表头（要有身份证号列和至少一个"
                              "其他已知列；可用 --header-row N 指定表头行，"
                              "--map 列名=field 指定列）")
        columns = _mapping(top[best][1], overrides)
    header_number, header = top[best]
    missing = [f"{column}={field}" for column, field in overrides.items()
               if normalise_header(column) not in {normalise_header(h) for h in header}]
    if missing:
        raise LayoutError(f"--map {', '.join(missing)}: 第 {header_number} 行（表头）没有这一列；"
                          f"表头是 {'、'.join(t for c in header if (t := cell_text(c)))}")
    _check_unit(top[:best])
    return Layout(header_number, header_row is None, columns,
                  tuple(cell_text(c) for c in header), _report(header, columns),
                  chain(top[best + 1:], rows))
