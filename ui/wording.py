"""Everything the kiosk says to villagers, in plain Chinese, in one place.

Drivers and the core report states and stable codes; this module turns them
into short sentences that say what happened and what to do. The villagers'
texts are Chinese source texts marked with ``QT_TR_NOOP`` (an identity function):
screens show them through ``ui.tr.tr`` (see docs/i18n.md); the speech texts use
the Chinese as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from drivers.idcard.reader import ReaderState
from drivers.printer.status import PrinterState
from kiosk.complaints import Reason
from kiosk.timefmt import format_local
from kiosk.update_state import Attempt
from kiosk.update_wait import Waiting
from ui.tr import QT_TR_NOOP, tr

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
    "update_waiting_text",
]

CARD_READ_FAILED = QT_TR_NOOP("没有读到身份证。请把身份证平放在读卡区，不要移动，再试一次。")
CARD_NOT_SUPPORTED = QT_TR_NOOP("这种证件暂时不能查询。请使用第二代居民身份证，或请工作人员帮助。")
READER_UNAVAILABLE = QT_TR_NOOP("读卡器暂时不能使用，请告诉村里的工作人员。")
#: The reader stopped answering while a card lay on it (idcard.timeout).
READER_TIMEOUT = QT_TR_NOOP("读卡器没有反应，请把身份证拿起来重新放一下。")
SERVICE_UNAVAILABLE = QT_TR_NOOP("查询服务暂时不能使用，请告诉村里的工作人员。")

READER_STATE_ZH: dict[ReaderState, str] = {
    ReaderState.STOPPED: QT_TR_NOOP("读卡器未启动"),
    ReaderState.CONNECTING: QT_TR_NOOP("正在连接读卡器"),
    ReaderState.READY: QT_TR_NOOP("读卡器正常"),
    ReaderState.CARD_PRESENT: QT_TR_NOOP("读卡器正常（有卡）"),
    ReaderState.READING: QT_TR_NOOP("正在读卡"),
    ReaderState.NOT_RESPONDING: QT_TR_NOOP("读卡器没有响应"),
    ReaderState.DISCONNECTED: QT_TR_NOOP("读卡器已断开，正在重新连接"),
    ReaderState.UNAVAILABLE: QT_TR_NOOP("找不到读卡器"),
    ReaderState.SAM_FAULT: QT_TR_NOOP("读卡器安全模块故障"),
}

PRINTER_STATE_ZH: dict[PrinterState, str] = {
    PrinterState.READY: QT_TR_NOOP("打印机正常"),
    PrinterState.PAPER_NEAR_END: QT_TR_NOOP("打印纸快用完了"),
    PrinterState.PAPER_OUT: QT_TR_NOOP("打印机没有纸了"),
    PrinterState.COVER_OPEN: QT_TR_NOOP("打印机盖子没有关好"),
    PrinterState.OFFLINE: QT_TR_NOOP("打印机离线"),
    PrinterState.UNKNOWN: QT_TR_NOOP("打印机没有响应"),
    PrinterState.DISCONNECTED: QT_TR_NOOP("打印机没有连接"),
    PrinterState.UNMONITORED: QT_TR_NOOP("打印机状态无法查询"),
}

#: The printer's states as a villager reads them (the clerk's table above stays Chinese).
_PRINTER_PROBLEM: dict[PrinterState, str] = {
    PrinterState.READY: QT_TR_NOOP("打印机正常"),
    PrinterState.PAPER_NEAR_END: QT_TR_NOOP("打印纸快用完了"),
    PrinterState.PAPER_OUT: QT_TR_NOOP("打印机没有纸了"),
    PrinterState.COVER_OPEN: QT_TR_NOOP("打印机盖子没有关好"),
    PrinterState.OFFLINE: QT_TR_NOOP("打印机离线"),
    PrinterState.UNKNOWN: QT_TR_NOOP("打印机没有响应"),
    PrinterState.DISCONNECTED: QT_TR_NOOP("打印机没有连接"),
    PrinterState.UNMONITORED: QT_TR_NOOP("打印机状态无法查询"),
}

REASON_LABELS_ZH: dict[Reason, str] = {
    Reason.NOT_RECEIVED: QT_TR_NOOP("钱没有收到"),
    Reason.WRONG_AMOUNT: QT_TR_NOOP("金额不对"),
    Reason.IMPERSONATED: QT_TR_NOOP("被别人冒领"),
    Reason.NOT_MINE: QT_TR_NOOP("不该有我的名字"),
    Reason.CONDUCT: QT_TR_NOOP("办事作风问题"),
    Reason.OTHER: QT_TR_NOOP("其他问题"),
}


def printer_problem(state: PrinterState | None, *,
                    translate: Callable[[str], str] = tr) -> str:
    """What to tell a villager whose receipt could not be printed (``translate=str``:
    in Chinese, for the read-aloud)."""
    what = (translate(_PRINTER_PROBLEM.get(state, QT_TR_NOOP("打印机出了问题"))) if state
            else translate(QT_TR_NOOP("这台机器没有接打印机")))
    return translate(QT_TR_NOOP("{what}，不能打印。请用手机扫描下面的二维码保存凭条，"
                                "或请工作人员帮助。")).format(what=what)


def rejected_complaints_text(count: int, tickets: tuple[str, ...]) -> str:
    """For the clerk: the complaints the county refused (``tickets``: the newest few)."""
    if count == 0:
        return tr("没有")
    more = tr("等") if count > len(tickets) else ""
    return tr("{count} 条：{tickets}{more}，请把编号报给县里").format(
        count=count, tickets=tr("、").join(tickets), more=more)


#: What the clerk reads for a sync error code whose English message says nothing to them.
SYNC_ERROR_ZH = {
    "complaint.rate_limited": QT_TR_NOOP("县里暂时不再接收本机的新投诉（短时间内太多）。"
                                         "投诉都保存在本机，稍后会自动再发，不会丢失；"
                                         "如一直如此，请告诉县里。"),
}


def sync_error_text(code: str | None, message: str) -> str:
    """For the clerk: the last sync error, in Chinese where the code has wording."""
    return tr(SYNC_ERROR_ZH.get(code or "", message))


def update_attempt_text(attempt: Attempt | None) -> str:
    """For the clerk: how the last software update went (``kiosk update status``)."""
    if attempt is None:
        return tr("没有更新记录")
    try:
        when = format_local(datetime.fromisoformat(attempt.finished_at))
    except ValueError:
        when = attempt.finished_at[:40]
    version, code = attempt.version[:40], attempt.code[:60]
    outcome = attempt.outcome
    if outcome == "installed":
        return tr("{version} 已装好（{when}）").format(version=version, when=when)
    if outcome == "refused":
        return tr("{version} 没有通过校验，没有安装（{code}）").format(version=version, code=code)
    if outcome == "reverted":
        back = f" {attempt.from_version[:40]}" if attempt.from_version else tr("原版本")
        return tr("{version} 没装成，已退回{back}（{code}）").format(version=version, back=back,
                                                               code=code)
    return tr("{version} 没装成，仍用原版本（{code}）").format(version=version, code=code)


def update_waiting_text(waiting: Waiting | None, window: str) -> str:
    """For the clerk: a release waiting to be installed, and what for (empty: none)."""
    if waiting is None:
        return ""
    version = waiting.version[:40]
    if waiting.reason == "outside_window" and window:
        return tr("{version} 等到 {window} 再安装").format(version=version, window=window)
    return tr("{version} 等没人使用时再安装").format(version=version)
