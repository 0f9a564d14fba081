"""Everything the kiosk says to villagers, in plain Chinese, in one place.

Drivers and the core report states and stable codes; this module turns them
into short sentences that say what happened and what to do. Kept free of Qt
so that it can be tested and translated on its own.
"""

from __future__ import annotations

from datetime import datetime

from drivers.idcard.reader import ReaderState
from drivers.printer.status import PrinterState
from kiosk.complaints import Reason
from kiosk.timefmt import format_local
from kiosk.update_state import Attempt

__all__ = [
    "CARD_NOT_SUPPORTED",
    "CARD_READ_FAILED",
    "PRINTER_STATE_ZH",
    "READER_STATE_ZH",
    "READER_TIMEOUT",
    "READER_UNAVAILABLE",
    "REASON_LABELS_ZH",
    "SERVICE_UNAVAILABLE",
    "printer_problem",
    "rejected_complaints_text",
    "update_attempt_text",
]

CARD_READ_FAILED = "没有读到身份证。请把身份证平放在读卡区，不要移动，再试一次。"
CARD_NOT_SUPPORTED = "这种证件暂时不能查询。请使用第二代居民身份证，或请工作人员帮助。"
READER_UNAVAILABLE = "读卡器暂时不能使用，请告诉村里的工作人员。"
#: The reader stopped answering while a card lay on it (idcard.timeout).
READER_TIMEOUT = "读卡器没有反应，请把身份证拿起来重新放一下。"
SERVICE_UNAVAILABLE = "查询服务暂时不能使用，请告诉村里的工作人员。"

READER_STATE_ZH: dict[ReaderState, str] = {
    ReaderState.STOPPED: "读卡器未启动",
    ReaderState.CONNECTING: "正在连接读卡器",
    ReaderState.READY: "读卡器正常",
    ReaderState.CARD_PRESENT: "读卡器正常（有卡）",
    ReaderState.READING: "正在读卡",
    ReaderState.NOT_RESPONDING: "读卡器没有响应",
    ReaderState.DISCONNECTED: "读卡器已断开，正在重新连接",
    ReaderState.UNAVAILABLE: "找不到读卡器",
    ReaderState.SAM_FAULT: "读卡器安全模块故障",
}

PRINTER_STATE_ZH: dict[PrinterState, str] = {
    PrinterState.READY: "打印机正常",
    PrinterState.PAPER_NEAR_END: "打印纸快用完了",
    PrinterState.PAPER_OUT: "打印机没有纸了",
    PrinterState.COVER_OPEN: "打印机盖子没有关好",
    PrinterState.OFFLINE: "打印机离线",
    PrinterState.UNKNOWN: "打印机没有响应",
    PrinterState.DISCONNECTED: "打印机没有连接",
    PrinterState.UNMONITORED: "打印机状态无法查询",
}

REASON_LABELS_ZH: dict[Reason, str] = {
    Reason.NOT_RECEIVED: "钱没有收到",
    Reason.WRONG_AMOUNT: "金额不对",
    Reason.IMPERSONATED: "被别人冒领",
    Reason.NOT_MINE: "不该有我的名字",
    Reason.CONDUCT: "办事作风问题",
    Reason.OTHER: "其他问题",
}


def printer_problem(state: PrinterState | None) -> str:
    """What to tell a villager whose receipt could not be printed."""
    what = PRINTER_STATE_ZH.get(state, "打印机出了问题") if state else "这台机器没有接打印机"
    return f"{what}，不能打印。请用手机扫描下面的二维码保存凭条，或请工作人员帮助。"


def rejected_complaints_text(count: int, tickets: tuple[str, ...]) -> str:
    """For the clerk: the complaints the county refused (``tickets``: the newest few)."""
    if count == 0:
        return "没有"
    more = "等" if count > len(tickets) else ""
    return f"{count} 条：{'、'.join(tickets)}{more}，请把编号报给县里"


#: What the clerk reads for a sync error code whose English message says nothing to them.
SYNC_ERROR_ZH = {
    "complaint.rate_limited": "县里暂时不再接收本机的新投诉（短时间内太多）。投诉都保存在本机，"
                              "稍后会自动再发，不会丢失；如一直如此，请告诉县里。",
}


def sync_error_text(code: str | None, message: str) -> str:
    """For the clerk: the last sync error, in Chinese where the code has wording."""
    return SYNC_ERROR_ZH.get(code or "", message)


def update_attempt_text(attempt: Attempt | None) -> str:
    """For the clerk: how the last software update went (``kiosk update status``)."""
    if attempt is None:
        return "没有更新记录"
    try:
        when = format_local(datetime.fromisoformat(attempt.finished_at))
    except ValueError:
        when = attempt.finished_at[:40]
    version, code = attempt.version[:40], attempt.code[:60]
    outcome = attempt.outcome
    if outcome == "installed":
        return f"{version} 已装好（{when}）"
    if outcome == "refused":
        return f"{version} 没有通过校验，没有安装（{code}）"
    if outcome == "reverted":
        back = f" {attempt.from_version[:40]}" if attempt.from_version else "原版本"
        return f"{version} 没装成，已退回{back}（{code}）"
    return f"{version} 没装成，仍用原版本（{code}）"
