"""查询投诉: follow a complaint (anonymous ones too) with its ticket number and query code,
without an ID card, at any terminal of the county.

The villager types the ticket (letters and digits; this terminal's code is filled
in, so a ticket of this terminal needs only its number) and the 6-digit code on
the on-screen keypads; the county is asked on a background :class:`ui.ops.Op`;
the screen shows the progress steps (the 我的投诉 steps, ui.viewmodels.mycomplaints)
and the reply, or says in Chinese why not. The code is never logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance, Slot
from PySide6.QtQml import QmlElement

from kiosk.complaints import ComplaintStatus
from kiosk.config import Config
from kiosk.timefmt import format_local
from sync.protocol import LookupAnswer
from ui.complaint_lookup import LookupLocked, LookupNotEnrolled, LookupOffline, LookupWrong
from ui.ops import Op
from ui.tr import QT_TR_NOOP
from ui.viewmodels.base import ViewModel, readonly, readonly_tr, uncreatable
from ui.viewmodels.mycomplaints import LEVEL_ZH as _LEVEL_ZH
from ui.viewmodels.mycomplaints import status_text, steps_of
from ui.viewmodels.screens import Screen

__all__ = ["CODE_LENGTH", "QUERY_ERRORS", "ComplaintQueryModel"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

CODE_LENGTH = 6
_TICKET_MAX = 32
_TICKET = re.compile(r"([A-Z0-9]{1,16})-([0-9]{1,12})")
_LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + ["-"]

#: What the screen says when the county found nothing, by the error's code.
QUERY_ERRORS = {
    LookupWrong.code: QT_TR_NOOP("编号或查询码不对，没有查到这件投诉。请对照回执上的“投诉受理号”和"
                       "“查询码”再输一次。"),
    LookupLocked.code: QT_TR_NOOP("这件投诉的查询码输错次数太多，已暂时锁定。请一小时后再试，"
                        "或请工作人员帮助。"),
    LookupOffline.code: QT_TR_NOOP("现在连不上县里，请稍后再试。"),
    LookupNotEnrolled.code: QT_TR_NOOP("本机现在不能查询投诉，请工作人员处理。"),
}
_BAD_TICKET = QT_TR_NOOP("编号不对。编号在回执“投诉受理号”后面，像 QS01-000001。")
_SHORT_CODE = QT_TR_NOOP("查询码是6位数字，请输完整。")
_FAILED = QT_TR_NOOP("没有查到，请稍后再试，或请工作人员帮助。")
_STATUS_ZH = {"new": QT_TR_NOOP("已受理，等待分派"), "assigned": QT_TR_NOOP("正在办理"),
              "in_progress": QT_TR_NOOP("正在办理"), "replied": QT_TR_NOOP("已答复"),
              "closed": QT_TR_NOOP("已办结"), "reopened": QT_TR_NOOP("重新办理中")}



class LookupServices(Protocol):
    """What the screen needs of the kiosk's services (ui.services.KioskServices)."""

    config: Config
    """The terminal's config: its code is filled in as the start of a ticket."""

    def lookup_complaint(self, ticket_no: str, query_code: str) -> LookupAnswer:
        """Ask the county (blocks; raises ui.complaint_lookup errors)."""


def _status(answer: LookupAnswer) -> ComplaintStatus:
    """The answer in the shape the 我的投诉 steps are drawn from."""
    return ComplaintStatus(answer.ticket_no, "", None, "", answer.accepted_at, "sent",
                           answer.reply_text, answer.replied_at, answer.status, answer.level,
                           answer.accepted_at, answer.handled_at, answer.replied_at,
                           answer.closed_at)


_BLANK: dict[str, Any] = dict(step="ticket", ticket="", code="", error="", statusText="",
                              steps=[], replyText="", replyDate="", spokenStatus="")
"""(``spokenStatus``: the state in Chinese for the read-aloud; not a QML property.)"""


