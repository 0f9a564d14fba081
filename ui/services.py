"""What the kiosk screens need from the core, composed once from the config (no Qt).

Opening the store or reading the enrollment can fail (corrupted file, never
enrolled): the services then start anyway in a degraded mode and say why, so
the UI can show "service unavailable" to villagers and the reason to the
clerk instead of crashing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from kiosk import __version__, clock
from kiosk.complaints import ComplaintDraft, ComplaintStatus, FiledComplaint
from kiosk.complaints import complaints_for_holder as _complaints_for_holder
from kiosk.complaints import file_complaint as _file_complaint
from kiosk.complaints import give_feedback as _give_feedback
from kiosk.config import Config
from kiosk.devices import record_device_state
from kiosk.enrollment import Enrollment, EnrollmentError, load_enrollment
from kiosk.items import ItemInfo, item_info
from kiosk.lookup import BenefitLookup, LookupResult
from kiosk.notices import NoticeView, current_notices
from kiosk.powers import PowerView, read_powers
from kiosk.rolls import Roll, RollItem, public_items, read_roll
from kiosk.settings import apply_pushed, pushed_values
from kiosk.store import StoreError, open_store
from kiosk.store.stats import SyncSnapshot, read_sync_state
from kiosk.store.watch import StoreWatch
from kiosk.update_state import Attempt, StateFiles
from kiosk.update_wait import Waiting, read_waiting
from kiosk.voice_store import voice_dir as _voice_dir
from sync.protocol import LookupAnswer
from ui.complaint_lookup import lookup_complaint
from ui.errors import UiError
from ui.printing import ReceiptService

__all__ = ["KioskServices", "ServiceUnavailable"]

log = logging.getLogger(__name__)


class ServiceUnavailable(UiError):
    """The store or the enrollment cannot be used; the message is for the clerk/logs."""

    code = "ui.service_unavailable"


@dataclass
class KioskServices:
    """Store, lookup, complaints, notices and receipts of one terminal."""

    config: Config
    engine: Engine | None
    enrollment: Enrollment | None
    problem: str
    """Empty when everything is usable; else why not (English, for logs and the clerk)."""
    _watch: StoreWatch | None = field(default=None, init=False, repr=False)

    @classmethod
    def open(cls, config: Config) -> KioskServices:
        """Open the store and read the enrollment; never raises (see ``problem``)."""
        problems = []
        engine = None
        enrollment = None
        try:
            engine = open_store(config.store.path,
                                busy_timeout_ms=config.store.busy_timeout_ms)
        except StoreError as exc:
            problems.append(f"{exc} [{exc.code}]")
        try:
            enrollment = load_enrollment(config.enrollment.file)
        except EnrollmentError as exc:
            problems.append(f"{exc} [{exc.code}]")
        for problem in problems:
            log.error("service unavailable: %s", problem)
        return cls(config, engine, enrollment, "; ".join(problems))

    def _require(self) -> tuple[Engine, Enrollment]:
        if self.engine is None or self.enrollment is None:
            raise ServiceUnavailable(self.problem or "not initialised")
        return self.engine, self.enrollment

    @property
    def usable(self) -> bool:
        """True if lookups can be answered."""
        return self.engine is not None and self.enrollment is not None

    def lookup(self, id_number: str) -> LookupResult:
        """Benefits of the holder of ``id_number`` (validated; raises IdNumberError)."""
        return self._benefit_lookup().lookup(id_number)

    def _benefit_lookup(self) -> BenefitLookup:
        engine, enrollment = self._require()
        lookup = getattr(self, "_lookup", None)
        if lookup is None:
            lookup = BenefitLookup(engine, enrollment.person_kdf or enrollment.lookup_key)
            self._lookup = lookup
        return lookup

    def holder_hash(self, id_number: str) -> str:
        """The keyed hash (or, on a village terminal, the person key) of a validated ID
        number; right after :meth:`lookup` of the same number it costs nothing."""
        return self._benefit_lookup().holder_key(id_number)

    def item(self, code: str) -> ItemInfo | None:
        """The cached catalogue entry of an item."""
        return item_info(self._require()[0], code)

    def file_complaint(self, draft: ComplaintDraft) -> FiledComplaint:
        """File into the outbox durably (raises ComplaintError / database errors)."""
        return _file_complaint(self._require()[0], draft, terminal_code=self.config.terminal.code)

    def voice_dir(self) -> Path:
        """Where spoken complaints are recorded: ``voice/`` beside the database."""
        return _voice_dir(self._require()[0])

    def complaints_for(self, holder_hash: str) -> list[ComplaintStatus]:
        """Real-name complaints of this holder, newest first."""
        return _complaints_for_holder(self._require()[0], holder_hash)

    def give_feedback(self, holder_hash: str, ticket_no: str, satisfied: bool,
                      reason: str | None) -> None:
        """满意 / 不满意 on a reply, into the outbox durably (raises ComplaintError)."""
        _give_feedback(self._require()[0], ticket_no, holder_hash=holder_hash,
                       satisfied=satisfied, reason=reason)

    def lookup_complaint(self, ticket_no: str, query_code: str) -> LookupAnswer:
        """查询投诉 at the county (blocks: run on an Op; raises ui.complaint_lookup errors)."""
        return lookup_complaint(self.config, self.enrollment, ticket_no, query_code)

    def notices(self) -> list[NoticeView]:
        """Notices in force today (Beijing date)."""
        return current_notices(self._require()[0], today=self.today())

    def public_items(self) -> list[RollItem]:
        """Items with a public roll (公示花名册) in force today."""
        return public_items(self._require()[0], today=self.today())

    def roll(self, item_code: str) -> Roll:
        """This village's roll of ``item_code`` in force today."""
        return read_roll(self._require()[0], item_code, today=self.today())

    def powers(self) -> list[PowerView]:
        """The micro-power list (小微权力清单)."""
        return read_powers(self._require()[0])

    def sync_state(self) -> SyncSnapshot:
        """Data-as-of time, last sync, outbox depth, complaints the county refused."""
        return read_sync_state(self._require()[0])

    def pushed_config(self) -> Config | None:
        """The config with the county's pushed settings over it, if the store changed since
        the last call (the first call always answers); None if nothing changed.

        Cheap when nothing changed (no table is read: kiosk.store.watch). GUI
        thread. Raises SQLAlchemy errors if the store cannot be read.
        """
        engine = self._require()[0]
        if self._watch is None:
            self._watch = StoreWatch(engine)
        if not self._watch.changed():
            return None
        return apply_pushed(self.config, pushed_values(engine))

    def update_attempt(self) -> Attempt | None:
        """The updater's last install attempt (``[update] root``), or None; reads a file."""
        return StateFiles(self.config.update.root).last_attempt()

    def update_waiting(self) -> Waiting | None:
        """A release the updater leaves waiting (install window, villager session), or None."""
        return read_waiting(self.config.update.root)

    def record_device(self, device: str, state: str) -> None:
        """Publish a device state for the sync daemon's heartbeat (on change; any thread).

        Never raises: a failure is logged, the kiosk goes on.
        """
        if self.engine is None:
            return
        try:
            record_device_state(self.engine, device, state)
        except Exception:
            log.exception("recording the %s state failed", device)

    def receipts(self) -> ReceiptService:
        """The receipt service (needs the enrollment's key for the QR signature)."""
        return ReceiptService(self.config, self._require()[1])

    @staticmethod
    def today() -> date:
        """Today in Beijing."""
        return clock.today()

    @staticmethod
    def version() -> str:
        """The software version."""
        return __version__

    def close(self) -> None:
        """Release connections."""
        lookup = getattr(self, "_lookup", None)
        if lookup is not None:
            lookup.close()
        if self._watch is not None:
            self._watch.close()
        if self.engine is not None:
            self.engine.dispose()
