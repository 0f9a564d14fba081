"""The 村务公开 view-models, built together: the hub and the sections it opens on screens
of their own (村级财务, 村级工程). The root view-model (app.py) holds them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.viewmodels.complaint import ComplaintModel
from ui.viewmodels.ledger import LedgerModel
from ui.viewmodels.projects import ProjectsModel
from ui.viewmodels.public import PublicModel
from ui.viewmodels.screens import Screen

if TYPE_CHECKING:
    from ui.services import KioskServices

__all__ = ["public_models"]


def public_models(services: KioskServices, go: Callable[[Screen], None],
                  complaint: ComplaintModel, parent: QObject
                  ) -> tuple[LedgerModel, ProjectsModel, PublicModel]:
    """The ledger's, the projects' and the hub's models (the hub opens the other two)."""
    ledger = LedgerModel.of(services, go, complaint, parent)
    projects = ProjectsModel.of(services, go, complaint, parent)
    return ledger, projects, PublicModel(services, go, complaint, parent, ledger=ledger.open,
                                         projects=projects)
