"""A release syncd would not hand over to root, remembered so the heartbeat reports it.

Root's updater records its own install attempts (kiosk.update_state), but a
release can fail before root ever sees it: no release key yet
(``update.no_key``), a bundle that does not verify (``release.*``), a
download that differs from the offer, a spool it cannot write. syncd then
writes ``SPOOL/fetch-refused.json`` (an :class:`~kiosk.update_state.Attempt`
with result ``refused``), and sync.update_report sends whichever of the two
records is newer: the county sees the reason in `county terminals` and
counts it in `county release list`. A release handed over cleanly removes
the record. Transient faults (the county out of reach, a 5xx, rate limits)
are not refusals and are not recorded.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from kiosk import __version__
from kiosk.files import atomic_write_bytes
from kiosk.update_state import Attempt
from sync.errors import NetworkError, RateLimitedError, ServerError, SyncError

__all__ = ["REFUSAL_FILE", "clear_refusal", "last_refusal", "record_refusal"]

#: Under the spool (syncd's own, writable by it).
REFUSAL_FILE = "fetch-refused.json"
_TRANSIENT = (NetworkError, ServerError, RateLimitedError)


def record_refusal(spool: Path, version: str, exc: SyncError | OSError, *,
                   now: datetime) -> Attempt | None:
    """Remember that ``version`` was refused with ``exc``; None (nothing written) for a
    transient fault. ``now`` must be aware. Raises nothing: a spool that cannot be
    written loses the record, not the heartbeat."""
    if isinstance(exc, _TRANSIENT):
        return None
    code = exc.code if isinstance(exc, SyncError) else "release.spool_unwritable"
    stamp = now.isoformat()
    attempt = Attempt(version=version[:40], from_version=__version__, started_at=stamp,
                      finished_at=stamp, result="refused", code=str(code)[:60],
                      message=str(exc)[:500])
    with contextlib.suppress(OSError):
        spool.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(spool / REFUSAL_FILE,
                           json.dumps(asdict(attempt), ensure_ascii=False).encode("utf-8"),
                           mode=0o644)
    return attempt


def clear_refusal(spool: Path) -> None:
    """Forget the refusal (a release was handed over). Raises nothing."""
    with contextlib.suppress(OSError):
        (spool / REFUSAL_FILE).unlink(missing_ok=True)


def last_refusal(spool: Path) -> Attempt | None:
    """The recorded refusal, or None (none, or unreadable)."""
    try:
        data = json.loads((spool / REFUSAL_FILE).read_text(encoding="utf-8"))
        attempt = Attempt(**data)
    except (OSError, ValueError, TypeError):
        return None
    return attempt if attempt.result == "refused" else None
