"""The receipt laid out as blocks that any renderer draws: text, rows, rules, a QR code.

:func:`receipt_blocks` lays a :class:`~kiosk.receipt.model.Receipt` out as a
list of simple blocks (text, a row with a right-aligned amount, a rule, a QR
code) that any renderer can draw without knowing Chinese: every word a
villager reads is written here, the printer driver (``drivers/printer``) only
draws blocks. Pure functions, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kiosk.money import format_yuan, to_capitals
from kiosk.receipt.model import Receipt, ReceiptYear
from kiosk.timefmt import format_local

__all__ = ["Align", "Block", "Gap", "QrCode", "Row", "Rule", "Size", "Text", "receipt_blocks"]


Size = Literal["small", "body", "large", "title"]
Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the paper width."""

    text: str
    size: Size = "body"
    align: Align = "left"
    bold: bool = False


@dataclass(frozen=True)
class Row:
    """``left`` wrapped on the left, ``right`` (an amount) right-aligned on its last line."""

    left: str
    right: str
    size: Size = "body"
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A horizontal line across the paper (``heavy``: thicker, between sections)."""

    heavy: bool = False


@dataclass(frozen=True)
class Gap:
    """Blank space, in lines of body text."""

    lines: float = 0.5


@dataclass(frozen=True)
class QrCode:
    """A QR code, centred, with a caption under it."""

    data: str
    caption: str


Block = Text | Row | Rule | Gap | QrCode


def _year_total_text(year: ReceiptYear) -> str:
    extra = []
    if year.pending_fen:
        extra.append(f"待发放 {format_yuan(year.pending_fen)}")
    if year.returned_fen:
        extra.append(f"被退回 {format_yuan(year.returned_fen)}")
    return "，".join(extra)


def _short_period(period: str, year: int) -> str:
    """``2026年3月`` → ``3月`` under the 2026 heading; ``2026年度`` stays whole."""
    rest = period.removeprefix(f"{year}年")
    return rest if rest != period and rest[:1] in ("第", *"0123456789") else period


def receipt_blocks(receipt: Receipt) -> tuple[Block, ...]:
    """The receipt laid out top to bottom, in Chinese, for any renderer."""
    place = "".join(part for part in (receipt.county, receipt.township, receipt.village) if part)
    blocks: list[Block] = [
        Text("惠民惠农补贴明细", size="title", align="center", bold=True),
        Text(place or "村级便民服务站", align="center"),
        Rule(heavy=True),
        Text(f"姓名：{receipt.holder_name or '—'}", size="large", bold=True),
        Text(f"身份证：{receipt.masked_id}"),
        Text(f"打印时间：{format_local(receipt.printed_at)}", size="small"),
        Text("数据更新：" + (format_local(receipt.data_as_of) if receipt.data_as_of
                           else "尚未同步"), size="small"),
        Text(f"回执编号：{receipt.receipt_id}", size="small"),
        Rule(heavy=True),
    ]
    if not receipt.years:
        blocks.append(Text("没有查到您的补贴发放记录。如果您认为有误，可以在本机投诉，"
                           f"或拨打 {receipt.hotline}。"))
    for year in receipt.years:
        if not year.detailed:
            continue
        blocks.append(Row(f"{year.year}年 已发放", format_yuan(year.paid_fen), size="large",
                          bold=True))
        if extra := _year_total_text(year):
            blocks.append(Text(extra, size="small"))
        # One heading per item, then one row per payment: a monthly benefit
        # costs one printed line a month, not three.
        current = None
        for line in year.lines:
            name = line.item_name + ("（户）" if line.household else "")
            if name != current:
                blocks += [Rule(), Text(name, bold=True)]
                current = name
            period = _short_period(line.period, year.year)
            blocks.append(Row(f"{period}  {line.paid_on:%m-%d}  {line.status_label}",
                              format_yuan(line.amount_fen)))
        blocks.append(Rule(heavy=True))
    older = [y for y in receipt.years if not y.detailed]
    if older:
        blocks.append(Text("往年合计（每年一行，明细请在屏幕上查看）", size="small"))
        for year in older:
            blocks.append(Row(f"{year.year}年 共{year.count}笔", format_yuan(year.paid_fen)))
            if extra := _year_total_text(year):
                blocks.append(Text(extra, size="small"))
        blocks.append(Rule(heavy=True))
    if receipt.years:
        first, last = receipt.years[-1].year, receipt.years[0].year
        span = f"{first}–{last}年" if first != last else f"{last}年"
        blocks += [
            Text(f"{span}已发放合计", bold=True),
            Text(format_yuan(receipt.total_paid_fen), size="title", align="right", bold=True),
            Text(f"大写：{to_capitals(receipt.total_paid_fen)}", bold=True),
            Rule(heavy=True),
        ]
    if receipt.complaint_ticket:
        blocks += [
            Text(f"投诉受理号：{receipt.complaint_ticket}", size="large", bold=True),
        ]
        if receipt.complaint_query_code:
            blocks += [
                Text(f"查询码：{receipt.complaint_query_code}", size="title", bold=True),
                Text("请保管好本回执，不要给别人看查询码。凭受理号和查询码，在本县任何一台"
                     "终端点查询投诉，不用身份证就能看办理进度和答复。", size="small"),
            ]
        else:
            blocks.append(Text("凭此号可在本机查询办理结果。", size="small"))
        blocks.append(Rule())
    blocks += [
        Text(f"发现问题请拨打监督举报电话 {receipt.hotline}", bold=True),
        Gap(0.3),
        QrCode(receipt.verify_url, "扫码核验本回执真伪"),
        Gap(1.0),
    ]
    return tuple(blocks)
