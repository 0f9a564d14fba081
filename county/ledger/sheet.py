"""Reading a township agency's ledger file (村账乡代管) into checked entries.

Real files have a merged title row or two (``XX村2026年10月收支明细``), a
``单位：元`` line, then the header; amounts with 元 and thousands commas;
dates typed as text in several forms or as Excel dates; a 合计 row (checked
against the sum of the entries, then skipped) and a 制表人 footer. Income and
expense come either as two columns (收入 / 支出) or as one 金额 column beside
a 类型 column. Every bad row is reported with its row number and a reason a
bookkeeper can act on; nothing of a file with a bad row is stored.
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
from county.ledger.amounts import month_of, parse_amount_fen, parse_kind
from kiosk.identity import mask_id_numbers

__all__ = ["LedgerFile", "LedgerRow", "RowProblem", "read_ledger"]

_ALIASES = {
    **dict.fromkeys(("日期", "记账日期", "发生日期", "凭证日期", "业务日期"), "date"),
    **dict.fromkeys(("摘要", "事由", "内容", "摘要说明"), "summary"),
    **dict.fromkeys(("收入", "收入金额", "收入(元)", "收入金额(元)", "借方", "借方金额"),
                    "income"),
    **dict.fromkeys(("支出", "支出金额", "支出(元)", "支出金额(元)", "贷方", "贷方金额"),
                    "expense"),
    **dict.fromkeys(("类型", "收支", "收支类型", "收/支"), "kind"),
    **dict.fromkeys(("金额", "金额(元)", "发生额"), "amount"),
    **dict.fromkeys(("对方单位", "往来单位", "对方", "收款人", "付款人", "收(付)款人",
                     "收款单位", "付款单位", "对方单位(人)"), "counterparty"),
    **dict.fromkeys(("凭证号", "凭证编号", "凭证字号", "记账凭证号"), "voucher_no"),
    **dict.fromkeys(("凭证图片", "图片", "附件", "凭证影像", "发票图片", "票据图片"), "image"),
}
#: Rows carried over from before (no entry of this month): skipped with a note.
_CARRIED = ("上月结转", "上年结转", "期初余额", "承前页", "承上页", "过次页", "本年累计")
_TOTAL = ("合计", "本月合计", "总计", "小计")
_MAX_SUMMARY, _MAX_PARTY, _MAX_VOUCHER = 200, 100, 40


@dataclass(frozen=True)
class RowProblem:
    """A refused row: where, and what the bookkeeper should fix."""

    row: int
    reason: str


@dataclass(frozen=True)
class LedgerRow:
    """One checked entry; ``image`` is the file name its 凭证图片 cell gives ("" none)."""

    row: int
    entry_date: date
    summary: str
    kind: str
    amount_fen: int
    counterparty: str
    voucher_no: str
    image: str

    @property
    def month(self) -> str:
        return month_of(self.entry_date)


@dataclass
class LedgerFile:
    """What a file holds: entries, refused rows, notes (skipped rows, totals checked)."""

    rows: list[LedgerRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _header(cells: Sequence[Any]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = _ALIASES.get(normalise_header(cell_text(cell)))
        if name is not None and name not in mapping:
            mapping[name] = i
    return mapping


def _usable(mapping: dict[str, int]) -> bool:
    money = {"income", "expense"} <= mapping.keys() or {"kind", "amount"} <= mapping.keys()
    return money and {"date", "summary"} <= mapping.keys()


def _cell(cells: Sequence[Any], mapping: dict[str, int], name: str) -> Any:
    i = mapping.get(name)
    return cells[i] if i is not None and i < len(cells) else ""


def _first_text(cells: Sequence[Any]) -> str:
    return next((cell_text(c) for c in cells if cell_text(c)), "")


def _money(cells: Sequence[Any], mapping: dict[str, int]) -> tuple[str, int]:
    """(kind, fen) of a row; raises CellError with the bookkeeper's wording."""
    if "income" in mapping:
        income = parse_amount_fen(_cell(cells, mapping, "income"))
        expense = parse_amount_fen(_cell(cells, mapping, "expense"))
        if income and expense:
            raise CellError("amount.both", "收入和支出都填了：一行只记一笔，请拆成两行")
        if not income and not expense:
            raise CellError("amount.missing", "收入和支出都没填金额")
        return ("income", income) if income else ("expense", expense or 0)
    amount = parse_amount_fen(_cell(cells, mapping, "amount"))
    if not amount:
        raise CellError("amount.missing", "金额没填")
    return parse_kind(_cell(cells, mapping, "kind")), amount


def _text(cells: Sequence[Any], mapping: dict[str, int], name: str, limit: int,
          label: str) -> str:
    # A public ledger carries no ID number: one written into a cell is kept masked.
    text = mask_id_numbers(" ".join(cell_text(_cell(cells, mapping, name)).split()))
    if len(text) > limit:
        raise CellError("text.long", f"{label}太长（最多 {limit} 个字）")
    return text


