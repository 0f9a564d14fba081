"""One view-model per screen: typed Qt properties, slots, a ``failed`` signal.

The classes are QML types of the module ``VillageKiosk.Models`` (see
:mod:`ui.viewmodels.base`); :func:`qml_types` imports, and so registers, them all.
"""

from __future__ import annotations

__all__ = ["QML_MODULE", "qml_types"]

#: The QML import name of the view-model types (``import VillageKiosk.Models``).
QML_MODULE = "VillageKiosk.Models"


def qml_types() -> tuple[type, ...]:
    """Every view-model class of the kiosk screens, registered in :data:`QML_MODULE`.

    Registration happens when a class's module is imported (``@QmlElement``),
    so call this before a QML engine loads a file that imports the module.
    """
    from ui.viewmodels.app import AppModel
    from ui.viewmodels.base import ViewModel
    from ui.viewmodels.benefits import BenefitsModel, ItemDetailModel
    from ui.viewmodels.clerk import ClerkModel
    from ui.viewmodels.complaint import ComplaintModel
    from ui.viewmodels.complaintquery import ComplaintQueryModel
    from ui.viewmodels.ledger import LedgerModel
    from ui.viewmodels.mycomplaints import MyComplaintsModel
    from ui.viewmodels.notices import NoticesModel
    from ui.viewmodels.printing import PrintModel
    from ui.viewmodels.projects import ProjectsModel
    from ui.viewmodels.public import PublicModel
    from ui.viewmodels.speech import SpeechModel
    from ui.viewmodels.voice_complaint import VoiceComplaintModel

    return (ViewModel, AppModel, BenefitsModel, ItemDetailModel, ClerkModel, ComplaintModel,
            MyComplaintsModel, NoticesModel, PrintModel, SpeechModel, ComplaintQueryModel,
            VoiceComplaintModel, PublicModel, LedgerModel, ProjectsModel)
