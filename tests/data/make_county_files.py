"""Writes the department files the county import tests read (run by hand; outputs committed).

    .venv/bin/python tests/data/make_county_files.py

The ID numbers are the demo village's synthetic ones (demo.village): valid
check digits, belonging to nobody. Each file is messy the way real
department exports are: full-width digits and brackets, 元 suffixes,
thousands separators, lower-case x, dates in every common form.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent

LONG = "43122619560322079x"  # 龙德贵, check digit X written lower-case
LIU = "431226195903224821"  # 刘䶮 (䶮 needs 4 bytes in GB18030)
XIANG = "431226198604206379"  # 向金金, head of 431226-0001
TAN = "431226198810031127"  # 谭萍, same household
MA = "43122619851123467X"  # 麻生永

HEADER = ["姓名", "身份证号", "项目", "金额(元)", "发放日期", "发放部门", "资金来源",
          "户主身份证号"]
GOOD_ROWS = [
    ["龙德贵", LONG, "农村低保", "1,234.50", "2024-03-05", "县民政局", "中央财政", LONG],
    ["刘䶮", LIU, "养老金", "１８８．００元", "2024/3/15", "县人社局", "城乡居民基础养老金", LONG],
    ["向金金", XIANG, "耕地地力保护补贴资金", "560元", "20240612", "县农业农村局", "", XIANG],
    ["谭萍", TAN, "高龄补贴", "¥150", "2024年3月25日", "县民政局", "县级财政", XIANG],
    ["麻生永", MA, "低保", "420.5", "45356", "县民政局", "", MA],
]


def write_csv(name: str, rows: list[list[str]], encoding: str, header: list[str] = HEADER) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    (HERE / name).write_bytes(buffer.getvalue().encode(encoding))


def main() -> None:
    write_csv("county_payments_utf8bom.csv", GOOD_ROWS, "utf-8-sig")
    write_csv("county_payments_gb18030.csv", GOOD_ROWS, "gb18030")

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "发放名册"
    sheet.append(["序号", "姓名", "身份证号码", "项目名称", "金额（元）", "发放日期", "发放部门",
                  "户主身份证号码"])
    sheet.append([1, "龙德贵", LONG, "农村最低生活保障金", 1234.5,
                  datetime(2024, 3, 5), "县民政局", LONG])
    sheet.append([2, "刘䶮", LIU, "基础养老金", 188, date(2024, 3, 15), "县人社局", LONG])
    sheet.append([3, "向金金", XIANG, "耕地补贴", "560.00", 45455, "县农业农村局", XIANG])
    sheet.append([None, None, None, None, None, None, None, None])  # a blank line in between
    sheet.append([4, "谭萍", TAN, "高龄津贴", 150.0, "2024年3月25日", "县民政局", XIANG])
    book.save(HERE / "county_payments.xlsx")

    bad = [
        ["龙德贵", LONG, "农村低保", "1,234.50", "2024-03-05", "县民政局", "", LONG],  # row 2 ok
        ["刘䶮", "431226195903224822", "养老金", "188", "2024-03-15", "县人社局", "", LONG],  # 3
        ["向金金", XIANG, "耕地补贴", "-560", "2024-06-12", "县农业农村局", "", XIANG],  # 4
        ["谭萍", TAN, "高龄补贴", "9,000,000", "2024-03-25", "县民政局", "", XIANG],  # 5
        ["麻生永", MA, "低保", "420.50", "2099-01-01", "县民政局", "", MA],  # 6
        ["龙德贵", LONG, "农村低保", "1234.5元", "2024/3/5", "县民政局", "", LONG],  # 7 = row 2
        ["向金金", XIANG, "发放补贴", "100", "2024-06-12", "县农业农村局", "", XIANG],  # 8
        ["谭萍", TAN, "高龄补贴", "150", "2024-13-45", "县民政局", "", XIANG],  # 9
        ["麻生永", MA, "低保", "12.345", "2024-05-05", "县民政局", "", MA],  # 10
        ["麻生永", MA, "低保", "420.50", "2024-05-05", "县民政局", "", MA],  # 11 ok
    ]
    write_csv("county_payments_bad.csv", bad, "utf-8-sig")

    write_more_bad_rows()
    write_number_id_xlsx()

    write_csv("county_payments_no_item.csv", [
        ["龙德贵", LONG, "300", "2024-04-01"],
        ["刘䶮", LIU, "300", "2024-04-01"],
    ], "utf-8", header=["姓名", "身份证号", "金额(元)", "发放日期"])


def write_more_bad_rows() -> None:
    """The bad-row kinds county_payments_bad.csv does not hold, one per row, in a file with
    a 状态 column; rows 2 and 10 are good."""
    bad = [
        ["龙德贵", LONG, "农村低保", "1,234.50", "2024-03-05", "县民政局", "已发放"],  # row 2 ok
        ["刘䶮", LIU, "养老金", "0.00", "2024-03-15", "县人社局", "已发放"],  # 3 amount.zero
        ["向金金", XIANG, "耕地补贴", "560", "1999-12-31", "县农业农村局", "已发放"],  # 4 too old
        ["谭萍", "", "高龄补贴", "150", "2024-03-25", "县民政局", "已发放"],  # 5 id.empty
        ["麻生永", MA[:17], "低保", "420.50", "2024-03-05", "县民政局", "已发放"],  # 6 id.length
        ["龙德贵", "4312261956O322079X", "低保", "100", "2024-04-05", "县民政局", ""],  # 7 O for 0
        ["刘䶮", "431226195902304821", "养老金", "188", "2024-04-15", "县人社局", ""],  # 8 2月30日
        ["向金金", XIANG, "耕地补贴", "560", "2024-06-12", "县农业农村局", "作废"],  # 9 status
        ["谭萍", TAN, "高龄补贴", "150", "2024-04-25", "县民政局", "待发放"],  # 10 ok
    ]
    write_csv("county_payments_bad_more.csv", bad, "utf-8-sig",
              header=["姓名", "身份证号", "项目", "金额(元)", "发放日期", "发放部门", "状态"])


def write_number_id_xlsx() -> None:
    """An XLSX whose row 3 has the ID number typed into a number cell: Excel keeps 15
    significant digits (4.31226195903225E+17), the last ones are gone."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "发放名册"
    sheet.append(["姓名", "身份证号", "项目", "金额(元)", "发放日期", "发放部门"])
    sheet.append(["龙德贵", LONG, "农村低保", 1234.5, datetime(2024, 3, 5), "县民政局"])
    sheet.append(["刘䶮", float(LIU), "养老金", 188, date(2024, 3, 15), "县人社局"])
    sheet.append(["谭萍", TAN, "高龄补贴", 150, date(2024, 3, 25), "县民政局"])
    book.save(HERE / "county_payments_number_id.xlsx")


if __name__ == "__main__":
    main()
