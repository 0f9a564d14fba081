"""A village terminal end to end, and what its stolen disk gives away (issue 12).

The real `kiosk enroll` and `kiosk syncd --once` against the real county
server on loopback; then `kiosk lookup` as the card read would. The county's
scrypt cost is set low (its own knob) so the test derives fast: what is
asserted is the material on disk and the number of derivations an attacker
needs at the parameters found there, not wall-clock time.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path

from county_server.live import LiveServer
from county_server.village_people import people, write_payments_csv
from sqlalchemy import Engine, select, update

from county.importer import ImportOptions, import_payments
from county.models import Terminal as CountyTerminal
from county.models import VillageKdf
from county.person_keys import set_default_cost
from county.state import lookup_key
from county.terminals import new_enrollment_code
from county.tx import writing
from kiosk.enrollment import load_enrollment
from kiosk.identity import check_digit, id_hash
from kiosk.person_key import PersonKdf, derive_person_key, scrypt_memory
from kiosk.store import open_store
from kiosk.store.models import HouseholdMember, Payment
from sync.state import clear_cursor
from syncd.conftest import Terminal, enrollment_code

NOW = datetime.now(UTC)
BIRTH = "19560322"


def _village_county(engine: Engine, tmp_path: Path) -> tuple[list[str], list[str], str]:
    """青山村 and 兰里村 with person keys, and a file of people of both imported after
    their first village codes were made (which gave the villages their derivation);
    returns the numbers of each and a 青山村 code."""
    with writing(engine) as conn:
        set_default_cost(conn, n=16, r=1, p=1)
    new_enrollment_code(engine, township="兰里镇", village="兰里村", scope="village", now=NOW)
    code = enrollment_code(engine, scope="village")
    ours = people("高村镇", "青山村", birth=BIRTH, count=5)
    theirs = people("兰里镇", "兰里村", birth=BIRTH, count=3, first_sequence=500)
    result = import_payments(engine, write_payments_csv(tmp_path / "民政.csv", ours + theirs),
                             ImportOptions(today=NOW.date()), now=NOW)
    assert result.imported, result.as_json()
    return [p.number for p in ours], [p.number for p in theirs], code


def _enroll_and_sync(county: LiveServer, code: str, terminal: Terminal) -> None:
    enrolled = terminal.run("enroll", code, "--server", county.url, "--json")
    assert enrolled.returncode == 0, enrolled.stderr
    synced = terminal.run("syncd", "--once")
    assert synced.returncode == 0, synced.stderr[-2000:]
    assert "event=snapshot_applied" in synced.stderr


def test_card_read_finds_the_villager_and_no_other_village(
        county: LiveServer, county_engine: Engine, terminal: Terminal, tmp_path: Path) -> None:
    ours, theirs, code = _village_county(county_engine, tmp_path)
    _enroll_and_sync(county, code, terminal)
    found = terminal.run("lookup", ours[2], "--json")
    assert found.returncode == 0, found.stderr
    shown = json.loads(found.stdout)
    assert shown["holder"]["masked_id"] == ours[2][:4] + "**********" + ours[2][-4:]
    assert [p["amount_fen"] for y in shown["years"] for p in y["payments"]] == [30200]
    for number in theirs:  # another village's people are not on this terminal at all
        other = json.loads(terminal.run("lookup", number, "--json").stdout)
        assert other["years"] == []
    store = open_store(terminal.db)
    try:
        with store.connect() as conn:
            payments = conn.execute(Payment.__table__.select()).all()
            members = conn.execute(HouseholdMember.__table__.select()).all()
    finally:
        store.dispose()
    assert len(payments) == len(ours) and len(members) == len(ours)
    # `kiosk enroll` bound the terminal's [terminal] code: its tickets carry it.
    with county_engine.connect() as conn:
        assert conn.execute(select(CountyTerminal.code)).scalars().all() == ["QS01"]


def test_stolen_disk_holds_no_county_key_and_costs_a_derivation_per_candidate(
        county: LiveServer, county_engine: Engine, terminal: Terminal, tmp_path: Path) -> None:
    ours, theirs, code = _village_county(county_engine, tmp_path)
    _enroll_and_sync(county, code, terminal)
    with county_engine.connect() as conn:
        county_key = lookup_key(conn)
    # Everything the thief has: every file of the terminal (db, WAL, config, enrollment).
    disk = b"".join(p.read_bytes() for p in sorted(terminal.dir.rglob("*")) if p.is_file())
    for form in (county_key, base64.b64encode(county_key), county_key.hex().encode()):
        assert form not in disk
    for number in ours + theirs:  # no county hash of anyone, no plaintext number
        assert id_hash(county_key, number).encode() not in disk
        assert number.encode() not in disk
    # What the disk does hold: the village's derivation, and keys made with it.
    kdf = load_enrollment(terminal.enrollment).person_kdf
    assert isinstance(kdf, PersonKdf) and (kdf.n, kdf.r, kdf.p) == (16, 1, 1)
    store = open_store(terminal.db)
    try:
        with store.connect() as conn:
            stored = {row.id_hash for row in conn.execute(Payment.__table__.select())}
    finally:
        store.dispose()
    # The attacker's sweep of one birth day (× 1 000 sequences): every candidate costs one
    # full derivation at the parameters on the disk, nothing cheaper matches.
    derivations = 0
    recovered = []
    for sequence in range(1000):
        first17 = f"431226{BIRTH}{sequence:03d}"
        candidate = first17 + check_digit(first17)
        derivations += 1
        if derive_person_key(kdf, candidate) in stored:
            recovered.append(candidate)
        assert id_hash(county_key, candidate) not in stored
    assert sorted(recovered) == sorted(ours)  # the other village's people are not there
    assert derivations == 1000
    # At the deployed cost each of those is 2^15 × 8 × 128 bytes = 32 MiB of scrypt
    # (~100 ms); tests/bench/bench_theft.py measures the time.
    assert scrypt_memory(1 << 15, 8) == 32 * 1024 * 1024
    assert derive_person_key(kdf, ours[0]) != derive_person_key(
        PersonKdf(b"another village salt", kdf.n, kdf.r, kdf.p), ours[0])


def test_a_snapshot_keyed_with_another_derivation_is_not_applied(
        county: LiveServer, county_engine: Engine, terminal: Terminal, tmp_path: Path) -> None:
    ours, _, code = _village_county(county_engine, tmp_path)
    _enroll_and_sync(county, code, terminal)
    # The county gives the village another salt (its people need importing again).
    with writing(county_engine) as conn:
        conn.execute(update(VillageKdf).values(salt=base64.b64encode(b"x" * 16).decode(),
                                               generation=2))
    store = open_store(terminal.db)
    try:
        clear_cursor(store)  # the next cycle loads a snapshot
    finally:
        store.dispose()
    again = terminal.run("syncd", "--once")
    assert again.returncode != 0
    assert "event=snapshot_applied" not in again.stderr
    status = json.loads(terminal.run("sync", "status", "--json").stdout)
    assert status["last_error_code"] == "sync.person_key_changed"
    # Nothing was applied: the villager is still found with the enrolled derivation.
    found = json.loads(terminal.run("lookup", ours[0], "--json").stdout)
    assert found["years"]
