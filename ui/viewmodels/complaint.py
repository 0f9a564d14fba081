"""The complaint flow: about what → reason → text → phone → real-name or not → confirm → ticket."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.complaints import (
    MAX_TEXT_CHARS,
    ComplaintDraft,
    ComplaintError,
    FiledComplaint,
    Reason,
    clean_text,
    normalise_phone,
)
from kiosk.lookup import LookupResult
from ui.viewmodels.base import ViewModel, readonly, uncreatable
from ui.viewmodels.voice_complaint import VoiceComplaintModel
from ui.wording import REASON_LABELS_ZH

__all__ = ["STEPS", "ComplaintModel"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

STEPS = ("about", "reason", "text", "phone", "identity", "confirm", "done")
Filer = Callable[[ComplaintDraft], FiledComplaint]


def _no_voice_dir() -> Path:
    raise RuntimeError("this kiosk was built without spoken complaints")

_BLANK: dict[str, Any] = dict(
    step="about", options=[], aboutIndex=-1, aboutLabel="", reason="", reasonLabel="",
    text="", textCount="", phone="", phoneError="", anonymous=False, identityChosen=False,
    ticketNo="", queryCode="", error="", busy=False,
)


@QmlElement
@uncreatable
class ComplaintModel(ViewModel):
    """Holds the draft; every rule (steps, validation, limits) is decided here."""

    changed = Signal()

    step = readonly(str, "step", changed)
    options = readonly("QVariantList", "options", changed)
    aboutIndex = readonly(int, "aboutIndex", changed)
    aboutLabel = readonly(str, "aboutLabel", changed)
    reason = readonly(str, "reason", changed)
    reasonLabel = readonly(str, "reasonLabel", changed)
    text = readonly(str, "text", changed)
    textCount = readonly(str, "textCount", changed)
    phone = readonly(str, "phone", changed)
    phoneError = readonly(str, "phoneError", changed)
    anonymous = readonly(bool, "anonymous", changed)
    identityChosen = readonly(bool, "identityChosen", changed)
    ticketNo = readonly(str, "ticketNo", changed)
    #: The six-digit query code of the complaint just filed (shown and printed, never logged).
    queryCode = readonly(str, "queryCode", changed)
    error = readonly(str, "error", changed)
    busy = readonly(bool, "busy", changed)

    #: Emitted with the ticket number once the complaint is safely in the outbox.
    filed = Signal(str)

    def __init__(self, filer: Filer, parent: QObject | None = None,
                 voice_dir: Callable[[], Path] | None = None) -> None:
        """``voice_dir()``: where recordings are made (None: no spoken complaints)."""
        super().__init__(parent, **_BLANK)
        self._filer = filer
        self._voice = VoiceComplaintModel(voice_dir or _no_voice_dir, self)
        self._voice_enabled = voice_dir is not None
        self._holder_hash: str | None = None
        self._holder_name: str | None = None
        self._choices: list[tuple[str | None, int | None]] = []

    def _voice_model(self) -> VoiceComplaintModel:
        return self._voice

    #: The spoken complaint of this draft (说出您的问题).
    # Typed QObject like AppModel's view-model properties (a subclass type here cannot be
    # read through QMetaProperty); QML sees the VoiceComplaintModel all the same.
    voice: Any = Property(QObject, _voice_model, constant=True)

    @Slot(result="QVariantList")
    def reasons(self) -> list[dict[str, str]]:
        """The reason buttons, in the order shown."""
        return [{"code": r.value, "label": REASON_LABELS_ZH[r]} for r in Reason]

    @property
    def in_progress(self) -> bool:
        """True while a draft is being written (not on the first or the last step)."""
        return self._state["step"] not in ("about", "done")

    def start(self, result: LookupResult | None, *, holder_hash: str | None,
              holder_name: str | None, item_code: str | None = None) -> None:
        """Begin a complaint for the current card holder. GUI thread.

        The options are the items of the holder's payments (newest first) and
        "other"; ``item_code`` preselects one (from the item-detail screen).
        """
        self._holder_hash, self._holder_name = holder_hash, holder_name
        seen: dict[str, tuple[str, int]] = {}
        for year in result.years if result else ():
            for p in sorted(year.payments, key=lambda p: p.paid_on, reverse=True):
                seen.setdefault(p.item_code, (p.item_name, p.payment_id))
        options = [{"label": name, "detail": "关于这项补贴"} for name, _ in seen.values()]
        self._choices = [(code, None) for code in seen]
        options.append({"label": "别的事情", "detail": "没有列出的补贴，或其他问题"})
        self._choices.append((None, None))
        self._update(**{**_BLANK, "options": options})
        if self._voice_enabled:
            self._voice.refresh()
        if item_code in seen:
            self.chooseAbout(list(seen).index(item_code))

    @Slot(int)
    def chooseAbout(self, index: int) -> None:
        """Pick what the complaint is about (index into ``options``)."""
        if not 0 <= index < len(self._choices):
            return
        self._update(aboutIndex=index, aboutLabel=self._state["options"][index]["label"],
                     step="reason", error="")

    @Slot(str)
    def chooseReason(self, code: str) -> None:
        """Pick the reason by its stable code."""
        try:
            reason = Reason(code)
        except ValueError:
            log.warning("unknown complaint reason code %r from the screen", code)
            return
        self._update(reason=reason.value, reasonLabel=REASON_LABELS_ZH[reason], step="text",
                     error="")

    @Slot(str)
    def setText(self, text: str) -> None:
        """The text as typed so far (the screen limits input; this is the rule)."""
        cleaned = text[: MAX_TEXT_CHARS + 100]
        count = len(clean_text(cleaned))
        over = "，太长了，请删减" if count > MAX_TEXT_CHARS else ""
        self._update(text=cleaned, textCount=f"{count} / {MAX_TEXT_CHARS} 字{over}")

    @Slot(str)
    def phoneKey(self, key: str) -> None:
        """A key on the phone keypad: a digit, ``back`` or ``clear``."""
        phone = self._state["phone"]
        if key == "back":
            phone = phone[:-1]
        elif key == "clear":
            phone = ""
        elif key.isdigit() and len(key) == 1 and len(phone) < 12:
            phone += key
        self._update(phone=phone, phoneError="")

    @Slot(bool)
    def chooseIdentity(self, anonymous: bool) -> None:
        """Real-name (``False``) or anonymous (``True``); real-name needs a card."""
        if not anonymous and not self._holder_hash:
            self._update(error="没有读到身份证，只能匿名反映。")
            return
        self._update(anonymous=anonymous, identityChosen=True, step="confirm", error="")

    @Slot()
    def next(self) -> None:
        """Leave the text or phone step after checking it."""
        step = self._state["step"]
        if step == "text":
            self._voice.stop()  # leaving the step ends a recording (kept, not lost)
            if len(clean_text(self._state["text"])) > MAX_TEXT_CHARS:
                self._update(error=f"内容太长了，最多 {MAX_TEXT_CHARS} 个字。")
                return
            self._update(step="phone", error="")
        elif step == "phone":
            try:
                normalise_phone(self._state["phone"])
            except ComplaintError:
                self._update(phoneError="电话号码不对。手机号是 11 位数字，以 1 开头。"
                                        "也可以不留电话。")
                return
            self._update(step="identity", phoneError="", error="")

    @Slot()
    def back(self) -> None:
        """One step back; from the first step the screen leaves the flow."""
        step = self._state["step"]
        if step in ("about", "done"):
            return
        self._voice.stop()  # a recording ends with its step (kept for when they come back)
        previous = STEPS[STEPS.index(step) - 1]
        self._update(step=previous, error="")

    @Slot()
    def submit(self) -> None:
        """File the complaint; ``step`` becomes ``done`` only after the durable commit."""
        if self._state["step"] != "confirm" or self._state["busy"] or self._voice.working:
            return
        item_code, payment_id = self._choices[self._state["aboutIndex"]]
        draft = ComplaintDraft(
            reason=Reason(self._state["reason"]), text=self._state["text"],
            item_code=item_code, payment_id=payment_id, phone=self._state["phone"] or None,
            anonymous=self._state["anonymous"],
            id_hash=None if self._state["anonymous"] else self._holder_hash,
            name=None if self._state["anonymous"] else self._holder_name,
            voice=self._voice.clip)
        self._update(busy=True)
        try:
            filed = self._filer(draft)
        except ComplaintError as exc:
            log.info("complaint refused: %s", exc.code)
            self._update(busy=False, error="内容有问题，请检查后再提交。")
            self.failed.emit(str(exc))
            return
        except Exception:  # the database: nothing was filed, say so, keep the draft
            log.exception("filing a complaint failed")
            self._update(busy=False, error="没有提交成功，您写的内容还在。请再点一次“提交”，"
                                           "或请工作人员帮助。")
            self.failed.emit("complaint could not be stored")
            return
        self._voice.clear()  # the recording is in the outbox now: its work files go
        self._update(busy=False, ticketNo=filed.ticket_no, queryCode=filed.query_code,
                     step="done", error="")
        self.filed.emit(filed.ticket_no)

    def clear(self) -> None:
        """Drop the draft and the holder (idle timeout, leaving the flow)."""
        self._holder_hash = self._holder_name = None
        self._choices = []
        self._voice.clear()
        self._update(**_BLANK)
