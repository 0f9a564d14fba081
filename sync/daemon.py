"""`kiosk syncd`: the cycle (pull, push, heartbeat) and the loop that paces it.

One thread does everything; the process shares the SQLite file with the UI
(WAL, busy timeout) and is the only writer of the synced tables. A cycle
never stops at the first failure: a bad page from the county must not keep
villagers' complaints from going out, so the pull, the outbox push and the
heartbeat each run and each failure is logged and recorded. Only a 401
stops everything: the terminal waits, doing nothing, until it is enrolled
again (a new token in the enrollment file).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from kiosk import clock
from kiosk.config import Config
from kiosk.enrollment import Enrollment, EnrollmentError, load_enrollment
from kiosk.logfmt import log_event
from kiosk.sdnotify import notify, watchdog_interval
from sync.backoff import Backoff
from sync.client import ClientSettings, CountyClient
from sync.errors import NotEnrolledError, RejectedError, RevokedError, SyncError
from sync.feedback import feedback_due, push_feedback
from sync.heartbeat import HeartbeatOutcome, send_heartbeat
from sync.lock import cycle_lock
from sync.outbox import OutboxResult, outbox_due, push_outbox
from sync.pages import apply_page
from sync.snapshot import SnapshotStage, apply_snapshot, download_snapshot, stage_path_for
from sync.state import clear_cursor, read_status, record_error, record_success
from sync.voice_upload import push_voices

__all__ = ["CycleReport", "SyncDaemon"]

log = logging.getLogger("sync.daemon")

REVOKED_MESSAGE = ("terminal revoked or token unknown to the county: re-enroll with "
                   "`kiosk enroll CODE --server URL`")


@dataclass
class CycleReport:
    """What one full cycle did; ``ok`` only if every step succeeded."""

    pages: int = 0
    snapshot: bool = False
    outbox: OutboxResult | None = None
    heartbeat: HeartbeatOutcome | None = None
    errors: list[SyncError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no step failed."""
        return not self.errors


def _now() -> datetime:
    return clock.now()


