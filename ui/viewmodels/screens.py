"""The kiosk's screens and which rules apply on each (the root view-model's tables)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from ui.tr import header_date

__all__ = ["CARD_OPENS_FROM", "IDLE_SCREENS", "PERSONAL_SCREENS", "PUBLIC_SCREENS",
           "READ_ERROR_FROM", "STUCK_READER_FROM", "TIMED_SCREENS", "Screen", "header_texts",
           "in_session"]


class Screen(Enum):
    """The kiosk's screens; QML's ``app.screen`` is the value (Main.qml picks the view by it)."""

    WELCOME = "welcome"
    READING = "reading"
    READ_ERROR = "readError"
    UNAVAILABLE = "unavailable"
    BENEFITS = "benefits"
    DETAIL = "detail"
    PRINT = "print"
    COMPLAINT = "complaint"
    MY_COMPLAINTS = "myComplaints"
    NOTICES = "notices"
    COMPLAINT_QUERY = "complaintQuery"
    CLERK = "clerk"
    PUBLIC = "public"
    ROLL_ITEMS = "rollItems"
    ROLL = "roll"
    ROLL_ROW = "rollRow"
    POWERS = "powers"
    POWER = "power"
    LEDGER = "ledger"
    PROJECTS = "projects"


#: The 村务公开 screens (ui/viewmodels/public.py, ledger.py, projects.py): no card needed,
#: like the notices.
PUBLIC_SCREENS = frozenset({Screen.PUBLIC, Screen.ROLL_ITEMS, Screen.ROLL, Screen.ROLL_ROW,
                            Screen.POWERS, Screen.POWER, Screen.LEDGER, Screen.PROJECTS})


#: Screens that show a card holder's data: they time out and clear.
PERSONAL_SCREENS = frozenset({Screen.BENEFITS, Screen.DETAIL, Screen.PRINT, Screen.COMPLAINT,
                              Screen.MY_COMPLAINTS})
#: Screens left for the welcome screen when nobody touches them for a while.
TIMED_SCREENS = PERSONAL_SCREENS | PUBLIC_SCREENS | {Screen.NOTICES, Screen.COMPLAINT_QUERY,
                                                     Screen.CLERK}
#: Screens a card laid on the reader replaces with the reading screen.
CARD_OPENS_FROM = frozenset({Screen.WELCOME, Screen.READ_ERROR, Screen.NOTICES,
                             Screen.COMPLAINT_QUERY, *PUBLIC_SCREENS})
#: Screens a failed read replaces with the read-error screen.
READ_ERROR_FROM = frozenset({Screen.READING, Screen.WELCOME, Screen.READ_ERROR})
#: Screens a stuck reader's (or a wrong block layout's) error replaces: only while a
#: card is being read; on the welcome screen the reader problem line says it.
STUCK_READER_FROM = frozenset({Screen.READING, Screen.READ_ERROR})


#: Screens on which nobody is using the kiosk: the installer may restart it
#: (ui.session_publish). Every other screen — a card being read, benefits, a complaint,
#: notices, the public screens, the clerk screen — is somebody's session; each of them
#: times out back to the welcome screen.
IDLE_SCREENS = frozenset({Screen.WELCOME, Screen.UNAVAILABLE})


def in_session(screen: Screen | str) -> bool:
    """Whether ``screen`` (a Screen or its value, as ``AppModel.screen`` gives it) is a
    villager's (or the clerk's) session."""
    try:
        return Screen(screen) not in IDLE_SCREENS
    except ValueError:
        return True  # an unknown screen: rather wait than restart under someone


def header_texts(now: datetime) -> tuple[str, str]:
    """The header's date (``2026年11月20日 星期五``) and time (``10:00``) for local ``now``."""
    return header_date(now), f"{now:%H:%M}"
