"""Reading a township clerk's project file (村级工程) into checked projects and stages.

One sheet, one row per stage of a project (docs/it-staff-guide.md)::

    项目编号 | 项目名称 | 阶段 | 日期 | 金额 | 单位 | 说明 | 图片

项目名称, 阶段 and 日期 are needed; 项目编号 may be left out (the name is the
key then). A project's rows need not be together; a 项目名称 (and 编号) cell
merged down over its rows, as clerks do, is read as repeated. Title rows above
the header, a 合计 row and a 制表人 footer are skipped with a note. Amounts as in
the ledger (元, thousands commas, full-width digits). Every bad row is reported
with its row number and a reason the clerk can act on; nothing of a file with a
bad row is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from county.importer.cells import CellError, cell_text, normalise_header, parse_date
from county.importer.layout import FOOTER_WORDS
from county.importer.sources import SourceError, open_workbook
from county.ledger.amounts import parse_amount_fen
from county.ledger.sheet import RowProblem
from county.projects.stages import ONCE, STAGES, parse_stage
from kiosk.identity import mask_id_numbers

__all__ = ["ProjectIn", "ProjectsFile", "StageRow", "read_projects"]

_ALIASES = {
    **dict.fromkeys(("项目编号", "工程编号", "编号", "项目代码"), "code"),
    **dict.fromkeys(("项目名称", "工程名称", "项目", "工程"), "name"),
    **dict.fromkeys(("阶段", "环节", "进展", "事项", "工程阶段"), "stage"),
    **dict.fromkeys(("日期", "时间", "发生日期", "办理日期"), "date"),
    **dict.fromkeys(("金额", "金额(元)", "资金", "资金(元)", "投资额", "金额（元）"), "amount"),
    **dict.fromkeys(("单位", "经办", "承办单位", "负责单位", "中标单位", "施工单位",
                     "审批单位", "经办单位", "责任人"), "who"),
    **dict.fromkeys(("说明", "内容", "摘要", "备注", "情况说明"), "note"),
    **dict.fromkeys(("图片", "文件图片", "附件", "扫描件", "凭证图片", "文件"), "image"),
}
_TOTAL = ("合计", "总计", "小计")
#: Stages whose amount is the point of the stage: refused without one.
_NEEDS_AMOUNT = {"budget": "预算", "bidding": "中标", "final": "决算"}
_MAX_NAME, _MAX_CODE, _MAX_WHO, _MAX_NOTE = 100, 40, 100, 300


@dataclass(frozen=True)
class StageRow:
    """One checked stage; ``image`` is the file name its 图片 cell gives ("" none)."""

    row: int
    stage: str
    day: date
    amount_fen: int | None
    who: str
    note: str
    image: str


@dataclass
class ProjectIn:
    """A project as the file gives it: its key, name, and stages in file order."""

    code: str
    name: str
    row: int
    stages: list[StageRow] = field(default_factory=list)


@dataclass
class ProjectsFile:
    """What a file holds: projects (file order), refused rows, notes (skipped rows)."""

    projects: list[ProjectIn] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def stages(self) -> list[StageRow]:
        return [s for p in self.projects for s in p.stages]


def _header(cells: Sequence[Any]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = _ALIASES.get(normalise_header(cell_text(cell)).replace(" ", ""))
        if name is not None and name not in mapping:
            mapping[name] = i
    return mapping


def _cell(cells: Sequence[Any], mapping: dict[str, int], name: str) -> Any:
    i = mapping.get(name)
    return cells[i] if i is not None and i < len(cells) else ""


def _text(cells: Sequence[Any], mapping: dict[str, int], name: str, limit: int,
          label: str) -> str:
    # Published to the village: an ID number written into a cell is kept masked.
    text = mask_id_numbers(" ".join(cell_text(_cell(cells, mapping, name)).split()))
    if len(text) > limit:
        raise CellError("text.long", f"{label}太长（最多 {limit} 个字）")
    return text


def _stage(number: int, cells: Sequence[Any], mapping: dict[str, int]) -> StageRow:
    stage = parse_stage(_cell(cells, mapping, "stage"))
    raw_date = _cell(cells, mapping, "date")
    if not cell_text(raw_date):
        raise CellError("date.missing", f"{STAGES[stage]}的日期没填")
    try:
        day = parse_date(raw_date)
    except CellError:
        raise CellError("date.invalid", f"日期 {cell_text(raw_date)!r} 看不懂（写成 "
                                        "2026-10-08 或 2026年10月8日）") from None
    amount = parse_amount_fen(_cell(cells, mapping, "amount"))
    if amount is None and stage in _NEEDS_AMOUNT:
        raise CellError("amount.missing", f"{STAGES[stage]}要填金额（{_NEEDS_AMOUNT[stage]}"
                                          "多少元）")
    image = cell_text(_cell(cells, mapping, "image"))
    if image and (Path(image).name != image or image.startswith(".")):
        raise CellError("image.name", f"图片 {image!r} 只写文件名（图片放在表格旁边）")
    return StageRow(row=number, stage=stage, day=day, amount_fen=amount,
                    who=_text(cells, mapping, "who", _MAX_WHO, "单位"),
                    note=_text(cells, mapping, "note", _MAX_NOTE, "说明"), image=image)


def _is_date(value: Any) -> bool:
    try:
        parse_date(value)
    except CellError:
        return False
    return True


class _Reader:
    """The rows of one sheet after its header, with the merged-cell carry-down."""

    def __init__(self, out: ProjectsFile, mapping: dict[str, int]) -> None:
        self.out, self.mapping = out, mapping
        self.by_code = {p.code: p for p in out.projects}
        self.last_name, self.last_code = "", ""

    def row(self, number: int, cells: Sequence[Any]) -> None:
        first = next((cell_text(c) for c in cells if cell_text(c)), "")
        if first.startswith(_TOTAL):
            self.out.notes.append(f"第 {number} 行是合计行，跳过")
            return
        if first.startswith(FOOTER_WORDS) and not _is_date(_cell(cells, self.mapping, "date")):
            self.out.notes.append(f"第 {number} 行是表尾（{first[:10]}），跳过")
            return
        try:
            name = _text(cells, self.mapping, "name", _MAX_NAME, "项目名称")
            code = _text(cells, self.mapping, "code", _MAX_CODE, "项目编号")
            if not name and not code:  # a merged 项目名称 cell: the row above's project
                name, code = self.last_name, self.last_code
            if not name:
                raise CellError("name.missing", "项目名称没填")
            self.last_name, self.last_code = name, code
            stage = _stage(number, cells, self.mapping)
        except CellError as exc:
            self.out.problems.append(RowProblem(number, str(exc)))
            return
        self._add(number, code or name, name, stage)

    def _add(self, number: int, key: str, name: str, stage: StageRow) -> None:
        project = self.by_code.get(key)
        if project is None:
            project = self.by_code[key] = ProjectIn(key, name, number)
            self.out.projects.append(project)
        elif project.name != name:
            self.out.problems.append(RowProblem(
                number, f"项目编号 {key} 在第 {project.row} 行叫“{project.name}”，这里叫"
                        f"“{name}”：同一个项目请写同一个名称，不同项目请用不同编号"))
            return
        if stage.stage in ONCE:
            twin = next((s for s in project.stages if s.stage == stage.stage), None)
            if twin is not None:
                self.out.problems.append(RowProblem(
                    number, f"“{name}”的{STAGES[stage.stage]}在第 {twin.row} 行已经有了：一个"
                            "项目只有一次（改正请直接改那一行；多次拨款请写“进度”）"))
                return
        project.stages.append(stage)


def read_projects(path: Path, *, sheet: str | None = None) -> ProjectsFile:
    """Read and check every data row of ``path`` (.csv or .xlsx).

    Raises :class:`SourceError` when the file cannot be read or no sheet has
    a project header (项目名称, 阶段, 日期).
    """
    out = ProjectsFile()
    found = False
    with open_workbook(path) as book:
        for ws in book.sheets:
            if sheet is not None and ws.name != sheet:
                continue
            reader: _Reader | None = None
            for scanned, (number, cells) in enumerate(ws.rows):
                if reader is None:
                    candidate = _header(cells)
                    if {"name", "stage", "date"} <= candidate.keys():
                        reader = _Reader(out, candidate)
                    elif scanned >= 20:
                        break
                    continue
                reader.row(number, cells)
            found = found or reader is not None
    if not found:
        raise SourceError(f"{path.name}: 找不到表头：需要 项目名称、阶段、日期 三列"
                          "（还可以有 项目编号、金额、单位、说明、图片）")
    return out
