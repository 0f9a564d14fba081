"""The root view-model as the read-aloud sees it (:class:`OnScreen`), so that the
modules choosing what a screen says (ui.viewmodels.utterance, utterance_translated) do not
import ui.viewmodels.app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ui.viewmodels.benefits import BenefitsModel, ItemDetailModel
    from ui.viewmodels.complaint import ComplaintModel
    from ui.viewmodels.complaintquery import ComplaintQueryModel
    from ui.viewmodels.ledger import LedgerModel
    from ui.viewmodels.mycomplaints import MyComplaintsModel
    from ui.viewmodels.notices import NoticesModel
    from ui.viewmodels.printing import PrintModel
    from ui.viewmodels.projects import ProjectsModel
    from ui.viewmodels.public import PublicModel

__all__ = ["OnScreen"]


class OnScreen(Protocol):
    """What the root view-model (ui.viewmodels.app.AppModel) shows, as read here."""

    @property
    def screen(self) -> Any: ...
    @property
    def holder_name(self) -> str | None: ...
    @property
    def message_source(self) -> str: ...
    @property
    def benefits_model(self) -> BenefitsModel: ...
    @property
    def detail_model(self) -> ItemDetailModel: ...
    @property
    def print_model(self) -> PrintModel: ...
    @property
    def complaint_model(self) -> ComplaintModel: ...
    @property
    def my_complaints_model(self) -> MyComplaintsModel: ...
    @property
    def notices_model(self) -> NoticesModel: ...
    @property
    def query_model(self) -> ComplaintQueryModel: ...
    @property
    def public_model(self) -> PublicModel: ...
    @property
    def ledger_model(self) -> LedgerModel: ...
    @property
    def projects_model(self) -> ProjectsModel: ...