class SyncDaemon:
    """The sync daemon of one terminal (cache ``engine``, settings from ``config``)."""

    def __init__(self, config: Config, engine: Engine, *, rng: random.Random | None = None,
                 now: Callable[[], datetime] = _now) -> None:
        self.config = config
        self.engine = engine
        self.now = now
        self.sync = config.sync
        self.settings = ClientSettings.from_config(config.sync)
        self.stage = SnapshotStage(stage_path_for(config.store.path))
        self.started = time.monotonic()
        self.rng = rng or random.Random()
        self.pull_backoff = Backoff(self.sync.backoff_base_s, self.sync.backoff_cap_s,
                                    rng=self.rng)
        self.beat_backoff = Backoff(self.sync.backoff_base_s, self.sync.backoff_cap_s,
                                    rng=self.rng)
        self.stop_event = threading.Event()
        self.revoked_token: str | None = None
        # Only the long-running daemon talks to systemd: `kiosk syncd --once` started
        # from the kiosk UI inherits the session's $NOTIFY_SOCKET and must not ping for it.
        self.notifying = False

    # --- steps ---------------------------------------------------------------------------

    def enrollment(self) -> Enrollment:
        """The enrollment file's contents; raises sync NotEnrolledError."""
        try:
            return load_enrollment(self.config.enrollment.file)
        except EnrollmentError as exc:
            raise NotEnrolledError(str(exc)) from None

    def client(self, enrollment: Enrollment) -> CountyClient:
        """A client for the enrolled server with the terminal's token."""
        return CountyClient(enrollment.server_url, enrollment.token, self.settings)

    def retry_delay(self, attempts: int) -> float:
        """Full-jitter delay (seconds) before a complaint's next try after ``attempts``."""
        return self.rng.uniform(0.0, self.pull_backoff.ceiling(attempts))

    def pull(self, client: CountyClient, report: CycleReport, *,
             resynced: bool = False) -> None:
        """Snapshot if there is no cursor yet, then changes pages until caught up.

        A cursor the county refuses (``changes.invalid_cursor``) is dropped for a
        fresh snapshot, once per call (``resynced``)."""
        if read_status(self.engine).cursor is None:
            self.stage.open()
            try:
                download_snapshot(client, self.stage,
                                  person_kdf=self.enrollment().person_kdf)
                apply_snapshot(self.engine, self.stage, now=self.now())
                report.snapshot = True
            finally:
                self.stage.close()
        elif self.stage.path.exists():
            self.stage.discard()  # left over from a snapshot applied just before a kill
        while not self.stop_event.is_set():
            since = read_status(self.engine).cursor
            try:
                page = client.changes(since, self.sync.page_limit)
            except RejectedError as exc:
                if exc.code != "changes.invalid_cursor" or since is None or resynced:
                    raise
                # The county no longer knows our cursor (its database was restored from
                # a backup): start over from a snapshot; the old data stays meanwhile.
                log_event(log, logging.WARNING, "cursor_refused", cursor=since)
                clear_cursor(self.engine)
                self.pull(client, report, resynced=True)
                return
            count = apply_page(self.engine, page, since=since, now=self.now())
            report.pages += 1
            if self.notifying:
                notify("WATCHDOG=1")  # a long catch-up is progress, not a hang
            log_event(log, logging.INFO if count else logging.DEBUG, "page_applied",
                      since=since, cursor=page.next_cursor, records=count,
                      more=page.has_more)
            if not page.has_more:
                break
        record_success(self.engine, now=self.now())

    def push(self, client: CountyClient, report: CycleReport, *, force: bool) -> None:
        """Push the outbox (see :func:`sync.outbox.push_outbox`)."""
        report.outbox = push_outbox(client, self.engine, now=self.now,
                                    retry_delay=self.retry_delay, force=force)
        push_feedback(client, self.engine, now=self.now, retry_delay=self.retry_delay,
                      force=force)
        push_voices(client, self.engine)  # recordings go after their complaints

    def beat(self, client: CountyClient, report: CycleReport) -> HeartbeatOutcome:
        """Send a heartbeat; a ``resync`` answer forgets the cursor."""
        outcome = send_heartbeat(client, self.engine, config=self.config,
                                 uptime_s=time.monotonic() - self.started, now=self.now())
        report.heartbeat = outcome
        if outcome.resync:
            log_event(log, logging.WARNING, "resync_requested")
            clear_cursor(self.engine)
        return outcome

    def _step(self, report: CycleReport, name: str, action: Callable[[], object]) -> bool:
        """Run one step, recording and logging its failure; False if it failed."""
        try:
            action()
            return True
        except OperationalError as exc:
            error = SyncError(f"{name}: cache busy or unwritable: {exc.orig}",
                              code="sync.store_busy")
        except SyncError as exc:
            error = exc
        report.errors.append(error)
        message = REVOKED_MESSAGE if isinstance(error, RevokedError) else str(error)
        log_event(log, logging.ERROR if not error.retry else logging.WARNING, "step_failed",
                  step=name, code=error.code, error=str(error))
        try:
            record_error(self.engine, error.code, message, now=self.now())
        except OperationalError as exc:  # the cache is locked: the log line must do
            log_event(log, logging.ERROR, "state_unwritable", error=str(exc.orig)[:200])
        return False

    # --- one cycle (--once) --------------------------------------------------------------

    def run_once(self) -> CycleReport:
        """One full cycle: enrollment check, snapshot/changes until caught up, push
        the whole outbox (ignoring per-complaint retry times), heartbeat and what it
        asks for. Never raises SyncError: failures are in the report."""
        report = CycleReport()
        # Wait for a running daemon's current cycle (a snapshot may take minutes).
        wait = 600.0 + 4 * (self.sync.connect_timeout_s + self.sync.read_timeout_s)
        try:
            with cycle_lock(self.config.store.path, wait_s=wait):
                return self._cycle(report)
        except SyncError as exc:
            report.errors.append(exc)
            log_event(log, logging.ERROR, "step_failed", step="lock", code=exc.code,
                      error=str(exc))
            return report

    def _cycle(self, report: CycleReport) -> CycleReport:
        """The steps of :meth:`run_once` (lock held); records failures, never raises them."""
        enrollment: Enrollment | None = None

        def check() -> None:
            nonlocal enrollment
            enrollment = self.enrollment()

        if not self._step(report, "enroll", check) or enrollment is None:
            return report
        with self.client(enrollment) as client:
            steps: list[tuple[str, Callable[[], object]]] = [
                ("pull", partial(self.pull, client, report)),
                ("push", partial(self.push, client, report, force=True)),
                ("heartbeat", partial(self.beat, client, report)),
            ]
            for name, action in steps:
                if not self._step(report, name, action) and isinstance(report.errors[-1],
                                                                       RevokedError):
                    return report
            outcome = report.heartbeat
            if outcome is not None and (outcome.pull or outcome.resync):
                self._step(report, "pull", partial(self.pull, client, report))
        return report

    # --- the loop ------------------------------------------------------------------------

    def run_forever(self) -> None:
        """Pull every poll interval, push the outbox as complaints come, beat every
        heartbeat interval, back off (full jitter, capped) after failures; returns
        when :attr:`stop_event` is set (SIGTERM)."""
        next_pull = next_beat = next_outbox = 0.0
        log_event(log, logging.INFO, "syncd_started", db=self.config.store.path)
        # Under systemd (village-kiosk-syncd.service, Type=notify, WatchdogSec=): ready
        # now, and a ping every iteration; the pause between iterations is capped at
        # half the watchdog interval so an idle daemon is not taken for a hung one.
        watchdog = watchdog_interval()
        self.notifying = True
        notify("READY=1", "STATUS=running")
        while not self.stop_event.is_set():
            notify("WATCHDOG=1")
            report = CycleReport()
            enrollment: Enrollment | None = None
            try:
                enrollment = self.enrollment()
            except NotEnrolledError as exc:
                if self.revoked_token != "-":
                    record_error(self.engine, exc.code, str(exc), now=self.now())
                    log_event(log, logging.ERROR, "not_enrolled", error=str(exc))
                    self.revoked_token = "-"
            if enrollment is None or enrollment.token == self.revoked_token:
                wait = self.sync.outbox_check_s
                self.stop_event.wait(wait if watchdog is None else min(wait, watchdog / 2))
                continue
            self.revoked_token = None
            now = time.monotonic()
            try:
                with cycle_lock(self.config.store.path, wait_s=86_400), \
                        self.client(enrollment) as client:
                    if now >= next_pull:
                        if self._step(report, "pull", partial(self.pull, client, report)):
                            self.pull_backoff.reset()
                            next_pull = now + self.sync.poll_interval_s
                            next_outbox = 0.0  # the link works: push now, whatever next_try_at
                        else:
                            next_pull = now + self.pull_backoff.next_delay()
                    if not self._revoked(report, enrollment) and now >= next_outbox:
                        force = next_outbox == 0.0
                        if force or outbox_due(self.engine, self.now()) \
                                or feedback_due(self.engine, self.now()):
                            self._step(report, "push",
                                       partial(self.push, client, report, force=force))
                        next_outbox = now + self.sync.outbox_check_s
                    if not self._revoked(report, enrollment) and now >= next_beat:
                        if self._step(report, "heartbeat", partial(self.beat, client, report)):
                            self.beat_backoff.reset()
                            next_beat = now + self.sync.heartbeat_interval_s
                            outcome = report.heartbeat
                            if outcome is not None and (outcome.pull or outcome.resync):
                                next_pull = 0.0
                        else:
                            next_beat = now + self.beat_backoff.next_delay()
                    self._revoked(report, enrollment)
            except (OperationalError, SyncError) as exc:
                # The cache stayed locked even for the bookkeeping: try again later
                # rather than die (systemd would restart us into the same lock).
                log_event(log, logging.ERROR, "loop_error", error=str(exc)[:300])
                next_pull = max(next_pull, now + self.pull_backoff.next_delay())
            wake = min(next_pull, next_beat, next_outbox) - time.monotonic()
            if wake > 0:
                pause = min(wake, self.sync.outbox_check_s)
                self.stop_event.wait(pause if watchdog is None else min(pause, watchdog / 2))
        notify("STOPPING=1")
        log_event(log, logging.INFO, "syncd_stopped")

    def _revoked(self, report: CycleReport, enrollment: Enrollment) -> bool:
        if any(isinstance(e, RevokedError) for e in report.errors):
            if self.revoked_token != enrollment.token:
                log_event(log, logging.ERROR, "revoked", terminal=enrollment.terminal_id)
            self.revoked_token = enrollment.token
            return True
        return False
