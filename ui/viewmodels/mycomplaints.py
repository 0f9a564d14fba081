"""The "my complaints" screen: each real-name complaint's progress as steps (受理 → 办理 →
答复 → 办结) with dates, the county's reply, and the villager's 满意 / 不满意 on it."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.complaints import FEEDBACK_REASONS, ComplaintError, ComplaintStatus, Reason
from kiosk.timefmt import format_local
from ui.tr import QT_TR_NOOP, tr
from ui.viewmodels.base import ViewModel, readonly, uncreatable
from ui.wording import REASON_LABELS_ZH

__all__ = ["LEVEL_ZH", "MyComplaintsModel", "status_text", "steps_of"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1



class ComplaintServices(Protocol):
    """What the screen needs of the kiosk's services (ui.services.KioskServices)."""

    def complaints_for(self, holder_hash: str) -> list[ComplaintStatus]:
        """The holder's real-name complaints, newest first."""

    def give_feedback(self, holder_hash: str, ticket_no: str, satisfied: bool,
                      reason: str | None) -> None:
        """满意 / 不满意 into the outbox; raises ComplaintError."""

_DELIVERY_ZH = {
    "pending": QT_TR_NOOP("已登记，等待网络送到县纪委"),
    "sent": QT_TR_NOOP("已送到县纪委，正在办理"),
    "rejected": QT_TR_NOOP("没有送达，请工作人员处理"),
}
_STATUS_ZH = {"new": QT_TR_NOOP("已受理，等待分派"), "assigned": QT_TR_NOOP("正在办理"),
              "in_progress": QT_TR_NOOP("正在办理"), "replied": QT_TR_NOOP("已答复，请您评价"),
              "closed": QT_TR_NOOP("已办结"), "reopened": QT_TR_NOOP("重新办理中")}
LEVEL_ZH = {"township": QT_TR_NOOP("乡镇办理"), "county": QT_TR_NOOP("县纪委办理")}
_WHY_ZH = {"no_answer": QT_TR_NOOP("没有解决问题"), "wrong_facts": QT_TR_NOOP("答复与事实不符"),
           "too_slow": QT_TR_NOOP("办理太慢"), "attitude": QT_TR_NOOP("态度不好"),
           "other": QT_TR_NOOP("其他原因")}
_STEPS = (QT_TR_NOOP("受理"), QT_TR_NOOP("办理"), QT_TR_NOOP("答复"), QT_TR_NOOP("办结"))


def _reason(code: str) -> str:
    try:
        return tr(REASON_LABELS_ZH[Reason(code)])
    except ValueError:
        return code


def _day(moment: datetime | None) -> str:
    return format_local(moment)[:10] if moment else ""


def steps_of(c: ComplaintStatus) -> list[dict[str, Any]]:
    """The four steps the villager sees, each done or not, with its date."""
    if c.status is None:  # no progress from the county yet: what the terminal knows itself
        dates: list[datetime | None] = [c.accepted_at, None, c.reply_at, None]
        replied = c.reply_text is not None  # a county that sends no progress yet
        done = [c.delivery == "sent", replied, replied, False]
    else:
        dates = [c.accepted_at, c.handled_at, c.replied_at, c.closed_at]
        done = [True, c.handled_at is not None, c.replied_at is not None,
                c.closed_at is not None]
    return [{"label": tr(label), "done": d, "date": _day(at)}
            for label, d, at in zip(_STEPS, done, dates, strict=True)]


def _status_text(c: ComplaintStatus) -> str:
    if c.status is None:
        return tr("县纪委已回复") if c.reply_text else tr(_DELIVERY_ZH.get(c.delivery, c.delivery))
    if c.feedback is not None:  # said here, not yet answered by the county's next step
        return tr("您已评价：满意") if c.feedback else tr("您已评价：不满意，将转到上一级重新办理")
    return status_text(_STATUS_ZH, c.status, c.level)


