"""Install a signed release bundle on the terminal, or go back to the version it had.

The order is the contract of docs/releases.md ("On the terminal"):

verify (nothing is written before every check passed) → unpack into
``releases/V.tmp`` → build ``releases/V/venv`` offline from the bundled
wheels → write ``VERIFIED`` → back up the SQLite file (online backup API) →
run the new version's migrations (`releases/V/venv/bin/kiosk db upgrade`) →
point ``previous`` at the old version and ``current`` at the new one (each a
fresh link renamed over the old) → restart the services → wait for both
health marks (kiosk.health) carrying version V and written after the switch
→ keep; or switch back, restore the backup, restart again and record why.

The venv is built at its final path (``releases/V/venv``) because a venv
cannot be moved (its scripts name their interpreter by absolute path); what
makes a directory usable is ``VERIFIED``, written last, not its name.

Crash safety: from the database backup on, a journal (kiosk.update_state)
says what is in flight; :func:`recover` (`kiosk update recover`, at boot)
undoes an install that did not reach "healthy", so after a kill -9 at any
instant ``current`` points at a complete version and the database matches it.

Everything runs on the caller's thread, as root, holding the install lock.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.config import Config
from kiosk.health import COMPONENTS, read_mark
from kiosk.logfmt import log_event
from kiosk.release_dirs import ReleaseDirs
from kiosk.update_state import Attempt, Journal, Result, StateFiles
from kiosk.update_window import Gate
from sync.protocol.release import ReleaseError, VerifiedBundle, verify_bundle
from update.db_backup import backup_database, revert_database
from update.errors import (
    BuildFailedError,
    DeferredError,
    MigrationFailedError,
    RefusedError,
    RestartFailedError,
    UnhealthyError,
    UnreadableError,
    UpdateError,
)
from update.spool import clean_spool
from update.venv import build_venv, clean_env

__all__ = [
    "InstallOutcome",
    "UpdaterSettings",
    "install_bundle",
    "recover",
]

log = logging.getLogger("update.installer")

#: Longest the migrations of a new version may run (seconds).
MIGRATE_TIMEOUT_S = 900
#: Longest the restart command may take (seconds).
RESTART_TIMEOUT_S = 180
_POLL_S = 0.2


@dataclass(frozen=True)
class UpdaterSettings:
    """What the installer needs from the config (see :meth:`from_config`)."""

    root: Path
    db: Path
    config_file: Path | None
    channel: str
    health_dir: Path
    health_timeout_s: float
    restart_command: tuple[str, ...]
    keep: int
    spool: Path | None = None
    window: str = ""
    """``[update] window`` (kiosk.update_window.parse_window); "" is any time."""

    @classmethod
    def from_config(cls, config: Config, config_file: Path | None) -> UpdaterSettings:
        """The ``[update]`` and ``[store]`` settings; ``config_file`` is handed to the
        new version's `kiosk db upgrade`."""
        up = config.update
        return cls(up.root, config.store.path, config_file, up.channel, up.health_dir,
                   float(up.health_timeout_s), up.restart_command, up.keep, up.spool,
                   up.window)

    @property
    def backup_path(self) -> Path:
        """Where the database is backed up before a switch."""
        return self.root / "backup" / "kiosk.db"


@dataclass(frozen=True)
class InstallOutcome:
    """A finished install: ``changed`` is False when ``version`` was already current."""

    version: str
    from_version: str | None
    changed: bool
    message: str


def _checkpoint(step: str) -> None:
    # Each step is logged (DEBUG) when reached: a power cut between two steps
    # leaves a state recover() must handle (tests/updater/test_kill9.py cuts there).
    log_event(log, logging.DEBUG, "update_step", step=step)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


