"""The install gate's decision table (kiosk.update_window), the window key, the session file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk import clock
from kiosk.config import ConfigError, load_config
from kiosk.session_state import SessionTracker, parse_session, session_bytes
from kiosk.update_window import (
    HEARTBEAT_S,
    QUIET_AFTER,
    STALE_AFTER,
    SessionReading,
    Window,
    decide,
    parse_window,
)

DAY = clock.parse_day("2026-12-04")


def at(hour: int, minute: int = 0) -> datetime:
    """``hour:minute`` Beijing time on DAY."""
    return clock.at_local(DAY, hour, minute)


NIGHT = parse_window("02:00-05:00")
ACROSS = parse_window("22:00-04:00")
S = timedelta(seconds=1)


def busy(now: datetime, *, age: timedelta = 10 * S) -> SessionReading:
    return SessionReading("busy", since=now - 90 * S, heartbeat=now - age)


def idle(now: datetime, *, ended: timedelta = 10 * 60 * S,
         age: timedelta = 10 * S) -> SessionReading:
    return SessionReading("idle", since=now - ended, heartbeat=now - age)


def unreadable(now: datetime, *, age: timedelta | None) -> SessionReading:
    return SessionReading("unreadable", heartbeat=None if age is None else now - age,
                          problem="not UTF-8 JSON")


ABSENT = SessionReading("absent")

# (case, now, window, urgent, session, go, reason, note contains)
CASES = [
    ("no window, nobody", at(10), None, False, ABSENT, True, "go", ""),
    ("inside the window, idle", at(3), NIGHT, False, idle(at(3)), True, "go", ""),
    ("window start is inside", at(2), NIGHT, False, ABSENT, True, "go", ""),
    ("a minute before the end", at(4, 59), NIGHT, False, ABSENT, True, "go", ""),
    ("window end is outside", at(5), NIGHT, False, ABSENT, False, "outside_window", ""),
    ("daytime, idle", at(10), NIGHT, False, idle(at(10)), False, "outside_window", ""),
    ("daytime, urgent, idle", at(10), NIGHT, True, idle(at(10)), True, "go", "urgent"),
    ("daytime, urgent, busy", at(10), NIGHT, True, busy(at(10)), False, "session_active",
     ""),
    ("inside, busy", at(3), NIGHT, False, busy(at(3)), False, "session_active", ""),
    ("no window, busy", at(15), None, False, busy(at(15)), False, "session_active", ""),
    ("busy but stale", at(3), NIGHT, False, busy(at(3), age=STALE_AFTER + S), True, "go",
     "stale"),
    ("busy, heartbeat far ahead", at(3), NIGHT, False, busy(at(3), age=-(STALE_AFTER + S)),
     True, "go", "stale"),
    ("busy, heartbeat at the limit", at(3), NIGHT, False, busy(at(3), age=STALE_AFTER),
     False, "session_active", ""),
    ("unreadable, fresh", at(3), NIGHT, False, unreadable(at(3), age=10 * S), False,
     "session_unreadable", ""),
    ("unreadable, stale", at(3), NIGHT, False, unreadable(at(3), age=STALE_AFTER + S), True,
     "go", "unreadable"),
    ("unreadable, no time", at(3), NIGHT, False, unreadable(at(3), age=None), True, "go",
     "unreadable"),
    ("urgent, unreadable fresh", at(10), NIGHT, True, unreadable(at(10), age=S), False,
     "session_unreadable", ""),
    ("session just ended", at(3), NIGHT, False, idle(at(3), ended=QUIET_AFTER - S), False,
     "session_active", ""),
    ("quiet long enough", at(3), NIGHT, False, idle(at(3), ended=QUIET_AFTER), True, "go",
     ""),
    ("idle but stale", at(3), NIGHT, False, idle(at(3), ended=S, age=STALE_AFTER + S), True,
     "go", "stale"),
    ("across midnight, late evening", at(23, 30), ACROSS, False, ABSENT, True, "go", ""),
    ("across midnight, early morning", at(3, 59), ACROSS, False, ABSENT, True, "go", ""),
    ("across midnight, its end", at(4), ACROSS, False, ABSENT, False, "outside_window", ""),
    ("across midnight, before it", at(21, 59), ACROSS, False, ABSENT, False,
     "outside_window", ""),
]


@pytest.mark.parametrize(("case", "now", "window", "urgent", "session", "go", "reason",
                          "note"), CASES, ids=[c[0] for c in CASES])
def test_decision_table(case: str, now: datetime, window: Window | None, urgent: bool,
                        session: SessionReading, go: bool, reason: str, note: str) -> None:
    gate = decide(now=now, window=window, urgent=urgent, session=session)
    assert (gate.go, gate.reason) == (go, reason), gate.message
    assert note in gate.note
    if reason == "outside_window":
        assert gate.message == f"waiting for window {window} (Beijing time)"


def test_window_is_beijing_time_whatever_zone_now_is_in() -> None:
    assert NIGHT is not None
    assert NIGHT.contains(at(3).astimezone(UTC))  # 19:00 UTC the day before
    assert not NIGHT.contains(at(10).astimezone(UTC))


@pytest.mark.parametrize(("text", "problem"), [
    ("2-5", 'expected "HH:MM-HH:MM"'),
    ("02:00 - 05:00", 'expected "HH:MM-HH:MM"'),
    ("25:00-03:00", "25:00 is not a time of day"),
    ("02:00-03:60", "03:60 is not a time of day"),
    ("02:00-02:00", "starts and ends at the same time"),
])
def test_bad_windows_say_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_window(text)


def test_window_strings() -> None:
    assert parse_window("") is None
    assert str(parse_window("22:30-04:00")) == "22:30-04:00"


def test_config_window_key(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[update]\nwindow = "01:30-05:00"\n', encoding="utf-8")
    assert load_config(path).update.window == "01:30-05:00"
    path.write_text('[update]\nwindow = "24:00-05:00"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.key == "update.window"
    assert caught.value.problem == "24:00 is not a time of day (00:00 to 23:59) in '24:00-05:00'"
    path.write_text("[update]\nwindow = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).endswith("update.window: expected string, got int 2")


def test_session_file_round_trip_and_garbage() -> None:
    now = at(3)
    data = session_bytes(busy=True, since=now - 5 * S, heartbeat=now, pid=7)
    assert parse_session(data) == (True, now - 5 * S, now)
    body = json.loads(data)
    for broken, problem in [
        (b"\xff\xfe", "not UTF-8 JSON"),
        (b"[]", "not a format-1 session object"),
        (json.dumps({**body, "state": "maybe"}).encode(), "neither busy nor idle"),
        (json.dumps({**body, "heartbeat": "2026-12-04T03:00:00"}).encode(),
         "heartbeat is not an ISO time with a zone"),
        (json.dumps({**body, "since": 5}).encode(), "since is not an ISO time"),
        (b" " * 5000, "more than 4096 bytes"),
    ]:
        with pytest.raises(ValueError, match=problem):
            parse_session(broken)


def test_tracker_writes_on_change_and_renews_the_heartbeat(tmp_path: Path) -> None:
    moments = [at(9)]
    tracker = SessionTracker(tmp_path / "health" / "session.json", lambda: moments[0])

    def file() -> tuple[bool, datetime, datetime]:
        return parse_session(tracker.path.read_bytes())

    assert tracker.observe(False)
    assert file() == (False, at(9), at(9))
    moments[0] += 5 * S
    assert not tracker.observe(False)  # nothing changed, heartbeat not due
    assert tracker.observe(True)  # a card: busy at once
    assert file() == (True, at(9) + 5 * S, at(9) + 5 * S)
    moments[0] += HEARTBEAT_S * S
    assert tracker.observe(True)  # heartbeat renewed, since kept
    assert file() == (True, at(9) + 5 * S, at(9) + (5 + HEARTBEAT_S) * S)
    assert tracker.path.stat().st_mode & 0o777 == 0o644
    # A runtime directory it cannot write (here: a file in the way): no exception.
    (tmp_path / "blocked").write_bytes(b"")
    stuck = SessionTracker(tmp_path / "blocked" / "session.json", lambda: moments[0])
    assert not stuck.observe(True)
    assert stuck.failed
