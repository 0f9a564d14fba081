"""The one clock seam (kiosk.clock) and the ``--today`` option that moves it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from reference import REFERENCE_DAY, REFERENCE_NOW

from kiosk import clock
from kiosk.timefmt import LOCAL_TZ


def test_the_suite_runs_on_the_reference_clock() -> None:
    assert clock.today() == REFERENCE_DAY
    assert timedelta(0) <= clock.now() - REFERENCE_NOW < timedelta(minutes=10)


def test_moved_clock_keeps_ticking() -> None:
    clock.travel_to(datetime(2030, 5, 1, 12, 0, tzinfo=UTC))
    first = clock.now()
    while clock.now() == first:  # the system clock advances; so does the moved one
        pass
    assert clock.now() > first
    assert first - datetime(2030, 5, 1, 12, 0, tzinfo=UTC) < timedelta(minutes=10)


@pytest.mark.parametrize(("moment", "day"), [
    # Beijing is 8 hours ahead: the local date turns before the UTC one does.
    (datetime(2026, 12, 31, 15, 59, tzinfo=UTC), date(2026, 12, 31)),
    (datetime(2026, 12, 31, 16, 30, tzinfo=UTC), date(2027, 1, 1)),
    (datetime(2028, 2, 29, 2, 0, tzinfo=LOCAL_TZ), date(2028, 2, 29)),
])
def test_today_is_the_beijing_date(moment: datetime, day: date) -> None:
    clock.travel_to(moment)
    assert clock.today() == day
    assert clock.local_now().tzinfo is not None and clock.now().tzinfo is not None


def test_set_today_keeps_the_time_of_day() -> None:
    clock.travel_to(datetime(2026, 11, 20, 23, 59, 30, tzinfo=LOCAL_TZ))
    clock.set_today(date(2028, 2, 29))
    assert clock.today() == date(2028, 2, 29)
    assert clock.local_now().strftime("%H:%M") == "23:59"


def test_reset_and_naive_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        clock.travel_to(datetime(2026, 1, 1))
    clock.reset()
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-2-3", "tomorrow", "20261203", ""])
def test_parse_day_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(clock.BadDay, match="YYYY-MM-DD"):
        clock.parse_day(text)


def test_today_option_refuses_a_bad_day(tmp_path: Path) -> None:
    for command in (["kiosk.cli.main", "db", "seed-demo", "--db", str(tmp_path / "k.db")],
                    ["county.cli", "seed-demo", "--db", f"sqlite:///{tmp_path / 'c.db'}"]):
        proc = subprocess.run([sys.executable, "-m", *command, "--today", "2026-02-30"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert "not a calendar date of the form YYYY-MM-DD: '2026-02-30'" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_county_seed_demo_today(tmp_path: Path) -> None:
    db = tmp_path / "county.db"
    proc = subprocess.run([sys.executable, "-m", "county.cli", "seed-demo", "--db",
                           f"sqlite:///{db}", "--today", "2028-02-29", "--json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    con = sqlite3.connect(db)
    try:
        published, expires = con.execute(
            "SELECT max(published_on), min(expires_on) FROM notice").fetchone()
        first, last, pending = con.execute(
            "SELECT min(paid_on), max(paid_on), sum(status = 'pending') FROM payment").fetchone()
    finally:
        con.close()
    assert published <= "2028-02-29" <= expires
    assert first.startswith("2024-") and last.startswith("2028-02-") and pending > 0


def test_demo_county_made_for_another_day_is_made_afresh(tmp_path: Path) -> None:
    from ui.demo_county import _forget_other_days

    county_db = tmp_path / "county.db"
    files = [county_db, tmp_path / "county.db-wal", tmp_path / ".enrolled-with-county"]
    for path in files:
        path.write_text("x", encoding="utf-8")
    (tmp_path / "county.today").write_text("2026-12-03\n", encoding="utf-8")
    _forget_other_days(tmp_path, county_db, "2026-12-03")
    assert all(path.exists() for path in files), "made for this day: kept"
    _forget_other_days(tmp_path, county_db, "2026-12-04")
    assert not any(path.exists() for path in files)
    assert not (tmp_path / "county.today").exists()