class _Install:
    """One install run (lock held)."""

    def __init__(self, settings: UpdaterSettings, now: Callable[[], datetime]) -> None:
        self.s = settings
        self.now = now
        self.dirs = ReleaseDirs(settings.root)
        self.state = StateFiles(settings.root)
        self.started = _iso(now())

    def record(self, version: str, from_version: str | None, *, result: Result, code: str,
               message: str) -> None:
        attempt = Attempt(version=version, from_version=from_version,
                          started_at=self.started, finished_at=_iso(self.now()),
                          result=result, code=code, message=message)
        try:
            self.state.record(attempt)
        except OSError as exc:  # the outcome stands; only its record is lost
            log_event(log, logging.ERROR, "update_state_unwritable", error=exc.strerror)

    def build(self, bundle: VerifiedBundle) -> None:
        """Unpack and build ``releases/V`` unless a complete one is there already."""
        version = bundle.version
        if self.dirs.is_complete(version):
            return
        stage = self.dirs.stage_of(version)
        self.dirs.remove(stage)
        self.dirs.remove(self.dirs.path_of(version))
        bundle.unpack_to(stage)
        _checkpoint("unpacked")
        target = self.dirs.path_of(version)
        target.mkdir()
        try:
            build_venv(target / "venv", stage / "wheels", requirement=bundle.manifest.requirement)
        except BuildFailedError as exc:
            self.dirs.remove(target)
            self.dirs.remove(stage)
            raise BuildFailedError(f"venv of {version}: {exc.message}") from None
        _checkpoint("venv_built")
        for name in ("manifest.json", "manifest.sig"):
            shutil.copyfile(stage / name, target / name)
        self.dirs.mark_verified(version, {"version": version, "sha256": bundle.sha256,
                                          "key_id": bundle.manifest.key_id,
                                          "verified_at": _iso(self.now())})
        _checkpoint("verified")
        # The wheels stay in the store: the next release is fetched without those it shares.
        self.dirs.keep_in_store((stage / entry.path, entry.sha256)
                                for entry in bundle.manifest.files)
        self.dirs.remove(stage)

    def migrate(self, version: str) -> None:
        """Run the new version's migrations on the live database; raises UpdateError."""
        argv = [str(self.dirs.kiosk_command(version)), "db", "upgrade", "--db", str(self.s.db)]
        if self.s.config_file is not None:
            argv += ["--config", str(self.s.config_file)]
        try:
            done = subprocess.run(argv, capture_output=True, text=True, env=clean_env(),
                                  timeout=MIGRATE_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise MigrationFailedError(f"kiosk db upgrade: {exc}") from None
        if done.returncode != 0:
            tail = " | ".join(done.stderr.strip().splitlines()[-2:])
            raise MigrationFailedError(
                f"kiosk db upgrade of {version} exited {done.returncode}: {tail}")

    def restart(self) -> str | None:
        """Run the restart command; the problem, or None if it exited 0."""
        try:
            done = subprocess.run(list(self.s.restart_command), capture_output=True, text=True,
                                  timeout=RESTART_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"restart command failed: {exc}"
        if done.returncode != 0:
            tail = " | ".join(done.stderr.strip().splitlines()[-2:])
            return f"restart command exited {done.returncode}: {tail}"
        return None

    def wait_healthy(self, version: str, since: datetime) -> list[str]:
        """Poll the health marks until every component reports ``version`` written
        at or after ``since``; the components still missing at the timeout."""
        deadline = time.monotonic() + self.s.health_timeout_s
        while True:
            missing = []
            for component in COMPONENTS:
                mark = read_mark(component, health_dir=self.s.health_dir)
                if mark is None or mark.version != version or mark.at < since:
                    missing.append(component)
            if not missing or time.monotonic() >= deadline:
                return missing
            time.sleep(_POLL_S)

    def put_back_database(self, journal: Journal) -> str:
        """The pre-update database again, plus what villagers did since the backup.

        One transaction on the live file (update.db_backup.revert_database):
        the backup's schema and rows, plus the live complaints and counters.
        Rows that do not fit stay in a kept copy for IT staff; a note saying
        so is returned. Idempotent: a crash leaves the live file as it was.
        """
        db, set_aside = self.s.db, self.s.backup_path.with_name("abandoned.db")
        if not journal.db_existed:  # the new version created it: keep it aside, whole
            if db.exists():
                kept = self.keep_aside(db, journal.version)
                for suffix in ("-wal", "-shm"):
                    with contextlib.suppress(FileNotFoundError):
                        Path(f"{db}{suffix}").unlink()
                return f"; its database kept in {kept}"
            return ""
        if not db.exists():  # gone altogether: the backup is all there is
            backup_database(self.s.backup_path, db)
            _checkpoint("restored")
            return ""
        reverted = revert_database(self.s.backup_path, db, set_aside=set_aside,
                                   checkpoint=_checkpoint)
        if reverted.misfit is not None:
            kept = self.keep_aside(set_aside, journal.version)
            log_event(log, logging.ERROR, "update_carry_over_failed", error=reverted.misfit,
                      kept=str(kept))
            return f"; complaints filed since the backup could not be carried over: kept in {kept}"
        set_aside.unlink()
        log_event(log, logging.INFO, "update_carried_over", complaints=reverted.carried)
        return ""

    def keep_aside(self, path: Path, version: str) -> Path:
        """Move ``path`` to a dated name next to the backup (kept until IT staff delete it)."""
        stamp = self.now().astimezone(UTC).strftime("%Y%m%dT%H%M%S")
        kept = self.s.backup_path.with_name(f"abandoned-{version}-{stamp}.db")
        os.replace(path, kept)
        return kept

    def back_out(self, journal: Journal, *, code: str, message: str, restart: bool) -> None:
        """Undo an install past the backup (journal phase ``migrate``): old links,
        old database, new version deleted, failure recorded. Idempotent."""
        version, old = journal.version, journal.from_version
        if old is not None and self.dirs.is_complete(old):
            self.dirs.point(self.dirs.current_link, old)
            prev = journal.previous_before
            self.dirs.point(self.dirs.previous_link,
                            prev if prev is not None and self.dirs.is_complete(prev) else None)
        _checkpoint("relinked")
        message += self.put_back_database(journal)
        if old is not None and version != old and self.dirs.current() == old:
            self.dirs.remove(self.dirs.path_of(version))
        if restart:
            problem = self.restart()
            if problem:
                log_event(log, logging.ERROR, "update_restart_after_revert_failed",
                          error=problem)
        self.record(version, old, result="failed", code=code, message=message)
        self.state.clear_journal()
        log_event(log, logging.ERROR, "update_reverted", version=version, back_to=old,
                  code=code, error=message)


def install_bundle(bundle_path: Path, settings: UpdaterSettings, *,
                   public_key: Ed25519PublicKey, pinned: bool = False,
                   pinned_version: str | None = None,
                   now: Callable[[], datetime] = lambda: datetime.now(UTC),
                   gate: Callable[[bool], Gate] | None = None) -> InstallOutcome:
    """Install ``bundle_path`` (see the module docstring); blocks for the health wait.

    ``pinned`` allows a version lower than the current one (IT staff said
    ``--allow-downgrade``); ``pinned_version`` allows that one version only (the
    county's signed pin, which the caller verified). Raises :class:`UpdateError`:
    a ``release.*`` code when the bundle was refused (nothing touched),
    ``update.build_failed`` (nothing touched), ``update.migration_failed``,
    ``update.restart_failed`` or ``update.unhealthy`` (switched back, database
    restored). Waits for the install lock if another install or a recovery
    holds it. ``OSError`` / ``sqlite3.Error`` escape only when the file system
    or the backup itself fails; the journal then stays for :func:`recover`.

    ``gate`` (update.gate.check_gate; None: no gate, IT staff at the console) is
    asked, with the verified manifest's ``urgent``, whether the kiosk may be
    restarted now: after verification and again after the (long) build, right
    before anything live changes. "Not now" raises :class:`DeferredError`; a
    version already built stays complete on disk, so the next try is quick.
    """
    run = _Install(settings, now)
    dirs = run.dirs
    with dirs.lock():
        recover(settings, locked=True)
        _checkpoint("start")
        old = dirs.current()
        try:
            bundle = verify_bundle(bundle_path, public_key, now=now(), channel=settings.channel,
                                   installed_version=old, pinned=pinned,
                                   pinned_version=pinned_version)
        except ReleaseError as exc:
            message = exc.message
            run.record(_bundle_name(bundle_path), old, result="refused", code=str(exc.code),
                       message=message)
            log_event(log, logging.ERROR, "update_refused", bundle=bundle_path.name,
                      code=str(exc.code), error=message)
            raise RefusedError(message, code=str(exc.code)) from None
        except OSError as exc:
            raise UnreadableError(f"{bundle_path}: {exc.strerror}") from None
        version = bundle.version
        if version == old:
            return InstallOutcome(version, old, False, f"{version} is already current")
        _ask(gate, bundle, "verified")
        log_event(log, logging.INFO, "update_start", version=version, current=old)
        try:
            run.build(bundle)
        except UpdateError as exc:
            run.record(version, old, result="failed", code=exc.code, message=exc.message)
            raise
        except ReleaseError as exc:  # the file changed between verify and unpack
            run.record(version, old, result="refused", code=str(exc.code),
                       message=exc.message)
            raise RefusedError(exc.message, code=str(exc.code)) from None
        _ask(gate, bundle, "built")

        journal = Journal(version=version, from_version=old,
                          previous_before=dirs.previous(), phase="backup",
                          db_existed=settings.db.exists(), started_at=run.started)
        run.state.write_journal(journal)
        if journal.db_existed:
            backup_database(settings.db, settings.backup_path)
        _checkpoint("backed_up")
        journal = replace(journal, phase="migrate")
        run.state.write_journal(journal)
        _checkpoint("journal")
        try:
            run.migrate(version)
        except UpdateError as exc:
            run.back_out(journal, code=exc.code, message=exc.message, restart=False)
            raise
        _checkpoint("migrated")

        since = now()
        if old is not None:
            dirs.point(dirs.previous_link, old)
        dirs.point(dirs.current_link, version)
        _checkpoint("switched")
        problem = run.restart()
        if problem is not None:
            run.back_out(journal, code="update.restart_failed", message=problem, restart=True)
            raise RestartFailedError(problem)
        _checkpoint("restarted")
        missing = run.wait_healthy(version, since)
        if missing:
            message = (f"{', '.join(missing)} did not report {version} healthy within "
                       f"{settings.health_timeout_s:g} s")
            run.back_out(journal, code="update.unhealthy", message=message, restart=True)
            raise UnhealthyError(message)
        run.state.write_journal(replace(journal, phase="done"))
        _checkpoint("healthy")
        run.record(version, old, result="ok", code="update.ok",
                   message=f"{version} installed and healthy")
        run.state.clear_journal()
        pruned = dirs.prune(settings.keep)
        dirs.prune_store()
        if settings.spool is not None:
            pruned += clean_spool(settings.spool, version)
        log_event(log, logging.INFO, "update_done", version=version, previous=old,
                  pruned=",".join(pruned) or None)
        return InstallOutcome(version, old, True, f"{version} installed and healthy")


def _ask(gate: Callable[[bool], Gate] | None, bundle: VerifiedBundle, step: str) -> None:
    """Raise DeferredError unless ``gate`` lets the install go on (see install_bundle)."""
    if gate is None:
        return
    decision = gate(bundle.manifest.urgent)
    if not decision.go:
        log_event(log, logging.INFO, "update_deferred", version=bundle.version, step=step,
                  reason=decision.reason, why=decision.message)
        raise DeferredError(decision.message, version=bundle.version, reason=decision.reason)
    if decision.note:
        log_event(log, logging.WARNING, "update_gate_passed", version=bundle.version,
                  step=step, note=decision.note)


def _bundle_name(path: Path) -> str:
    return path.name.removesuffix(".tar")


def recover(settings: UpdaterSettings, *, locked: bool = False) -> list[str]:
    """Finish or undo what a killed installer left (`kiosk update recover`, at boot).

    An install journalled past the backup is undone (old links, database
    restored, failure recorded as ``update.interrupted``); then half-built
    directories are removed and ``current`` is repaired (ReleaseDirs.recover).
    Does not restart services (at boot they are not up yet). Returns lines
    describing what was done. Raises ``OSError`` / ``sqlite3.Error``.
    """
    run = _Install(settings, lambda: datetime.now(UTC))
    done: list[str] = []
    with contextlib.ExitStack() as stack:
        if not locked:
            stack.enter_context(run.dirs.lock())
        journal = run.state.journal()
        if journal is not None:
            if journal.phase == "migrate":
                run.back_out(journal, code="update.interrupted",
                             message=f"the install of {journal.version} was interrupted; "
                                     f"back to {journal.from_version}", restart=False)
                done.append(f"undid the interrupted install of {journal.version}")
            else:
                run.state.clear_journal()
        with contextlib.suppress(FileNotFoundError):
            settings.backup_path.with_name(settings.backup_path.name + ".part").unlink()
        report = run.dirs.recover()
        if report.removed:
            done.append("removed incomplete: " + ", ".join(report.removed))
        if report.relinked:
            done.append(f"current now points at {report.current}")
    return done
