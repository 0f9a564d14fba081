"""When the installer may restart the kiosk: the install window and the villager session.

Pure decisions, no I/O (docs/releases.md, "When an install runs"). The root
installer reads the kiosk's session file (update.gate) and the config, then
asks :func:`decide`; the answer is a :class:`Gate`: go, or wait and why.

The rules, in order:

1. A configured window (``[update] window = "02:00-05:00"``, Beijing time,
   start inclusive, end exclusive; ``"22:00-04:00"`` crosses midnight) holds
   an install outside it — unless the county signed the release urgent.
2. Whatever the window or urgency: an install never starts while a villager
   uses the kiosk. The UI says so in its session file, with a heartbeat it
   renews every :data:`HEARTBEAT_S` seconds. A file whose heartbeat is older
   than :data:`STALE_AFTER` (a crashed or hung UI) no longer holds anything;
   nor does one whose heartbeat lies that far in the future (a clock set
   back, or a planted file). A file that cannot be parsed holds the install
   as "busy" until its modification time is that old.
   An idle file holds the install for :data:`QUIET_AFTER` after the session
   ended: the next villager in the queue is often already at the screen.
3. No file at all (the UI has not started, or runs a version that does not
   write one) holds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal

from kiosk.timefmt import LOCAL_TZ

__all__ = ["HEARTBEAT_S", "QUIET_AFTER", "STALE_AFTER", "Gate", "SessionReading", "Window",
           "decide", "parse_window"]

#: How often the UI rewrites its session file while it runs (seconds).
HEARTBEAT_S = 30
#: A session file whose heartbeat is older than this no longer holds an install.
STALE_AFTER = timedelta(minutes=5)
#: How long the screen must have been idle before an install may restart it.
QUIET_AFTER = timedelta(minutes=1)

_WINDOW = re.compile(r"(\d{2}):(\d{2})-(\d{2}):(\d{2})")


@dataclass(frozen=True)
class Window:
    """A daily span of Beijing time; ``end`` before ``start`` crosses midnight."""

    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def contains(self, moment: datetime) -> bool:
        """Whether ``moment`` (aware) falls inside the window, in Beijing time."""
        t = moment.astimezone(LOCAL_TZ).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end


def parse_window(text: str) -> Window | None:
    """``"HH:MM-HH:MM"`` as a :class:`Window`; ``""`` is None (any time).

    Raises ``ValueError`` with a message for IT staff: bad form, an hour
    above 23 or a minute above 59, or the same start and end.
    """
    if text == "":
        return None
    match = _WINDOW.fullmatch(text)
    if match is None:
        raise ValueError(f'expected "HH:MM-HH:MM" (Beijing time, e.g. "02:00-05:00"), '
                         f"or \"\" for any time; got {text!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    for hour, minute in ((h1, m1), (h2, m2)):
        if hour > 23 or minute > 59:
            raise ValueError(f"{hour:02d}:{minute:02d} is not a time of day (00:00 to 23:59) "
                             f"in {text!r}")
    if (h1, m1) == (h2, m2):
        raise ValueError(f"the window {text!r} starts and ends at the same time "
                         '(write "" to allow any time)')
    return Window(time(h1, m1), time(h2, m2))


#: What the session file said: no file, idle, busy, or not a session file at all.
SessionKind = Literal["absent", "idle", "busy", "unreadable"]


@dataclass(frozen=True)
class SessionReading:
    """The kiosk's session file as root read it.

    ``since`` is when the villager session began (busy) or ended (idle);
    ``heartbeat`` when the UI last wrote the file — for an unreadable file,
    its modification time. Both None when absent.
    """

    kind: SessionKind
    since: datetime | None = None
    heartbeat: datetime | None = None
    problem: str = ""


#: Why an install goes ahead or waits (logged, and recorded while waiting).
Reason = Literal["go", "outside_window", "session_active", "session_unreadable"]


@dataclass(frozen=True)
class Gate:
    """The decision: ``go`` or wait; ``reason`` as in :data:`Reason`; ``note`` says more
    (why it goes although the file said busy: ``session file stale``); ``message``
    is the English line for logs and `kiosk update status`."""

    go: bool
    reason: Reason
    message: str
    note: str = ""


def _fresh(heartbeat: datetime | None, now: datetime) -> bool:
    """Whether a heartbeat still counts: not older than STALE_AFTER, not that far ahead."""
    return heartbeat is not None and abs(now - heartbeat) <= STALE_AFTER


def decide(*, now: datetime, window: Window | None, urgent: bool,
           session: SessionReading) -> Gate:
    """May an install restart the kiosk at ``now``? See the module docstring."""
    if window is not None and not urgent and not window.contains(now):
        return Gate(False, "outside_window", f"waiting for window {window} (Beijing time)")
    notes = []
    if urgent and window is not None and not window.contains(now):
        notes.append(f"urgent release: outside window {window}")
    fresh = _fresh(session.heartbeat, now)
    if session.kind == "busy":
        if fresh:
            since = session.since.astimezone(LOCAL_TZ) if session.since else None
            return Gate(False, "session_active",
                        "waiting for the villager session to end"
                        + (f" (busy since {since:%H:%M:%S})" if since else ""))
        notes.append("session file stale: busy, but its heartbeat is "
                     + ("missing" if session.heartbeat is None else
                        f"{int((now - session.heartbeat).total_seconds())} s old"))
    elif session.kind == "unreadable":
        if fresh:
            return Gate(False, "session_unreadable",
                        f"waiting: the session file is unreadable ({session.problem}); "
                        f"taken as busy until it is {int(STALE_AFTER.total_seconds())} s old")
        notes.append(f"session file unreadable ({session.problem}) and stale")
    elif session.kind == "idle" and not fresh:
        notes.append("session file stale")
    elif session.kind == "idle" and session.since is not None and \
            timedelta(0) <= now - session.since < QUIET_AFTER:
        ended = session.since.astimezone(LOCAL_TZ)
        return Gate(False, "session_active",
                    f"waiting: a session ended at {ended:%H:%M:%S}; an install waits "
                    f"{int(QUIET_AFTER.total_seconds())} s of quiet")
    note = "; ".join(notes)
    return Gate(True, "go", "may install now" + (f" ({note})" if note else ""), note)
