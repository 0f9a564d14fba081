"""The notices screen: tabs by kind, a list, one notice in large type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.notices import KINDS, NoticeView
from ui.tr import QT_TR_NOOP, day_text, tr
from ui.viewmodels.base import ViewModel, readonly, uncreatable

__all__ = ["NoticesModel"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

NoticeSource = Callable[[], list[NoticeView]]


def _day(d: date) -> str:
    return day_text(d)


#: The kinds' names on the tabs (kiosk.catalogue.NOTICE_KINDS, marked for translation).
_KIND_NAMES = (QT_TR_NOOP("政策"), QT_TR_NOOP("村务公开"), QT_TR_NOOP("村级财务"),
               QT_TR_NOOP("公示"))


def _kind(kind: str) -> str:
    return tr(kind) if kind in _KIND_NAMES else kind


@QmlElement
@uncreatable
class NoticesModel(ViewModel):
    """Notices in force, filtered by the selected kind; ``openIndex`` ≥ 0 shows one."""

    changed = Signal()

    kinds = readonly("QVariantList", "kinds", changed)
    kindIndex = readonly(int, "kindIndex", changed)
    notices = readonly("QVariantList", "notices", changed)
    openIndex = readonly(int, "openIndex", changed)
    title = readonly(str, "title", changed)
    body = readonly(str, "body", changed)
    dateText = readonly(str, "dateText", changed)
    ticker = readonly(str, "ticker", changed)

    def __init__(self, source: NoticeSource, parent: QObject | None = None) -> None:
        super().__init__(parent, kinds=[], kindIndex=0, notices=[],
                         openIndex=-1, title="", body="", dateText="", ticker="")
        self._source = source
        self._all: list[NoticeView] = []

    @Slot()
    def refresh(self) -> None:
        """Re-read the notices (on showing the screen and when data was synced)."""
        try:
            self._all = self._source()
        except Exception:
            self._all = []
            self.failed.emit("notices could not be read")
        titles = [n.title for n in self._all[:5]]
        self._update(ticker="　　".join(titles), kinds=[{"label": _kind(k)} for k in KINDS])
        self.selectKind(self._state["kindIndex"])

    def shown(self) -> list[NoticeView]:
        """The notices of the selected kind, in list order (for the read-aloud)."""
        kind = KINDS[self._state["kindIndex"]]
        return [n for n in self._all if n.kind == kind]

    @Slot(int)
    def selectKind(self, index: int) -> None:
        """Show the notices of ``KINDS[index]``."""
        if not 0 <= index < len(KINDS):
            return
        rows: list[dict[str, Any]] = [
            {"title": n.title, "dateText": _day(n.published_on), "id": n.id}
            for n in self._all if n.kind == KINDS[index]
        ]
        self._update(kindIndex=index, notices=rows, openIndex=-1)

    @Slot(int)
    def openNotice(self, index: int) -> None:
        """Show one notice of the current list in full."""
        rows = self._state["notices"]
        if not 0 <= index < len(rows):
            return
        notice = next(n for n in self._all if n.id == rows[index]["id"])
        until = (tr("，有效期至 {date}").format(date=_day(notice.expires_on))
                 if notice.expires_on else "")
        self._update(openIndex=index, title=notice.title, body=notice.body,
                     dateText=tr("{kind} · 发布于 {date}{until}").format(
                         kind=_kind(notice.kind), date=_day(notice.published_on), until=until))

    @Slot()
    def closeNotice(self) -> None:
        """Back to the list."""
        self._update(openIndex=-1)
