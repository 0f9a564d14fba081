"""Public rolls (公示花名册) on the real county server and the real `kiosk syncd` (issue 17).

A department file with names, 组 and 家庭人口 is imported for two villages; the
county makes 低保 public for 30 days. The 青山村 terminal gets its village's
roll through the snapshot and every later change through ``changes``: the
roll leaves it when the item stops being public and when the period ends
(the county's clock moved with kiosk.clock.travel_to), and comes back when
made public again. No ID number reaches the wire, the terminal's files or
its logs.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from county_server.live import LiveServer
from county_server.village_people import VillagePerson, people
from sqlalchemy import Engine, select

from county.disclosure.rolls import set_disclosure
from county.importer import ImportOptions, import_payments
from county.terminals import new_enrollment_code
from kiosk import clock
from kiosk.store import open_store
from kiosk.store.models import RollEntry
from syncd.conftest import Terminal, enrollment_code

NOW = datetime.now(UTC)
PAID = clock.today() - timedelta(days=10)
OURS = {"单小红": "3组", "王建国": "1组", "艾米": "1组"}
THEIRS = ("外村甲", "外村乙")


def _file(path: Path, ours: list[VillagePerson], theirs: list[VillagePerson]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["姓名", "身份证号", "项目", "金额(元)", "发放日期", "发放期间",
                         "发放部门", "乡镇", "村", "村民小组", "家庭人口"])
        for (name, group), p in zip(OURS.items(), ours, strict=True):
            writer.writerow([name, p.number, "农村低保", "620.00", PAID.isoformat(),
                             f"{PAID.year}年{PAID.month}月", "县民政局", p.township, p.village,
                             group, "2"])
        for name, p in zip(THEIRS, theirs, strict=True):
            writer.writerow([name, p.number, "农村低保", "410.00", PAID.isoformat(),
                             f"{PAID.year}年{PAID.month}月", "县民政局", p.township, p.village,
                             "1组", "1"])
    return path


@pytest.fixture
def numbers(county_engine: Engine, tmp_path: Path) -> Iterator[list[str]]:
    """The two villages' payees imported (names kept by the county), 低保 public 30 days;
    yields every ID number in the file."""
    ours = people("高村镇", "青山村", birth="19600101", count=3)
    theirs = people("兰里镇", "兰里村", birth="19600101", count=2, first_sequence=600)
    result = import_payments(county_engine, _file(tmp_path / "低保.csv", ours, theirs),
                             ImportOptions(today=clock.today()), now=NOW)
    assert result.imported, result.as_json()
    set_disclosure(county_engine, "DIBAO", public=True, days=30, now=NOW)
    yield [p.number for p in ours + theirs]
    clock.reset()


def _sync(terminal: Terminal) -> str:
    synced = terminal.run("syncd", "--once")
    assert synced.returncode == 0, synced.stderr[-2000:]
    return synced.stderr


def _stored(terminal: Terminal) -> list[str]:
    store = open_store(terminal.db)
    try:
        with store.connect() as conn:
            return sorted(conn.execute(select(RollEntry.name)).scalars())
    finally:
        store.dispose()


def test_the_terminal_gets_its_own_village_roll_and_loses_it_on_time(
        county: LiveServer, county_engine: Engine, terminal: Terminal,
        numbers: list[str]) -> None:
    enrolled = terminal.run("enroll", enrollment_code(county_engine), "--server", county.url)
    assert enrolled.returncode == 0, enrolled.stderr
    logs = _sync(terminal)
    shown = terminal.run("roll", "DIBAO", "--json")
    assert shown.returncode == 0, shown.stderr
    roll = json.loads(shown.stdout)
    # Sorted by 组, then the surname's pinyin initial (单 reads shan as a surname).
    assert [(r["group"], r["name"]) for r in roll["rows"]] == [
        ("1组", "艾米"), ("1组", "王建国"), ("3组", "单小红")]
    assert roll["total_fen"] == 3 * 62000 and roll["household"] is True
    assert {tuple(sorted(r)) for r in roll["rows"]} == {
        ("amount_fen", "group", "household_size", "name", "period")}
    assert {r["household_size"] for r in roll["rows"]} == {2}
    text = terminal.run("roll", "DIBAO").stdout
    assert "单小红" in text and "合计 ¥1,860.00" in text

    set_disclosure(county_engine, "DIBAO", public=False, now=NOW)  # no longer public
    logs += _sync(terminal)
    assert _stored(terminal) == []
    set_disclosure(county_engine, "DIBAO", public=True, days=30, now=NOW)
    logs += _sync(terminal)
    assert _stored(terminal) == sorted(OURS)
    # Offline past the period, the terminal already hides what the county would tombstone.
    later = terminal.run("roll", "DIBAO", "--json", "--today",
                         (PAID + timedelta(days=31)).isoformat())
    assert later.returncode == 0 and json.loads(later.stdout)["rows"] == []
    clock.travel_to(clock.at_local(PAID + timedelta(days=30), 23))  # the last day
    logs += _sync(terminal)
    assert _stored(terminal) == sorted(OURS)
    clock.travel_to(clock.at_local(PAID + timedelta(days=31), 0, 5))  # the day after
    logs += _sync(terminal)
    assert _stored(terminal) == []

    # Privacy: no ID number in the terminal's files (db, WAL, config, logs) or its output.
    disk = b"".join(p.read_bytes() for p in sorted(terminal.dir.rglob("*")) if p.is_file())
    for number in numbers:
        assert number.encode() not in disk
        assert number not in logs and number not in shown.stdout
    assert "外村".encode() not in disk


def test_the_wire_carries_no_id_and_no_other_village(
        county: LiveServer, county_engine: Engine, numbers: list[str]) -> None:
    bodies: dict[str, list[str]] = {}
    with httpx.Client(base_url=county.url, timeout=30) as http:
        for township, village in (("高村镇", "青山村"), ("兰里镇", "兰里村")):
            code, _ = new_enrollment_code(county_engine, township=township, village=village,
                                          scope="county", now=NOW)
            token = http.post("/api/v1/enroll", json={"code": code}).json()["token"]
            since, pages = "", []
            while True:  # every page of changes, as the daemon reads them
                answer = http.get("/api/v1/changes", params={"limit": 5000, "since": since},
                                  headers={"Authorization": f"Bearer {token}"})
                assert answer.status_code == 200, answer.text
                pages.append(answer.text)
                page = answer.json()
                since = page["next_cursor"]
                if not page["has_more"]:
                    break
            bodies[village] = pages
    ours = [r for p in bodies["青山村"] for r in json.loads(p)["roll_entries"]]
    theirs = [r for p in bodies["兰里村"] for r in json.loads(p)["roll_entries"]]
    assert sorted(r["name"] for r in ours) == sorted(OURS)
    assert sorted(r["name"] for r in theirs) == sorted(THEIRS)
    assert set(ours[0]) == {"id", "item_code", "name", "amount_fen", "period", "village_group",
                            "household_size", "paid_on", "public_until", "updated_at"}
    assert ours[0]["public_until"] == (PAID + timedelta(days=30)).isoformat()
    for pages in bodies.values():
        for number in numbers:
            assert all(number not in body for body in pages)
    assert date.fromisoformat(ours[0]["paid_on"]) == PAID
