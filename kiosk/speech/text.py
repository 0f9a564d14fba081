"""What each villager screen says aloud: one Chinese text per screen, numbers in words.

The text is the screen's essentials, not a reading of every label: who, how much
arrived this year, how much is still to come, what it was for, and what to do
next. Money as spoken 元角分, years and ticket/phone numbers digit by digit,
dates as 月日, statuses as words (:mod:`kiosk.speech.numbers`). The result goes
through :func:`kiosk.speech.pinyin.to_pinyin` before the engine sees it.

Pure functions over the lookup's dataclasses; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from kiosk.speech.numbers import (
    spoken_amount,
    spoken_count,
    spoken_date,
    spoken_digits,
    spoken_integer,
    spoken_numbers_in,
    spoken_year,
)

if TYPE_CHECKING:
    from kiosk.complaints import ComplaintStatus
    from kiosk.ledger import Ledger, Totals
    from kiosk.lookup import LookupResult, PaymentLine

__all__ = [
    "FIXED_PROMPTS",
    "HOTLINE",
    "STATUS_SPOKEN",
    "benefits_text",
    "complaint_filed_text",
    "detail_text",
    "error_text",
    "ledger_month_text",
    "ledger_months_text",
    "my_complaints_text",
    "notices_text",
    "print_text",
    "voucher_text",
]

#: The supervision hotline, read digit by digit.
HOTLINE = spoken_digits("12388")
_ASK = f"如果有不对的地方，可以点投诉，也可以拨打{HOTLINE}。"

#: Screens whose text never changes: shippable as audio rendered at build time.
FIXED_PROMPTS: Mapping[str, str] = {
    "welcome": "请将身份证放在读卡区。想看通知公告，请点屏幕下方的按钮。",
    "reading": "正在读取身份证，请不要移动。",
    "complaint_about": "您要反映哪一项补贴的问题？请点一下屏幕上的项目。",
    "complaint": ("请点一下您要反映的问题：钱没有收到，金额不对，被别人冒领，不该有我的名字，"
                  f"办事作风问题，其他问题。也可以拨打{HOTLINE}。"),
    "complaint_text": "请在屏幕上写下您的问题，写好了点下一步。不会写字也可以直接点下一步。",
    "complaint_phone": "可以留下电话号码，县纪委可以打电话问您情况；也可以不留电话。",
    "complaint_identity": "请选择留名字，还是不留名字。不留名字也一样会办理。",
    "complaint_confirm": "请看一下屏幕上的内容，没有问题就点确认提交。",
    "printing": "正在打印凭条，请稍等。",
    "printed": "凭条已经打印好了，请从出纸口取走。",
    "no_record": f"没有查到您的补贴发放记录。如果您认为有误，可以在本机上投诉，或拨打{HOTLINE}。",
}

#: Payment statuses as said aloud.
STATUS_SPOKEN: Mapping[str, str] = {"paid": "已经发放", "pending": "等待发放",
                                    "returned": "被退回"}
#: How many items, payments or notices are read before "the rest are on the screen".
_MAX_LISTED = 5


def _address(name: str) -> str:
    return f"{name}，" if name else ""


def benefits_text(result: LookupResult, *, name: str = "", year: int | None = None) -> str:
    """The benefits screen's essentials for the holder ``name`` (from the card).

    ``year`` is the year on screen (default: the newest with records). Says the paid
    total, the pending and returned sums, the items (largest first), the other years
    on record, and where to complain. Raises ``ValueError`` if ``year`` has no records.
    """
    if not result.years:
        return _address(name) + FIXED_PROMPTS["no_record"]
    summary = result.years[0] if year is None else next(
        (y for y in result.years if y.year == year), None)
    if summary is None:
        raise ValueError(f"no records in {year}")
    said_year = spoken_year(summary.year)
    if summary.total_fen:
        text = f"{_address(name)}您{said_year}已经收到惠民资金{spoken_amount(summary.total_fen)}"
        if summary.pending_fen:
            text += f"，还有{spoken_amount(summary.pending_fen)}待发放"
        text += "。"
    else:
        text = f"{_address(name)}您{said_year}还没有收到惠民资金"
        if summary.pending_fen:
            text += f"，有{spoken_amount(summary.pending_fen)}待发放"
        text += "。"
    if summary.items:
        parts = [f"{item.item_name}{spoken_amount(item.total_fen)}"
                 for item in summary.items[:_MAX_LISTED]]
        rest = len(summary.items) - _MAX_LISTED
        tail = f"，另外还有{spoken_count(rest)}项，请看屏幕" if rest > 0 else ""
        text += "其中，" + "，".join(parts) + tail + "。"
    if summary.returned_fen:
        text += f"有{spoken_amount(summary.returned_fen)}被退回，请向村里问清楚原因。"
    others = [spoken_year(y.year) for y in result.years if y.year != summary.year]
    if others:
        text += f"屏幕上还可以看{'、'.join(others[:3])}{'等' if len(others) > 3 else ''}的记录。"
    return text + _ASK


def _payment(p: PaymentLine) -> str:
    status = STATUS_SPOKEN.get(p.status, "")
    return f"{spoken_date(p.paid_on, year=True)}，{spoken_amount(p.amount_fen)}，{status}"


def detail_text(item_name: str, payments: Sequence[PaymentLine], *, standard: str = "") -> str:
    """One item's screen: how many payments, their paid sum, the latest few, the standard."""
    paid = sum(p.amount_fen for p in payments if p.status == "paid")
    text = f"{item_name}，一共有{spoken_count(len(payments))}笔记录"
    text += f"，已经发放{spoken_amount(paid)}。" if payments else "。"
    latest = sorted(payments, key=lambda p: (p.paid_on, p.payment_id), reverse=True)
    if latest:
        shown = latest[:3]
        text += f"最近{spoken_count(len(shown))}笔：" + "；".join(map(_payment, shown)) + "。"
    if standard:
        text += f"发放标准：{spoken_numbers_in(standard)}。"
    return text


