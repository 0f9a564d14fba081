"""What the updater remembers between runs: the last attempt, and the journal of one in flight.

``ROOT/update-state.json`` (mode 0644: `kiosk syncd`, unprivileged, reads it
so it does not download a version that just failed again) holds the last
install attempt and its result. ``ROOT/update-journal.json`` exists only
while an install is past the point where the database may change; if the
installer dies, `kiosk update recover` finds it and puts the old version
and the database backup back. Both are replaced atomically.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from kiosk.files import atomic_write_bytes

__all__ = ["Attempt", "Journal", "Outcome", "Phase", "Result", "StateFiles"]

#: Journal phases: ``backup`` (the live database is untouched), ``migrate`` (the
#: database may have changed, ``current`` may point at the new version), ``done``
#: (the new version reported healthy; nothing to undo).
Phase = Literal["backup", "migrate", "done"]
#: How an attempt ended: installed, refused before anything was touched, or failed and undone.
Result = Literal["ok", "refused", "failed"]
#: What that meant for the terminal, as the heartbeat and the clerk screen say it:
#: ``reverted`` switched and was put back, ``failed`` never got as far as switching.
Outcome = Literal["installed", "refused", "reverted", "failed"]

#: The updater's ``failed`` codes that mean "switched, then put back" (Updater.back_out);
#: any other failure (``update.build_failed``) happened before anything was touched.
_REVERTED_CODES = frozenset({"update.migration_failed", "update.restart_failed",
                             "update.unhealthy", "update.interrupted"})


@dataclass(frozen=True)
class Attempt:
    """One install attempt: ``result`` is ok, refused (nothing touched) or failed (reverted)."""

    version: str
    from_version: str | None
    started_at: str
    finished_at: str
    result: Result
    code: str
    message: str

    @property
    def outcome(self) -> Outcome:
        """``installed``, ``refused``, ``reverted`` or ``failed`` (see :data:`Outcome`)."""
        if self.result == "ok":
            return "installed"
        if self.result == "refused":
            return "refused"
        return "reverted" if self.code in _REVERTED_CODES else "failed"


@dataclass(frozen=True)
class Journal:
    """An install in flight (see the module docstring)."""

    version: str
    from_version: str | None
    previous_before: str | None
    phase: Phase
    db_existed: bool
    started_at: str


class StateFiles:
    """The two state files under the install root."""

    def __init__(self, root: Path) -> None:
        self.state_path = root / "update-state.json"
        self.journal_path = root / "update-journal.json"

    def last_attempt(self) -> Attempt | None:
        """The last recorded attempt, or None (never tried, or unreadable)."""
        data = _read(self.state_path)
        try:
            return Attempt(**data["last_attempt"]) if data else None
        except (KeyError, TypeError):
            return None

    def record(self, attempt: Attempt) -> None:
        """Replace the last attempt. Raises ``OSError``."""
        atomic_write_bytes(self.state_path, _dump({"last_attempt": asdict(attempt)}),
                           mode=0o644)

    def journal(self) -> Journal | None:
        """The journal of an install in flight, or None."""
        data = _read(self.journal_path)
        try:
            return Journal(**data) if data else None
        except TypeError:
            return None

    def write_journal(self, journal: Journal) -> None:
        """Write (replace) the journal. Raises ``OSError``."""
        atomic_write_bytes(self.journal_path, _dump(asdict(journal)), mode=0o644)

    def clear_journal(self) -> None:
        """Remove the journal (the install is over, one way or the other)."""
        with contextlib.suppress(FileNotFoundError):
            self.journal_path.unlink()


def _dump(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False).encode("utf-8")


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
