"""The root view-model: which screen is up, the card session, idle timeout, navigation.

All rules about moving between screens live here; QML only shows ``screen`` and calls
slots. Reader events arrive as Qt signals from :class:`ui.bridge.ReaderBridge` (queued).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from drivers.idcard.cardtext import CardType
from drivers.idcard.reader import ERROR_STATES, ReaderState
from drivers.speech import EspeakSpeaker, Speaker
from kiosk import clock
from kiosk.identity import IdNumberError, mask_id, validate_id
from kiosk.timefmt import format_local
from ui.brightness import Backlight
from ui.i18n import LANGUAGES, RIGHT_TO_LEFT
from ui.ops import Runner
from ui.services import KioskServices
from ui.tr import tr
from ui.viewmodels.base import ViewModel, readonly, readonly_enum, readonly_tr, uncreatable
from ui.viewmodels.benefits import BenefitsModel, ItemDetailModel
from ui.viewmodels.clerk import ClerkModel
from ui.viewmodels.complaint import ComplaintModel
from ui.viewmodels.complaintquery import ComplaintQueryModel
from ui.viewmodels.idle import IdleClock
from ui.viewmodels.mycomplaints import MyComplaintsModel
from ui.viewmodels.notices import NoticesModel
from ui.viewmodels.printing import PrintModel
from ui.viewmodels.reader_events import read_error_message
from ui.viewmodels.screens import (
    CARD_OPENS_FROM,
    PERSONAL_SCREENS,
    TIMED_SCREENS,
    Screen,
    header_texts,
)
from ui.viewmodels.sections import public_models
from ui.viewmodels.speech import SpeechModel, utterance_for
from ui.wording import CARD_NOT_SUPPORTED, READER_STATE_ZH, READER_UNAVAILABLE, SERVICE_UNAVAILABLE

__all__ = ["CARD_OPENS_FROM", "PERSONAL_SCREENS", "TIMED_SCREENS", "AppModel", "Screen"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


def _sub_model(name: str) -> Property:  # a sub-view-model, e.g. ``app.benefits``
    return Property(QObject, lambda self: self._models[name], constant=True)


@QmlElement
@uncreatable
class AppModel(ViewModel):
    """Screen state machine of the kiosk."""

    changed = Signal()

    screen = readonly_enum("screen", changed)
    village = readonly(str, "village", changed)
    dateText = readonly(str, "dateText", changed)
    timeText = readonly(str, "timeText", changed)
    asOfText = readonly(str, "asOfText", changed)
    message, readerProblem = readonly_tr("message", changed), readonly_tr("readerProblem", changed)
    countdown = readonly(int, "countdown", changed)
    printerAvailable = readonly(bool, "printerAvailable", changed)
    highContrast = readonly(bool, "highContrast", changed)
    largeText = readonly(bool, "largeText", changed)
    language = readonly(str, "language", changed)
    rightToLeft = readonly(bool, "rightToLeft", changed)
    languages = readonly("QVariantList", "languages", changed)

    # Declared as QObject, not as their classes: PySide6 6.12 registers e.g. `ClerkModel*`
    # for QML but has no converter back to Python, so QObject.property() and
    # QMetaProperty.read() (the privacy tests walk them) raise. QML still checks the
    # type where a screen declares it: `readonly property ClerkModel vm: app.clerk`.
    (benefits, detail, printing, complaint, myComplaints, notices, clerk, speech, query, public,
     ledger, projects) = map(_sub_model, ("benefits", "detail", "printing", "complaint",
                                          "myComplaints", "notices", "clerk", "speech", "query",
                                          "public", "ledger", "projects"))

    sessionCleared = Signal()
    #: A language was chosen (code); the window installs its translation (ui.app).
    languageRequested = Signal(str)

    def __init__(self, services: KioskServices, *, clerk_status: Callable[[], dict[str, str]],
                 clock: Callable[[], float] = time.monotonic,
                 backlight: Backlight | None = None, printer: Runner | None = None,
                 speaker: Speaker | None = None, speech_dir: Path | None = None,
                 parent: QObject | None = None) -> None:
        """``printer`` runs print jobs (the printer worker; None: a thread each, for tests);
        ``speaker`` reads screens aloud (default: espeak-ng) into WAVs in ``speech_dir``
        (default: a private temporary directory)."""
        ui = services.config.ui
        super().__init__(parent, screen=Screen.WELCOME, village=services.config.terminal.village,
                         dateText="", timeText="", asOfText="", message="", readerProblem="",
                         countdown=-1, printerAvailable=bool(services.config.printer.uri),
                         highContrast=ui.theme == "high-contrast", largeText=False,
                         language=ui.language, rightToLeft=ui.language in RIGHT_TO_LEFT,
                         languages=[{"code": code, "label": label}
                                    for code, label in LANGUAGES.items()])
        self._terminal_language = ui.language
        self._services = services
        self._idle = IdleClock(ui, clock)
        self._speak_after_card = bool(ui.speak_after_card_read)
        self._pushed_failed = False
        self._holder_hash: str | None = None
        self._holder_name: str | None = None
        self._card_present, self._reader_text = False, "未知"
        self._history: list[Screen] = []
        self.benefits_model, self.detail_model = BenefitsModel(self), ItemDetailModel(self)
        self.print_model = PrintModel(printer, self)
        self.complaint_model = ComplaintModel(services.file_complaint, self, services.voice_dir)
        self.complaint_model.voice.activity.connect(self.touched)  # speaking is not idling
        self.my_complaints_model = MyComplaintsModel(services, self)
        self.notices_model = NoticesModel(services.notices, self)
        self.query_model = ComplaintQueryModel(services, self._go, self.sessionCleared, self)
        self.ledger_model, self.projects_model, self.public_model = public_models(
            services, self._go, self.complaint_model, self)
        self.clerk_model = ClerkModel(ui.clerk_pin, clerk_status, clock=clock,
                                      attempts=ui.clerk_pin_attempts, lockout_s=ui.clerk_lockout_s,
                                      backlight=backlight, parent=self)
        self.speech_model = SpeechModel(speaker or EspeakSpeaker(), lambda: utterance_for(self),
                                        workdir=speech_dir, parent=self)
        self.speech_model.set_screen(True)
        self._models: dict[str, ViewModel] = {
            "benefits": self.benefits_model, "detail": self.detail_model,
            "printing": self.print_model, "complaint": self.complaint_model,
            "myComplaints": self.my_complaints_model, "notices": self.notices_model,
            "clerk": self.clerk_model, "speech": self.speech_model, "query": self.query_model,
            "public": self.public_model, "ledger": self.ledger_model,
            "projects": self.projects_model}
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        if not services.usable:
            self._update(screen=Screen.UNAVAILABLE, message=SERVICE_UNAVAILABLE)

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Start the clock/idle timer and load what the welcome screen shows."""
        self.refresh_welcome()
        self._timer.start()
        self.tick()

    def stop(self) -> None:
        """Stop the clock/idle timer and any speech (before the window is torn down)."""
        self._timer.stop()
        self.speech_model.close()

    @property
    def holder_name(self) -> str | None:
        """The card holder's name while a session is open (from the card), else None."""
        return self._holder_name

    def _update(self, **values: Any) -> bool:
        before = self._state["screen"]
        dirty = super()._update(**values)
        if self._state["screen"] is not before:
            # Speech belongs to the screen it describes (issue 18).
            self.speech_model.set_screen(self._state["screen"] is not Screen.CLERK)
        return dirty

    def refresh_welcome(self) -> None:
        """Re-read notices and the data-as-of time (cheap; after syncs and sessions)."""
        if not self._services.usable:
            return
        try:
            state = self._services.sync_state()
            as_of = format_local(state.data_as_of) if state.data_as_of else tr("尚未同步")
        except Exception:
            log.exception("reading the sync state failed")
            self._fail_service()
            return
        self._update(asOfText=as_of)
        self.notices_model.refresh()

    def _fail_service(self) -> None:
        self.end_session()
        self._update(screen=Screen.UNAVAILABLE, message=SERVICE_UNAVAILABLE)

    @Slot()
    def tick(self) -> None:
        """Once a second: the clock, settings the county pushed, the idle countdown, the
        clerk's results expiring."""
        now = clock.local_now()
        date_text, time_text = header_texts(now)
        self._update(dateText=date_text, timeText=time_text)
        self._apply_pushed()
        self.check_idle()
        self.clerk_model.tick()

    def _apply_pushed(self) -> None:
        """Take the idle timeouts the county pushed, once the sync daemon stored them.

        Reads the settings only when the store changed (kiosk.store.watch);
        pushed values override the config file, an unset one brings its value back.
        """
        if not self._services.usable:
            return
        try:
            config = self._services.pushed_config()
        except Exception:
            if not self._pushed_failed:  # once, not every second
                log.exception("reading pushed settings failed")
            self._pushed_failed = True
            return
        self._pushed_failed = False
        if config is None:
            return
        ui = config.ui
        self._speak_after_card = bool(ui.speak_after_card_read)
        if self._idle.apply(ui):
            log.info("idle timeout now %d s (complaint %d s), countdown %d s", *self._idle.limits)

    def check_idle(self) -> None:
        """Count down in the last seconds of a personal screen; clear at zero."""
        screen = self._state["screen"]
        if screen not in TIMED_SCREENS:
            self._update(countdown=-1)
            return
        left = self._idle.left(complaint=screen is Screen.COMPLAINT)
        if left <= 0:
            log.info("idle timeout on %s: clearing the session", screen.value)
            self.home()
            # The next villager starts with the terminal's own type size and language.
            self._update(largeText=False)
            self.setLanguage(self._terminal_language)
        elif left <= self._idle.countdown_s:
            self._update(countdown=int(left + 0.999))
        else:
            self._update(countdown=-1)

    @Slot()
    def touched(self) -> None:
        """Any touch, click or key: the person is still there."""
        self._idle.touch()
        if self._state["countdown"] >= 0:
            self._update(countdown=-1)

    @Slot()
    def toggleLargeText(self) -> None:
        """The "字大一点" button: every type size ×1.25 on every screen, or back."""
        self.touched()
        self._update(largeText=not self._state["largeText"])

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        """A language button of the welcome screen (or the session's end): the window
        switches its translation (``languageRequested``); unknown codes are ignored."""
        if code not in LANGUAGES:
            return
        self.touched()
        if self._update(language=code, rightToLeft=code in RIGHT_TO_LEFT):
            self.languageRequested.emit(code)

    @Slot()
    def stillHere(self) -> None:
        """The "still here?" button."""
        self.touched()

    # --- reader events (GUI thread, via ReaderBridge) ---------------------------------------

    @Slot()
    def onCardPresent(self) -> None:
        """A card was laid on the reader."""
        self._card_present = True
        self.touched()
        if self._state["screen"] in CARD_OPENS_FROM:
            self._go(Screen.READING, reset_history=True)

    @Slot(object)
    def onCardRead(self, card: Any) -> None:
        """A card was read: look the holder up and show their benefits."""
        self._card_present = True
        self.touched()
        if self._state["screen"] in (Screen.UNAVAILABLE, Screen.CLERK):
            return
        self.end_session(go_home=False)
        if card.card_type not in (CardType.RESIDENT, CardType.HMT, CardType.FOREIGN):
            self._read_error(CARD_NOT_SUPPORTED)
            return
        try:
            number = validate_id(card.id_number)
        except IdNumberError as exc:
            log.info("card refused: %s", exc.problem.value)
            self._read_error(CARD_NOT_SUPPORTED)
            return
        try:
            result = self._services.lookup(number)
            holder_hash = self._services.holder_hash(number)
            replies = sum(1 for c in self._services.complaints_for(holder_hash) if c.reply_text)
        except Exception:
            log.exception("lookup failed")
            self._fail_service()
            return
        self._holder_hash, self._holder_name = holder_hash, card.name
        self.benefits_model.load(result, holder_name=card.name, replies=replies)
        log.info("card read: %s, %d year(s) of payments", mask_id(number), len(result.years))
        self._go(Screen.BENEFITS, reset_history=True)
        if self._speak_after_card:
            self.speech_model.speak()

    @Slot()
    def onCardRemoved(self) -> None:
        """The card left the reader: clear, unless a complaint is being written."""
        self._card_present = False
        self.speech_model.stop()
        screen = self._state["screen"]
        if screen is Screen.READING:
            self._go(Screen.WELCOME, reset_history=True)
        elif screen in PERSONAL_SCREENS:
            # A villager who lifts the card while typing a complaint must not lose it;
            # the idle timeout still clears the screen if they walk away.
            if screen is Screen.COMPLAINT and self.complaint_model.in_progress:
                return
            self.home()

    @Slot(object)
    def onReaderError(self, error: Any) -> None:
        """A read failed (card moved) or the reader has a problem."""
        message = read_error_message(error, self._state["screen"])
        if message is not None:
            self._read_error(message)

    @Slot(object)
    def onReaderState(self, state: Any) -> None:
        """Show a reader problem on the welcome screen."""
        problem = READER_UNAVAILABLE if state in ERROR_STATES else ""
        self._update(readerProblem=problem)
        if isinstance(state, ReaderState):
            self._reader_text = READER_STATE_ZH.get(state, state.value)
            if state not in (ReaderState.CARD_PRESENT, ReaderState.READING):
                # Card placements are not health: keep the heartbeat's table quiet.
                self._services.record_device("reader", state.value)
        else:
            self._reader_text = str(state)

    @property
    def message_source(self) -> str:
        """The message in Chinese (``message`` is translated; the read-aloud speaks Mandarin)."""
        return str(self._state["message"])

    @property
    def reader_text(self) -> str:
        """The reader's state for the clerk screen."""
        return self._reader_text

    def _read_error(self, message: str) -> None:
        self._update(message=message)
        self._go(Screen.READ_ERROR, reset_history=True)

    # --- navigation (slots called from QML) ------------------------------------------------

    def _go(self, screen: Screen, *, reset_history: bool = False) -> None:
        if reset_history:
            self._history = []
        elif self._state["screen"] != screen:
            self._history.append(self._state["screen"])
        self._idle.touch()
        self._update(screen=screen, countdown=-1)

    @Slot(str)
    def openItem(self, code: str) -> None:
        """Item detail: the policy and this holder's payments of the item."""
        result = self.benefits_model.result
        if result is None:
            return
        try:
            info = self._services.item(code)
        except Exception:
            log.exception("reading item %s failed", code)
            info = None
        if self.detail_model.show_item(result, code, info):
            self._go(Screen.DETAIL)

    @Slot(str)
    def openSection(self, label: str) -> None:
        """Item detail for a section header of the payment list (its display label)."""
        for row in self.benefits_model.payments:
            if row["itemName"] == label:
                self.openItem(row["itemCode"])
                return

    @Slot()
    def openPrint(self) -> None:
        """Print the holder's receipt."""
        self._print(ticket=None)

    def _print(self, *, ticket: str | None) -> None:
        result = self.benefits_model.result
        if result is None or self._holder_name is None:
            return
        try:
            service = self._services.receipts()
            receipt = service.build(result, holder_name=self._holder_name, ticket=ticket,
                                    masked_id=result.masked_id, code=self.complaint_model.queryCode)
        except Exception:
            log.exception("building the receipt failed")
            self._fail_service()
            return
        self.print_model.start_receipt(service, receipt, what="投诉回执" if ticket else "凭条",
                                       record_device=self._services.record_device)
        self._go(Screen.PRINT)

    @Slot()
    def printTicket(self) -> None:
        """Print the receipt with the complaint ticket just filed."""
        ticket = self.complaint_model.ticketNo
        if ticket:
            self._print(ticket=ticket)

    @Slot(str)
    def openComplaint(self, item_code: str = "") -> None:
        """Start a complaint (about ``item_code`` if given)."""
        self.complaint_model.start(self.benefits_model.result, holder_hash=self._holder_hash,
                                   holder_name=self._holder_name, item_code=item_code or None)
        self._go(Screen.COMPLAINT)

    @Slot()
    def openMyComplaints(self) -> None:
        """The holder's real-name complaints and replies."""
        if self._holder_hash is None:
            return
        self.my_complaints_model.load(self._holder_hash)
        self._go(Screen.MY_COMPLAINTS)

    @Slot()
    def openNotices(self) -> None:
        """Notices (also available without a card)."""
        self.notices_model.refresh()
        self._go(Screen.NOTICES)

    @Slot()
    def openClerk(self) -> None:
        """The hidden clerk gesture: show the PIN pad."""
        if self._holder_hash is not None:
            return
        self.clerk_model.reset()
        self._go(Screen.CLERK, reset_history=True)

    @Slot()
    def back(self) -> None:
        """One step back (inside the complaint flow, one complaint step back)."""
        screen = self._state["screen"]
        if screen is Screen.COMPLAINT and self.complaint_model.step not in ("about", "done"):
            self.touched()
            self.complaint_model.back()
            return
        if screen is Screen.NOTICES and self.notices_model.openIndex >= 0:
            self.touched()
            self.notices_model.closeNotice()
            return
        if screen is Screen.PRINT:
            self.print_model.clear()
        while self._history:
            previous = self._history.pop()
            if previous not in PERSONAL_SCREENS or self._holder_hash is not None:
                self._idle.touch()
                self._update(screen=previous, countdown=-1)
                return
        self.home()

    @Slot()
    def home(self) -> None:
        """End the session and go back to the welcome screen."""
        self.end_session()

    def end_session(self, *, go_home: bool = True) -> None:
        """Forget everything personal in every view-model."""
        self._holder_hash = self._holder_name = None
        self.speech_model.stop()
        self.benefits_model.clear()
        self.detail_model.clear()
        self.print_model.clear()
        self.complaint_model.clear()
        self.my_complaints_model.clear()
        self.notices_model.closeNotice()
        self.clerk_model.reset()
        self._history = []
        self.sessionCleared.emit()
        if not go_home:
            return
        if self._services.usable:
            self._update(screen=Screen.WELCOME, countdown=-1, message="")
            self.refresh_welcome()
        else:  # e.g. leaving the clerk screen of a terminal whose database is broken
            self._update(screen=Screen.UNAVAILABLE, countdown=-1, message=SERVICE_UNAVAILABLE)