def notices_text(notices: Sequence[tuple[str, str, date]]) -> str:
    """The notices screen: how many, then kind and title of the first few.

    ``notices`` are ``(kind, title, published_on)``, in screen order.
    """
    if not notices:
        return "现在没有通知公告。"
    ordinal = "第{}条"
    parts = [f"{ordinal.format(spoken_integer(i))}，{kind}，{spoken_numbers_in(title)}，"
             f"{spoken_date(published)}发布" for i, (kind, title, published)
             in enumerate(notices[:_MAX_LISTED], start=1)]
    text = f"现在有{spoken_count(len(notices))}条通知公告。" + "。".join(parts) + "。"
    if len(notices) > _MAX_LISTED:
        text += "其余的请看屏幕。"
    return text + "点一下标题可以看全文。"


def complaint_filed_text(ticket_no: str) -> str:
    """After a complaint is filed: its ticket number, digit by digit, and what happens next."""
    return (f"您的投诉已经提交，编号是{spoken_digits(ticket_no)}。"
            "请记下编号或打印凭条。有了答复，再刷身份证就能听到。")


def my_complaints_text(complaints: Sequence[ComplaintStatus],
                       reasons: Mapping[str, str]) -> str:
    """The "my complaints" screen: each one's date, reason (``reasons``: code → words)
    and whether it has been answered, with the answer."""
    if not complaints:
        return "您还没有投诉记录。"
    parts = []
    for i, c in enumerate(complaints[:_MAX_LISTED], start=1):
        from kiosk.timefmt import to_local  # zoneinfo only

        when = spoken_date(to_local(c.created_at).date())
        what = reasons.get(c.category, "其他问题")
        state = (f"已经答复：{spoken_numbers_in(c.reply_text)}" if c.reply_text
                 else "正在办理，还没有答复")
        parts.append(f"第{spoken_integer(i)}条，{when}提交，{what}，{state}")
    return f"您有{spoken_count(len(complaints))}条投诉。" + "。".join(parts) + "。"


def print_text(problem: str | None = None) -> str:
    """The receipt screen: printed, or what went wrong (``problem``, wording of ui/)."""
    return FIXED_PROMPTS["printed"] if problem is None else error_text(problem)


def error_text(message: str) -> str:
    """An error screen's message (already plain Chinese) with its numbers in words."""
    return spoken_numbers_in(message)


#: A ledger entry's kind as said.
_KINDS = {"income": "收入", "expense": "支出"}


def _totals(t: Totals) -> str:
    return (f"收入{spoken_amount(t.income_fen)}，支出{spoken_amount(t.expense_fen)}，"
            f"结余{spoken_amount(t.balance_fen)}")


def ledger_months_text(year: Totals | None) -> str:
    """村级财务's months page: the year's totals (None: nothing published)."""
    if year is None:
        return "村里的财务还没有公开到这台机器上。"
    label = spoken_year(int(year.label)) if year.label.isdigit() else year.label
    return f"村级财务。{label}，{_totals(year)}。点一个月份，听这个月的每一笔。"


def ledger_month_text(ledger: Ledger) -> str:
    """A month's entries: its totals, then the first few."""
    year, _, month = ledger.month.partition("-")
    head = (f"{spoken_year(int(year))}{spoken_integer(int(month))}月"
            if year.isdigit() and month.isdigit() else spoken_numbers_in(ledger.month))
    text = f"{head}，{_totals(ledger.month_totals)}，一共{spoken_count(len(ledger.entries))}笔。"
    for e in ledger.entries[:_MAX_LISTED]:
        text += (f"{spoken_date(e.entry_date)}，{spoken_numbers_in(e.summary)}，"
                 f"{_KINDS.get(e.kind, e.kind)}{spoken_amount(e.amount_fen)}。")
    return text + ("其余的请看屏幕。" if len(ledger.entries) > _MAX_LISTED else "")


def voucher_text(voucher: str, summary: str) -> str:
    """An entry's voucher on show."""
    return f"凭证{spoken_numbers_in(voucher)}：{spoken_numbers_in(summary)}。"
