"""Village project files (村级工程) as a township clerk makes them, built in the tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

HEADER = ("项目编号", "项目名称", "阶段", "日期", "金额（元）", "单位", "说明", "图片")

#: Two projects as the demo and the tests file them (rows of HEADER's cells).
ROAD = [
    ["CJ-2026-01", "村道硬化", "立项", "2026-03-02", "", "高村镇人民政府",
     "村民代表会议通过，镇政府批复立项", "approval.png"],
    ["", "", "预算", "2026年3月20日", "386,000.00元", "县财政评审中心", "评审后预算", ""],
    ["", "", "招标", "2026/4/15", "352,800", "湘南路桥建设有限公司", "公开招标，3家投标", ""],
    ["", "", "合同", "2026-04-20", "352,800.00", "湘南路桥建设有限公司", "工期90天", ""],
    ["", "", "进度", "2026-06-10", "176,400元", "湘南路桥建设有限公司", "完成一半，拨付50%", ""],
    ["", "", "验收", "2026-08-05", "", "镇村联合验收组", "合格", ""],
    ["", "", "决算", "2026-09-01", "349,260.50", "县审计局", "审计决算", ""],
]
WATER = [
    ["CJ-2026-02", "饮水工程", "立项", "2026-05-08", "", "高村镇人民政府", "解决二组三组饮水", ""],
    ["CJ-2026-02", "饮水工程", "预算", "2026-05-25", "128,000", "县水利局", "", ""],
]


def projects_xlsx(path: Path, rows: Sequence[Sequence[Any]], *,
                  title: str = "青山村村级工程项目公开表", merge_names: bool = True,
                  total: Any = None) -> Path:
    """A sheet with a merged title, the header, ``rows``, a 合计 row and a 制表人 footer;
    the 项目编号/项目名称 cells of a run of blank ones below a filled one merged down."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(list(HEADER))
    start = ws.max_row + 1
    for row in rows:
        ws.append(list(row))
    if merge_names:
        top = None
        for r in range(start, ws.max_row + 2):
            blank = r <= ws.max_row and not ws.cell(r, 2).value
            if blank and top is not None:
                continue
            if top is not None and r - 1 > top:
                for column in (1, 2):
                    ws.merge_cells(start_row=top, start_column=column, end_row=r - 1,
                                   end_column=column)
            top = r if r <= ws.max_row else None
    if total is not None:
        ws.append(["合计", "", "", "", total, "", "", ""])
    ws.append(["制表人：刘文书", "", "", "审核人：镇纪委"])
    book.save(path)
    return path