def _entry(number: int, cells: Sequence[Any], mapping: dict[str, int]) -> LedgerRow:
    raw_date = _cell(cells, mapping, "date")
    if not cell_text(raw_date):
        raise CellError("date.missing", "日期没填")
    try:
        day = parse_date(raw_date)
    except CellError:
        raise CellError("date.invalid", f"日期 {cell_text(raw_date)!r} 看不懂（写成 "
                                        "2026-10-08 或 2026年10月8日）") from None
    summary = _text(cells, mapping, "summary", _MAX_SUMMARY, "摘要")
    if not summary:
        raise CellError("summary.missing", "摘要没填：写清这笔钱是做什么的")
    kind, fen = _money(cells, mapping)
    image = cell_text(_cell(cells, mapping, "image"))
    if image and (Path(image).name != image or image.startswith(".")):
        raise CellError("image.name", f"凭证图片 {image!r} 只写文件名（图片放在表格旁边）")
    return LedgerRow(row=number, entry_date=day, summary=summary, kind=kind, amount_fen=fen,
                     counterparty=_text(cells, mapping, "counterparty", _MAX_PARTY, "对方单位"),
                     voucher_no=_text(cells, mapping, "voucher_no", _MAX_VOUCHER, "凭证号"),
                     image=image)


def _check_total(out: LedgerFile, number: int, cells: Sequence[Any],
                 mapping: dict[str, int], start: int) -> None:
    """Compare a 合计 row with the entries above it (since the previous 合计)."""
    rows = out.rows[start:]
    sums = {k: sum(r.amount_fen for r in rows if r.kind == k) for k in ("income", "expense")}
    checked = []
    for kind, label in (("income", "收入"), ("expense", "支出")):
        column = kind if "income" in mapping else None
        if column is None:
            continue
        try:
            stated = parse_amount_fen(_cell(cells, mapping, column)) or 0
        except CellError as exc:
            out.problems.append(RowProblem(number, f"合计行的{label}{exc}"))
            continue
        if stated != sums[kind]:
            out.problems.append(RowProblem(
                number, f"合计行的{label} {stated / 100:,.2f} 元与上面各笔相加的 "
                        f"{sums[kind] / 100:,.2f} 元不符：请核对是否漏记、重记或合计算错"))
        checked.append(label)
    if "amount" in mapping and "income" not in mapping:
        try:
            stated = parse_amount_fen(_cell(cells, mapping, "amount")) or 0
        except CellError as exc:
            out.problems.append(RowProblem(number, f"合计行{exc}"))
            return
        if stated and stated not in (sums["income"] + sums["expense"],
                                     abs(sums["income"] - sums["expense"])):
            out.problems.append(RowProblem(number, f"合计行金额 {stated / 100:,.2f} 元与上面"
                                                   "各笔相加不符：请核对"))
        checked.append("金额")
    out.notes.append(f"第 {number} 行是合计行，已核对（{'、'.join(checked) or '无金额'}）并跳过")


def read_ledger(path: Path, *, sheet: str | None = None) -> LedgerFile:
    """Read and check every data row of ``path`` (.csv or .xlsx).

    Raises :class:`SourceError` when the file cannot be read or no sheet has
    a ledger header (日期, 摘要, and 收入/支出 or 类型/金额).
    """
    out = LedgerFile()
    found = False
    with open_workbook(path) as book:
        for ws in book.sheets:
            if sheet is not None and ws.name != sheet:
                continue
            mapping: dict[str, int] | None = None
            total_from = len(out.rows)
            for scanned, (number, cells) in enumerate(ws.rows):
                if mapping is None:
                    candidate = _header(cells)
                    if _usable(candidate):
                        mapping = candidate
                    elif scanned >= 20:
                        break
                    continue
                first = _first_text(cells)
                if first.startswith(_TOTAL):
                    _check_total(out, number, cells, mapping, total_from)
                    total_from = len(out.rows)
                    continue
                summary = cell_text(_cell(cells, mapping, "summary"))
                if summary.startswith(_CARRIED) or first.startswith(_CARRIED):
                    out.notes.append(f"第 {number} 行是{summary or first}，不是本月的一笔，跳过")
                    continue
                if first.startswith(FOOTER_WORDS) and not cell_text(_cell(cells, mapping,
                                                                           "date")):
                    out.notes.append(f"第 {number} 行是表尾（{first[:10]}），跳过")
                    continue
                try:
                    out.rows.append(_entry(number, cells, mapping))
                except CellError as exc:
                    out.problems.append(RowProblem(number, str(exc)))
            found = found or mapping is not None
    if not found:
        raise SourceError(f"{path.name}: 找不到表头：需要 日期、摘要 两列，以及 收入/支出 两列"
                          "或 类型/金额 两列")
    return out
