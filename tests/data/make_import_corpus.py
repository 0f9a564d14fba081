"""Writes tests/data/imports/: department files laid out as counties really send them.

    .venv/bin/python tests/data/make_import_corpus.py

Run by hand; the outputs (and ``expected.json``, the written-down result of
each file) are committed. Every row below says what must become of it:
``("ok", fen)`` imported with that amount, ``("bad", code)`` refused with
that code, ``("warn", code)`` held as a warning, ``("skip", word)`` a total
or footer row skipped. ID numbers are synthetic (region 431226, valid check
digits unless the row is about a damaged one) and belong to nobody.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kiosk.identity import check_digit  # noqa: E402

OUT = Path(__file__).resolve().parent / "imports"


def person(birth: str, seq: str) -> str:
    """A valid synthetic ID number: 431226 + birth (YYYYMMDD) + 3-digit sequence + check."""
    first17 = f"431226{birth}{seq}"
    return first17 + check_digit(first17)


def rounded_pair() -> tuple[str, str, str]:
    """(real number, its Excel-rounded form that passes the check digit, one that fails)."""
    passing = failing = ""
    real = ""
    for day in range(1, 29):
        for seq in range(200, 300):
            first14 = f"431226195007{day:02d}"
            number = person(f"195007{day:02d}", f"{seq:03d}")
            rounded = number[:15] + "000"
            ok = check_digit(rounded[:17]) == "0"
            if ok and not passing:
                passing, real = rounded, number
            if not ok and not failing and first14 != real[:14]:
                failing = rounded
            if passing and failing:
                return real, passing, failing
    raise AssertionError("no rounded pair found")


SHU_REAL, SHU_ROUNDED, OTHER_ROUNDED = rounded_pair()  # 舒国强: the lost ¥380
TIAN = person("19480203", "021")
YANG = person("19520417", "033")
WU = person("19611109", "045")
PENG = person("19390725", "052")
ZHOU = person("19701230", "064")
HU = person("19580808", "071")
SHI = person("19450312", "086")

TITLE = "2025年麻阳苗族自治县农村低保资金发放花名册"
HEADER = ["序号", "乡镇", "村", "户主姓名", "姓名", "身份证号码", "保障人数", "月份", "发放金额",
          "发放日期", "备注"]


def dibao_sheet(book: Any, name: str, month: int, rows: list[list[Any]]) -> None:
    """A sheet laid out as the 民政局 sends it: merged title, 单位 row, header on row 3."""
    sheet = book.create_sheet(name)
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([f"填报单位：高村镇人民政府（盖章）  {month}月"] + [None] * 8 + ["单位：元"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)


def write_dibao_xlsx(expected: dict[str, Any]) -> None:
    """Two months of 低保 in one workbook plus an explanation sheet without a table."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    may: list[tuple[list[Any], tuple[str, Any]]] = [
        ([1, "高村镇", "青山村", "田光明", "田光明", TIAN, 3, "5月", 1140, datetime(2025, 5, 20),
          ""], ("ok", 114000)),
        ([2, "高村镇", "青山村", "杨秀英", "杨秀英", YANG, 1, "2025年5月", "380.00",
          45797, ""], ("ok", 38000)),
        ([3, "高村镇", "青山村", "吴德胜", "吴德胜", WU, "2人", 5, "760元", "2025.5.20",
          "新增"], ("ok", 76000)),
        ([4, "高村镇", "青山村", "舒国强", "舒国强", float(SHU_REAL), 1, "5月", 380,
          "2025年5月20日", ""], ("bad", "id.number_cell")),
        ([5, "高村镇", "青山村", "彭银花", "彭银花", PENG, 1, "5月", "1,234.50",
          date(2025, 5, 20), "一类"], ("ok", 123450)),
        (["合计", None, None, None, None, None, 8, None, "=SUM(I4:I8)", None, None],
         ("skip", "合计")),
        (["制表人：张晓红", None, None, "审核人：李国华", None, None, None, None,
          "填报日期：2025年5月31日", None, None], ("skip", "制表人")),
    ]
    june: list[tuple[list[Any], tuple[str, Any]]] = [
        ([1, "高村镇", "青山村", "田光明", "田光明", TIAN, 3, "6月", 1140, datetime(2025, 6, 20),
          ""], ("ok", 114000)),
        ([2, "高村镇", "青山村", "杨秀英", "杨秀英", YANG, 1, "6月", 380, datetime(2025, 6, 20),
          ""], ("ok", 38000)),
        ([3, "高村镇", "青山村", "周长生", "周长生", ZHOU[:17], 1, "6月", 380,
          datetime(2025, 6, 20), ""], ("bad", "id.length")),
        (["合  计", None, None, None, None, None, 5, None, 1520, None, None], ("skip", "合计")),
    ]
    dibao_sheet(book, "5月", 5, [r for r, _ in may])
    dibao_sheet(book, "6月", 6, [r for r, _ in june])
    notes = book.create_sheet("填表说明")
    notes.append(["1. 本表由各乡镇民政办填报，每月25日前报县民政局。"])
    notes.append(["2. 身份证号码一列请设为文本格式。"])
    name = "低保-2025年5-6月-高村镇.xlsx"
    book.save(OUT / name)
    expected[name] = {
        "options": {"item": "低保"},
        "exit_code": 1, "exit_code_skip_bad": 2,
        "sheets": {"5月": _rows(may, first=4, header=3), "6月": _rows(june, first=4, header=3),
                   "填表说明": None},
        "ignored_columns": [], "kept": {"household_size": "G", "period": "H", "note": "K"},
    }


def _rows(rows: list[tuple[list[Any], tuple[str, Any]]], *, first: int,
          header: int) -> dict[str, Any]:
    return {"header_row": header,
            "rows": {str(first + i): list(outcome) for i, (_, outcome) in enumerate(rows)}}