@QmlElement
@uncreatable
class ComplaintQueryModel(ViewModel):
    """The 查询投诉 screen: ticket → code → (asking the county) → result."""

    changed = Signal()

    step = readonly(str, "step", changed)
    """``ticket``, ``code``, ``busy`` or ``result``."""
    ticket = readonly(str, "ticket", changed)
    code = readonly(str, "code", changed)
    error = readonly_tr("error", changed)
    statusText = readonly(str, "statusText", changed)
    steps = readonly("QVariantList", "steps", changed)
    replyText = readonly(str, "replyText", changed)
    replyDate = readonly(str, "replyDate", changed)
    letters = readonly("QVariantList", "letters", changed)

    def __init__(self, services: LookupServices, go: Callable[[Screen], None],
                 cleared: SignalInstance, parent: QObject | None = None) -> None:
        """``go`` shows a screen (the root view-model's); ``cleared`` fires when the
        session ends (idle timeout, 首页), and clears what was typed and shown."""
        super().__init__(parent, letters=_LETTERS, **_BLANK)
        self._services = services
        self._go = go
        code = services.config.terminal.code
        self._prefix = f"{code}-" if code else ""
        self._generation = 0
        cleared.connect(self.clear)

    @Slot()
    def open(self) -> None:
        """The 查询投诉 button of the welcome screen (no card needed)."""
        self.clear()
        self._update(ticket=self._prefix)
        self._go(Screen.COMPLAINT_QUERY)

    @Slot(str)
    def ticketKey(self, key: str) -> None:
        """A key of the ticket keypads: a digit, a letter, ``-``, ``back`` or ``ok``."""
        ticket = self._get("ticket")
        if key == "back":
            self._update(ticket=ticket[:-1], error="")
        elif key == "ok":
            self._ticket_done(ticket)
        elif len(key) == 1 and (key.isdigit() or key in _LETTERS) and len(ticket) < _TICKET_MAX:
            self._update(ticket=ticket + key, error="")

    def _ticket_done(self, ticket: str) -> None:
        if ticket.isdigit() and self._prefix:  # only the number: a ticket of this terminal
            ticket = self._prefix + ticket
        match = _TICKET.fullmatch(ticket)
        if match is None:
            self._update(error=_BAD_TICKET)
            return
        # Tickets carry six digits (QS01-000042); 42 typed is that ticket.
        ticket = f"{match[1]}-{int(match[2]):06d}"
        self._update(ticket=ticket, step="code", code="", error="")

    @Slot(str)
    def codeKey(self, key: str) -> None:
        """A key of the code keypad: a digit, ``back`` or ``ok`` (asks the county)."""
        code = self._get("code")
        if key == "back":
            self._update(code=code[:-1], error="")
        elif key == "ok":
            self._ask(code)
        elif key.isdigit() and len(key) == 1 and len(code) < CODE_LENGTH:
            self._update(code=code + key, error="")

    @Slot()
    def editTicket(self) -> None:
        """Back to the ticket (from the code or the result), keeping what was typed."""
        self._generation += 1  # an answer still on its way is not shown any more
        self._update(step="ticket", code="", error="", statusText="", steps=[],
                     replyText="", replyDate="")

    def _ask(self, code: str) -> None:
        if self._get("step") != "code":
            return
        if len(code) != CODE_LENGTH:
            self._update(error=_SHORT_CODE)
            return
        ticket = self._get("ticket")
        self._generation += 1
        generation = self._generation
        self._update(step="busy", error="")
        Op(lambda: self._services.lookup_complaint(ticket, code), name="complaint-lookup",
           owner=self) \
            .success(lambda answer: self._answered(generation, answer)) \
            .failure(lambda exc: self._refused(generation, exc)).run()

    def _answered(self, generation: int, answer: LookupAnswer) -> None:
        if generation != self._generation:
            return
        text = _STATUS_ZH.get(answer.status, answer.status)
        self._update(step="result", error="", code="",
                     spokenStatus=f"{text}（{_LEVEL_ZH.get(answer.level, answer.level)}）",
                     statusText=status_text(_STATUS_ZH, answer.status, answer.level),
                     steps=steps_of(_status(answer)), replyText=answer.reply_text or "",
                     replyDate=format_local(answer.replied_at) if answer.replied_at else "")

    def _refused(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        code = getattr(exc, "code", "")
        self._update(step="code", code="", error=QUERY_ERRORS.get(code, _FAILED))
        self.failed.emit(f"complaint lookup: {code or type(exc).__name__}")

    def spoken(self) -> str:
        """What the read-aloud says on this screen (the code typed is never read out)."""
        step, error = self._get("step"), self._get("error")
        if step == "result":
            reply = self._get("replyText")
            return (f"投诉受理号{self._get('ticket')}。{self._get('spokenStatus')}。"
                    + (f"答复：{reply}" if reply else "还没有答复。"))
        if step == "busy":
            return "正在向县里查询，请稍等。"
        if error:
            return str(error)
        if step == "code":
            return "请用数字键输入回执上的6位查询码，再按查询。"
        return "请输入回执上的投诉受理号，再按下一步。本机的编号只要输后面的数字。"

    def clear(self) -> None:
        """Forget the ticket, the code and the answer (idle timeout, leaving the screen)."""
        self._generation += 1
        self._update(**_BLANK)
