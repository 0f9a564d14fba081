"""The "my complaints" screen: status and the county's reply, for real-name complaints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtQml import QmlElement

from kiosk.complaints import ComplaintStatus, Reason
from kiosk.timefmt import format_local
from ui.viewmodels.base import ViewModel, readonly, uncreatable
from ui.wording import REASON_LABELS_ZH

__all__ = ["MyComplaintsModel"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

ComplaintSource = Callable[[str], list[ComplaintStatus]]

_DELIVERY_ZH = {
    "pending": "已登记，等待网络送到县纪委",
    "sent": "已送到县纪委，正在办理",
    "rejected": "没有送达，请工作人员处理",
}


def _reason(code: str) -> str:
    try:
        return REASON_LABELS_ZH[Reason(code)]
    except ValueError:
        return code


@QmlElement
@uncreatable
class MyComplaintsModel(ViewModel):
    """Complaints filed with this card and their replies."""

    changed = Signal()

    complaints = readonly("QVariantList", "complaints", changed)
    replies = readonly(int, "replies", changed)

    def __init__(self, source: ComplaintSource, parent: QObject | None = None) -> None:
        super().__init__(parent, complaints=[], replies=0)
        self._source = source
        self._rows: list[ComplaintStatus] = []

    @property
    def statuses(self) -> list[ComplaintStatus]:
        """The complaints on show (for the read-aloud)."""
        return list(self._rows)

    def load(self, holder_hash: str) -> None:
        """Read the holder's complaints. GUI thread; errors leave the list empty."""
        try:
            rows = self._source(holder_hash)
        except Exception:
            self.failed.emit("complaints could not be read")
            rows = []
        items: list[dict[str, Any]] = [
            {
                "ticketNo": c.ticket_no,
                "reason": _reason(c.category),
                "filedText": f"提交于 {format_local(c.created_at)}",
                "statusText": "县纪委已回复" if c.reply_text else _DELIVERY_ZH.get(
                    c.delivery, c.delivery),
                "replied": bool(c.reply_text),
                "replyText": c.reply_text or "",
                "replyDate": format_local(c.reply_at) if c.reply_at else "",
            }
            for c in rows
        ]
        self._rows = list(rows)
        self._update(complaints=items, replies=sum(1 for c in rows if c.reply_text))

    def clear(self) -> None:
        """Forget the holder's complaints."""
        self._rows = []
        self._update(complaints=[], replies=0)
