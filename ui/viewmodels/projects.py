"""The village projects screen (村级工程, issue 17): the projects, a project's timeline, a
stage's document.

Three pages inside one screen, each with one thing to do: the projects (each
with its budget and the stage it has reached) → one project's stages as a
timeline (stage, date, amount, who; a stage with a document opens it) → the
document image filling the screen. ``back()`` steps out one page; on the list the
app's own back applies (to the 村务公开 hub). Usable without an ID card, like the
notices: nothing personal here. "这一笔有问题" on a stage starts an anonymous
complaint carrying the project and the stage it concerns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.complaints import Concerns
from kiosk.ledger import voucher_path
from kiosk.money import format_yuan
from kiosk.projects import ProjectView, StageView, read_projects
from kiosk.speech.numbers import spoken_amount
from ui.tr import QT_TR_NOOP, day_text, tr
from ui.viewmodels.base import ViewModel, readonly, uncreatable
from ui.viewmodels.complaint import ComplaintModel
from ui.viewmodels.screens import Screen

if TYPE_CHECKING:
    from ui.services import KioskServices

__all__ = ["STAGE_LABELS", "ProjectsModel"]

QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

ProjectsSource = Callable[[], list[ProjectView]]
DocumentSource = Callable[[str], Path | None]

#: A stage's name as shown (kiosk.projects.STAGE_LABELS_ZH, through :func:`ui.tr.tr`).
STAGE_LABELS = {"approval": QT_TR_NOOP("立项批复"), "budget": QT_TR_NOOP("预算"),
                "bidding": QT_TR_NOOP("招标结果"), "contract": QT_TR_NOOP("施工合同"),
                "progress": QT_TR_NOOP("施工进度"), "acceptance": QT_TR_NOOP("竣工验收"),
                "final": QT_TR_NOOP("竣工决算")}
_BUDGET, _FINAL = QT_TR_NOOP("预算 {amount}"), QT_TR_NOOP("决算 {amount}")
_NOW_AT = QT_TR_NOOP("现在：{stage}")
_DOCUMENT = QT_TR_NOOP("文件")

_BLANK: dict[str, Any] = {"page": "list", "projects": [], "projectTitle": "",
                          "projectSummary": "", "stages": [], "documentSource": "",
                          "documentTitle": "", "empty": True, "error": False}


def stage_label(stage: StageView) -> str:
    """A stage's name in the villager's language (its code for a stage unknown here)."""
    return tr(STAGE_LABELS[stage.stage]) if stage.stage in STAGE_LABELS else stage.label


def _summary(project: ProjectView) -> str:
    parts = [tr(text).format(amount=format_yuan(fen)) for text, fen in (
        (_BUDGET, project.amount_of("budget")), (_FINAL, project.amount_of("final"))) if fen]
    return "　".join(parts)


@QmlElement
@uncreatable
class ProjectsModel(ViewModel):
    """State of the 村级工程 screen; ``page`` is ``list`` | ``timeline`` | ``document``."""

    changed = Signal()

    page = readonly(str, "page", changed)
    projects = readonly("QVariantList", "projects", changed)
    projectTitle = readonly(str, "projectTitle", changed)
    projectSummary = readonly(str, "projectSummary", changed)
    stages = readonly("QVariantList", "stages", changed)
    documentSource = readonly(str, "documentSource", changed)
    documentTitle = readonly(str, "documentTitle", changed)
    empty = readonly(bool, "empty", changed)
    error = readonly(bool, "error", changed)

    def __init__(self, source: ProjectsSource, document: DocumentSource,
                 go: Callable[[Screen], None], complaint: ComplaintModel,
                 parent: QObject | None = None) -> None:
        """``source()`` reads the projects; ``document(sha)`` the checked image's path;
        ``go(screen)`` shows a screen; ``complaint`` is the complaint flow's model."""
        super().__init__(parent, **_BLANK)
        self._source, self._document, self._go = source, document, go
        self._complaint = complaint
        self._projects: list[ProjectView] = []
        self._project: ProjectView | None = None

    @property
    def project_list(self) -> list[ProjectView]:
        """The projects on the list."""
        return self._projects

    @property
    def project(self) -> ProjectView | None:
        """The project whose timeline (or document) is on show."""
        return self._project

    @classmethod
    def of(cls, services: KioskServices, go: Callable[[Screen], None],
           complaint: ComplaintModel, parent: QObject | None = None) -> ProjectsModel:
        """The model reading the terminal's store (``services.engine``; none: reads fail)."""
        def source() -> list[ProjectView]:
            if services.engine is None:
                raise RuntimeError("no store")
            return read_projects(services.engine)

        db_path = services.config.store.path
        return cls(source, lambda sha: voucher_path(db_path, sha), go, complaint, parent)

    @Slot()
    def open(self) -> None:
        """Show the projects (the 村级工程 section of the 村务公开 hub)."""
        self.refresh()
        self._go(Screen.PROJECTS)

    @Slot()
    def refresh(self) -> None:
        """Re-read the projects; back to the list."""
        try:
            projects = self._source()
        except Exception:
            log.exception("reading the village projects failed")
            self._projects, self._project = [], None
            self._update(**{**_BLANK, "error": True})
            self.failed.emit("projects could not be read")
            return
        self._projects, self._project = projects, None
        rows = [{"title": p.name,
                 "hint": "　".join(t for t in (_summary(p), tr(_NOW_AT).format(
                     stage=stage_label(p.latest)) if p.latest else "") if t)}
                for p in projects]
        self._update(**{**_BLANK, "projects": rows, "empty": not rows})

    @Slot(int)
    def openProject(self, index: int) -> None:
        """Show the timeline of ``projects[index]``."""
        if not 0 <= index < len(self._projects):
            return
        project = self._projects[index]
        self._project = project
        last = len(project.stages) - 1
        rows = [{"label": stage_label(s), "dateText": day_text(s.day),
                 "amount": format_yuan(s.amount_fen) if s.amount_fen else "",
                 "who": s.who, "note": s.note, "latest": i == last,
                 "hasImage": self._document(s.image_sha256) is not None}
                for i, s in enumerate(project.stages)]
        self._update(page="timeline", projectTitle=project.name,
                     projectSummary=_summary(project), stages=rows, documentSource="",
                     documentTitle="")

    @Slot(int)
    def openDocument(self, index: int) -> None:
        """Show the document image of ``stages[index]`` full-screen (if it has one)."""
        project = self._project
        if project is None or not 0 <= index < len(project.stages):
            return
        stage = project.stages[index]
        path = self._document(stage.image_sha256)
        if path is None:
            return
        self._update(page="document", documentSource=QUrl.fromLocalFile(str(path)).toString(),
                     documentTitle=f"{stage_label(stage)} · {day_text(stage.day)} · "
                                   f"{tr(_DOCUMENT)}")

    @Slot(int)
    def complain(self, index: int) -> None:
        """这一笔有问题: the complaint flow about ``stages[index]`` of the project on show
        (no card needed; anonymous then, as any complaint without a card)."""
        project = self._project
        if project is None or not 0 <= index < len(project.stages):
            return
        stage = project.stages[index]
        words = " ".join(w for w in (project.name, stage_label(stage), day_text(stage.day),
                                     format_yuan(stage.amount_fen) if stage.amount_fen else "")
                         if w)
        key = f"{project.id}/{stage.stage}/{stage.day.isoformat()}"
        self._complaint.start(None, holder_hash=None, holder_name=None,
                              concerns=(Concerns("village_project", key), words))
        self._go(Screen.COMPLAINT)

    @Slot(result=bool)
    def back(self) -> bool:
        """One page back; False on the list (the app's back applies then)."""
        page = self._state["page"]
        if page == "document":
            self._update(page="timeline", documentSource="", documentTitle="")
            return True
        if page == "timeline":
            self._project = None
            self._update(page="list", stages=[], projectTitle="", projectSummary="")
            return True
        return False

    def clear(self) -> None:
        """Back to the list with nothing loaded (on going home)."""
        self._projects, self._project = [], None
        self._update(**_BLANK)

    def spoken(self) -> str:
        """What the page on show says aloud (Mandarin, numbers in words)."""
        page, project = self._state["page"], self._project
        if page == "list":
            if not self._projects:
                return "村里的工程还没有公开到这台机器上。"
            return "村级工程：" + "，".join(p.name for p in self._projects) + "。点一个看每一步。"
        if project is None:
            return ""
        if page == "document":
            return f"{project.name}的文件。"
        steps = "；".join(
            f"{s.label}，{s.day.year}年{s.day.month}月{s.day.day}日"
            + (f"，{spoken_amount(s.amount_fen)}" if s.amount_fen else "")
            + (f"，{s.who}" if s.who else "") for s in project.stages)
        return f"{project.name}。{steps}。"
