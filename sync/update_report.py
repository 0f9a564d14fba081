"""The updater's last attempt, as the heartbeat reports it to the county.

syncd runs unprivileged and only reads what the root updater wrote
(``ROOT/update-state.json`` through :class:`~kiosk.update_state.StateFiles`,
the complete versions under ``ROOT/releases``): county IT staff then see a
refused or reverted release in `county terminals` without visiting the
terminal. A release syncd itself refused before root saw it (no release
key, a bundle that does not verify: sync.fetch_refusal) is reported when it
is newer than root's last attempt.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from kiosk.logfmt import log_event
from kiosk.release_dirs import ReleaseDirs
from kiosk.update_state import Attempt, StateFiles
from sync.fetch_refusal import last_refusal
from sync.protocol import UpdateReport
from sync.protocol.messages import MAX_REPORTED_VERSIONS

__all__ = ["update_report"]

log = logging.getLogger("sync.update_report")

def _newer(first: Attempt | None, second: Attempt | None) -> Attempt | None:
    if first is None or second is None:
        return first or second
    try:
        later = datetime.fromisoformat(second.finished_at) > \
            datetime.fromisoformat(first.finished_at)
    except (ValueError, TypeError):
        return first
    return second if later else first


def update_report(root: Path, spool: Path | None = None) -> UpdateReport | None:
    """The last install attempt under the install ``root`` — or syncd's refusal under
    ``spool`` when that is newer — or None.

    None when there was never an attempt, or the record cannot be read or
    does not fit the protocol (logged: a broken record must not stop the
    heartbeat). Over-long texts are cut to the protocol's limits. Reads
    files only; runs on the caller's thread; raises nothing.
    """
    attempt = _newer(StateFiles(root).last_attempt(),
                     last_refusal(spool) if spool is not None else None)
    if attempt is None:
        return None
    try:
        installed = ReleaseDirs(root).installed()
    except OSError:
        installed = []
    try:
        return UpdateReport(
            version=attempt.version[:40],
            from_version=attempt.from_version[:40] if attempt.from_version else None,
            result=attempt.outcome, code=attempt.code[:60], message=attempt.message[:500],
            finished_at=datetime.fromisoformat(attempt.finished_at),
            installed=[v[:40] for v in installed[-MAX_REPORTED_VERSIONS:]])
    except (ValidationError, ValueError, TypeError) as exc:
        log_event(log, logging.WARNING, "update_state_unreportable", error=str(exc)[:300])
        return None