def write_csv(name: str, lines: list[list[Any]], encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(lines)
    (OUT / name).write_bytes(buffer.getvalue().encode(encoding))


def write_gbk_csv(expected: dict[str, Any]) -> None:
    """A GBK CSV saved from Excel: title line, unit line, IDs that Excel damaged."""
    header = ["序号", "乡镇", "村", "组", "姓名", "身份证号码", "项目", "发放金额", "发放日期",
              "备注"]
    rows: list[tuple[list[Any], tuple[str, Any]]] = [
        (["1", "高村镇", "青山村", "三组", "胡桂兰", HU, "高龄津贴", "150", "2025/3/15", ""],
         ("ok", 15000)),
        (["2", "高村镇", "青山村", "三组", "舒国强", SHU_ROUNDED, "高龄津贴", "380",
          "2025-03-15", ""], ("warn", "id.maybe_rounded")),
        (["3", "高村镇", "青山村", "五组", "石大妹", "4.31226E+17", "高龄津贴", "150",
          "2025-03-15", ""], ("bad", "id.scientific")),
        (["4", "高村镇", "青山村", "五组", "周长生", OTHER_ROUNDED, "高龄津贴", "150",
          "2025-03-15", ""], ("bad", "id.rounded")),
        (["5", "高村镇", "青山村", "五组", "石大妹", "'" + SHI, "高龄津贴", "150",
          "2025-03-15", ""], ("bad", "id.apostrophe")),
        (["6", "高村镇", "青山村", "二组", "彭银花", PENG, "高龄津贴", "1,150.00元",
          "45731", "补发1-2月"], ("ok", 115000)),
        (["合计", "", "", "", "", "", "", "2,130.00", "", ""], ("skip", "合计")),
        (["制表人：向红", "", "", "审核人：", "", "", "", "", "", ""], ("skip", "制表人")),
    ]
    lines = [["2025年3月高村镇高龄津贴发放表", *[""] * 9], ["", *[""] * 8, "单位：元"], header,
             *[r for r, _ in rows]]
    name = "高龄津贴-2025年3月-gbk.csv"
    write_csv(name, lines, "gbk")
    expected[name] = {"options": {}, "exit_code": 1, "exit_code_skip_bad": 1,
                      "exit_code_skip_bad_accept": 2,
                      "sheets": {"": _rows(rows, first=4, header=3)},
                      "ignored_columns": [], "kept": {"group": "D", "note": "J"}}


def write_utf8_csv(expected: dict[str, Any]) -> None:
    """A clean UTF-8 CSV with an unknown column (银行账号) that is reported as ignored."""
    header = ["姓名", "身份证号", "项目", "期间", "金额(元)", "发放日期", "发放部门", "银行账号"]
    rows: list[tuple[list[Any], tuple[str, Any]]] = [
        (["田光明", TIAN, "基础养老金", "2025年3月", "188", "2025年3月15日", "县人社局",
          "6230****1234"], ("ok", 18800)),
        (["杨秀英", YANG, "基础养老金", "2025年3月", "188.00", "2025.3.15", "县人社局",
          "6230****5678"], ("ok", 18800)),
    ]
    name = "养老金-2025年3月-utf8.csv"
    write_csv(name, [header, *[r for r, _ in rows]], "utf-8")
    expected[name] = {"options": {}, "exit_code": 0, "exit_code_skip_bad": 0,
                      "sheets": {"": _rows(rows, first=2, header=1)},
                      "ignored_columns": ["银行账号"], "kept": {"period": "D"}}


def write_wan_yuan(expected: dict[str, Any]) -> None:
    """Amounts in 万元: refused as a whole (it would pay 10 000 times too little)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append(["2025年耕地地力保护补贴发放表"])
    sheet.append(["单位：万元"])
    sheet.append(["姓名", "身份证号码", "项目", "发放金额", "发放日期"])
    sheet.append(["田光明", TIAN, "耕地补贴", 0.056, datetime(2025, 4, 1)])
    name = "耕地补贴-万元.xlsx"
    book.save(OUT / name)
    expected[name] = {"options": {}, "refused_file": "万元"}


def write_wrong_and_corrected(expected: dict[str, Any]) -> None:
    """The issue's story: ¥7600 typed for ¥760, then the department's corrected file."""
    header = ["姓名", "身份证号码", "项目", "月份", "发放金额", "发放日期"]
    wrong = [["吴德胜", WU, "低保", "2025年4月", "7600", "2025-04-20"],
             ["田光明", TIAN, "低保", "2025年4月", "1140", "2025-04-20"]]
    fixed = [["吴德胜", WU, "低保", "2025年4月", "760", "2025-04-20"],
             ["田光明", TIAN, "低保", "2025年4月", "1140", "2025-04-20"]]
    write_csv("低保-2025年4月-误.csv", [header, *wrong], "utf-8-sig")
    write_csv("低保-2025年4月-更正.csv", [header, *fixed], "utf-8-sig")
    expected["低保-2025年4月-误.csv"] = {"options": {}, "exit_code": 0, "new": 2}
    expected["低保-2025年4月-更正.csv"] = {"options": {}, "exit_code": 0, "new": 0,
                                         "superseded": 1, "after": "低保-2025年4月-误.csv"}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    expected: dict[str, Any] = {}
    write_dibao_xlsx(expected)
    write_gbk_csv(expected)
    write_utf8_csv(expected)
    write_wan_yuan(expected)
    write_wrong_and_corrected(expected)
    expected["_ids"] = {"SHU_REAL": SHU_REAL, "WU": WU, "TIAN": TIAN}
    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")


if __name__ == "__main__":
    main()