def status_text(table: dict[str, str], status: str, level: str | None) -> str:
    """A complaint's state in words, with who handles it: ``正在办理（乡镇办理）``."""
    text = tr(table.get(status, status))
    if level not in LEVEL_ZH:
        return text
    return tr("{status}（{level}）").format(status=text, level=tr(LEVEL_ZH[level]))


@QmlElement
@uncreatable
class MyComplaintsModel(ViewModel):
    """Complaints filed with this card, their progress and replies, and feedback on them."""

    changed = Signal()

    complaints = readonly("QVariantList", "complaints", changed)
    replies = readonly(int, "replies", changed)
    askingWhy = readonly(str, "askingWhy", changed)
    """The ticket whose 不满意 waits for its reason ("" when not asking)."""
    whyChoices = readonly("QVariantList", "whyChoices", changed)
    thanks = readonly(str, "thanks", changed)

    def __init__(self, services: ComplaintServices, parent: QObject | None = None) -> None:
        super().__init__(parent, complaints=[], replies=0, askingWhy="", thanks="",
                         whyChoices=[])
        self._services = services
        self._holder: str | None = None
        self._rows: list[ComplaintStatus] = []

    @property
    def statuses(self) -> list[ComplaintStatus]:
        """The complaints on show (for the read-aloud)."""
        return list(self._rows)

    def load(self, holder_hash: str) -> None:
        """Read the holder's complaints. GUI thread; errors leave the list empty."""
        self._holder = holder_hash
        try:
            rows = self._services.complaints_for(holder_hash)
        except Exception:
            self.failed.emit("complaints could not be read")
            rows = []
        items: list[dict[str, Any]] = [
            {
                "ticketNo": c.ticket_no,
                "reason": _reason(c.category),
                "filedText": tr("提交于 {time}").format(time=format_local(c.created_at)),
                "statusText": _status_text(c),
                "replied": bool(c.reply_text),
                "replyText": c.reply_text or "",
                "replyDate": format_local(c.reply_at) if c.reply_at else "",
                "steps": steps_of(c),
                "canFeedback": c.can_feedback,
            }
            for c in rows
        ]
        self._rows = list(rows)
        self._update(complaints=items, replies=sum(1 for c in rows if c.reply_text),
                     whyChoices=[{"code": c, "label": tr(_WHY_ZH[c])} for c in FEEDBACK_REASONS])

    def _give(self, ticket: str, satisfied: bool, reason: str | None) -> None:
        if self._holder is None:
            return
        try:
            self._services.give_feedback(self._holder, ticket, satisfied, reason)
        except ComplaintError as exc:
            self.failed.emit(f"feedback refused: {exc.code}")
        except Exception:
            self.failed.emit("feedback could not be saved")
        else:
            self._update(thanks=tr("谢谢您的评价。") + ("" if satisfied else
                                                       tr("您的投诉将转到上一级重新办理。")))
        self._update(askingWhy="")
        self.load(self._holder)

    @Slot(str)
    def satisfied(self, ticket: str) -> None:
        """The villager taps 满意 on the reply of ``ticket``."""
        self._give(ticket, True, None)

    @Slot(str)
    def notSatisfied(self, ticket: str) -> None:
        """The villager taps 不满意: ask why first (a short pick-list)."""
        self._update(askingWhy=ticket, thanks="")

    @Slot(str)
    def because(self, reason: str) -> None:
        """The reason picked for 不满意: it goes into the outbox now."""
        if self._get("askingWhy") and reason in FEEDBACK_REASONS:
            self._give(self._get("askingWhy"), False, reason)

    @Slot()
    def cancelWhy(self) -> None:
        """Back from the pick-list without saying anything."""
        self._update(askingWhy="")

    def clear(self) -> None:
        """Forget the holder's complaints."""
        self._holder = None
        self._rows = []
        self._update(complaints=[], replies=0, askingWhy="", thanks="")
