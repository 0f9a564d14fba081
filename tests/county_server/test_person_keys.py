"""Village terminals and person keys (issue 12): only the village's people, never the key.

Against the real server on loopback, SQLite and PostgreSQL. The scrypt cost is
set low here (the county's own knob, ``set_default_cost``) so that a test
derives in microseconds; what is asserted is which material travels, not
how long it takes (tests/bench/bench_theft.py measures that).
"""

from __future__ import annotations

import base64
import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, delete, func, select

from county.cli import main
from county.importer import ImportOptions, import_payments
from county.models import Complaint, PersonKey
from county.person_keys import DEFAULT_N, DEFAULT_R, ensure_village_kdf, set_default_cost
from county.state import lookup_key
from county.terminals import fleet
from county.tx import writing
from county_server.conftest import auth, enroll_terminal
from county_server.village_people import VillagePerson, people, write_payments_csv
from kiosk.identity import id_hash
from kiosk.person_key import PersonKdf, derive_person_key
from sync.protocol import ChangesPage

NOW = datetime.now(UTC)
QINGSHAN = ("高村镇", "青山村")
LANLI = ("兰里镇", "兰里村")


def _cheap(engine: Engine) -> None:
    with writing(engine) as conn:
        set_default_cost(conn, n=16, r=1, p=1)


def _snapshot(client: httpx.Client, terminal: dict[str, Any]) -> list[dict[str, Any]]:
    with client.stream("GET", "/api/v1/snapshot",
                       headers={**auth(terminal), "Accept-Encoding": "identity"}) as answer:
        assert answer.status_code == 200
        raw = b"".join(answer.iter_raw())
    return [json.loads(line) for line in gzip.decompress(raw).splitlines()]


def _changes(client: httpx.Client, terminal: dict[str, Any],
             since: str | None = None) -> tuple[list[ChangesPage], str]:
    pages, cursor = [], since
    while True:
        params: dict[str, Any] = {"limit": 500, **({"since": cursor} if cursor else {})}
        answer = client.get("/api/v1/changes", params=params, headers=auth(terminal))
        assert answer.status_code == 200, answer.text
        page = ChangesPage.model_validate(answer.json())
        pages.append(page)
        cursor = page.next_cursor
        if not page.has_more:
            return pages, cursor


def _setup(engine: Engine, client: httpx.Client, tmp_path: Path
           ) -> tuple[dict[str, Any], list[VillagePerson], list[VillagePerson]]:
    """Two villages with terminals; a file of people of both imported after enrollment."""
    _cheap(engine)
    terminal = enroll_terminal(engine, client, township=QINGSHAN[0], village=QINGSHAN[1],
                               scope="village")
    enroll_terminal(engine, client, township=LANLI[0], village=LANLI[1], scope="village")
    ours = people(*QINGSHAN, birth="19560322", count=6)
    theirs = people(*LANLI, birth="19600101", count=4)
    result = import_payments(engine, write_payments_csv(tmp_path / "民政.csv", ours + theirs),
                             ImportOptions(today=NOW.date()), now=NOW)
    assert result.imported and result.exit_code == 0, result.as_json()
    return terminal, ours, theirs


def test_village_enrollment_carries_derivation_not_the_lookup_key(
        seeded_engine: Engine, client: httpx.Client) -> None:
    _cheap(seeded_engine)
    answer = enroll_terminal(seeded_engine, client, scope="village")
    with seeded_engine.connect() as conn:
        county_key = lookup_key(conn)
    assert answer["scope"] == "village" and answer["lookup_key"] == ""
    assert base64.b64encode(county_key).decode() not in json.dumps(answer)
    kdf = PersonKdf.from_json(answer["lookup_kdf"])
    assert (kdf.n, kdf.r, kdf.p, kdf.generation) == (16, 1, 1, 1)
    # A second village gets its own salt; the same village keeps its one.
    other = enroll_terminal(seeded_engine, client, township=LANLI[0], village=LANLI[1],
                            scope="village")
    again = enroll_terminal(seeded_engine, client, scope="village")
    assert PersonKdf.from_json(other["lookup_kdf"]).salt != kdf.salt
    assert PersonKdf.from_json(again["lookup_kdf"]) == kdf
    assert len(base64.b64decode(answer["receipt_key"])) == 32
    # `county terminals` shows them as village terminals.
    rows = fleet(seeded_engine, now=NOW, silent_after=timedelta(hours=1))
    assert {r.scope for r in rows} == {"village"}


def test_default_cost_is_the_deployed_one(seeded_engine: Engine) -> None:
    with writing(seeded_engine) as conn:
        kdf = ensure_village_kdf(conn, "某镇", "某村", now=NOW)
    # 2^15 × r=8: 32 MiB and ~100 ms a derivation on a panel PC (bench_theft.py).
    assert (kdf.n, kdf.r, kdf.p) == (DEFAULT_N, DEFAULT_R, 1) == (1 << 15, 8, 1)
    assert len(kdf.salt) == 16


def test_village_terminal_gets_only_its_village_under_person_keys(
        seeded_engine: Engine, client: httpx.Client, tmp_path: Path) -> None:
    terminal, ours, theirs = _setup(seeded_engine, client, tmp_path)
    kdf = PersonKdf.from_json(terminal["lookup_kdf"])
    with seeded_engine.connect() as conn:
        county_key = lookup_key(conn)
        assert conn.execute(select(func.count()).select_from(PersonKey)).scalar_one() == 10
    expected = {derive_person_key(kdf, p.number) for p in ours}
    hmacs = {id_hash(county_key, p.number) for p in ours + theirs}
    lines = _snapshot(client, terminal)
    assert lines[0]["lookup_kdf"] == terminal["lookup_kdf"]  # what the keys were made with
    snap_payments = {ln["data"]["id_hash"] for ln in lines if ln["type"] == "payment"}
    snap_members = {ln["data"]["id_hash"] for ln in lines if ln["type"] == "household_member"}
    # The demo people of 青山村 were imported before the village had a derivation: they
    # have no person key, so they are not sent (a file naming them again derives it).
    assert snap_payments == expected and snap_members == expected
    pages, _ = _changes(client, terminal)
    paged = {p.id_hash for page in pages for p in page.payments}
    assert paged == expected
    assert {m.id_hash for page in pages for m in page.household_members} == expected
    everything = json.dumps(lines, ensure_ascii=False) + "".join(
        page.model_dump_json() for page in pages)
    assert not any(h in everything for h in hmacs)  # no county hash of anyone
    assert "兰里" not in "".join(
        json.dumps(ln["data"], ensure_ascii=False) for ln in lines if ln["type"] == "payment")


def test_reimport_gives_earlier_people_their_key_and_pages_them_again(
        seeded_engine: Engine, client: httpx.Client, tmp_path: Path) -> None:
    terminal, ours, _ = _setup(seeded_engine, client, tmp_path)
    _, cursor = _changes(client, terminal)
    kdf = PersonKdf.from_json(terminal["lookup_kdf"])
    # The same file again derives nothing new and sends nothing again.
    import_payments(seeded_engine, write_payments_csv(tmp_path / "again.csv", ours),
                    ImportOptions(today=NOW.date()), now=NOW)
    pages, cursor = _changes(client, terminal, cursor)
    assert not [p for page in pages for p in page.payments]
    # A person whose rows were stored before the village had a derivation: stored
    # without a key (as the demo county was), then named by a later file.
    late = people(*QINGSHAN, birth="19700505", count=1)
    path = write_payments_csv(tmp_path / "late.csv", late)
    import_payments(seeded_engine, path, ImportOptions(today=NOW.date()), now=NOW)
    with writing(seeded_engine) as conn:
        conn.execute(delete(PersonKey).where(
            PersonKey.id_hash == id_hash(lookup_key(conn), late[0].number)))
    pages, cursor = _changes(client, terminal, cursor)
    assert not [p for page in pages for p in page.payments]  # no key: not sent
    import_payments(seeded_engine, path, ImportOptions(today=NOW.date()), now=NOW)
    pages, cursor = _changes(client, terminal, cursor)
    key = derive_person_key(kdf, late[0].number)
    assert {p.id_hash for page in pages for p in page.payments} == {key}
    assert {m.id_hash for page in pages for m in page.household_members} == {key}


def test_real_name_complaint_is_filed_under_the_county_hash(
        seeded_engine: Engine, client: httpx.Client, tmp_path: Path) -> None:
    terminal, ours, _ = _setup(seeded_engine, client, tmp_path)
    kdf = PersonKdf.from_json(terminal["lookup_kdf"])
    body = {"idempotency_key": "k" * 16, "ticket_no": f"{terminal['terminal_id']}-000001",
            "category": "not_received", "text": "没收到", "anonymous": False,
            "id_hash": derive_person_key(kdf, ours[0].number), "name": "龙德贵",
            "created_at": NOW.isoformat()}
    answer = client.post("/api/v1/complaints", json=body, headers=auth(terminal))
    assert answer.status_code == 200, answer.text
    with seeded_engine.connect() as conn:
        stored = conn.execute(select(Complaint.id_hash)).scalars().all()
        assert stored == [id_hash(lookup_key(conn), ours[0].number)]


def test_person_keys_cli_shows_villages_and_sets_the_cost(
        seeded_engine: Engine, seeded_url: str, client: httpx.Client, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["person-keys", "cost", "--log2-n", "4", "--r", "1", "--db", seeded_url]) == 0
    assert main(["person-keys", "cost", "--log2-n", "25", "--db", seeded_url]) == 1
    _setup(seeded_engine, client, tmp_path)
    # The demo people of 青山村 were stored before it had a derivation: not keyed.
    capsys.readouterr()
    assert main(["person-keys", "status", "--json", "--db", seeded_url]) == 0
    rows = {(r["township"], r["village"]): r for r in json.loads(capsys.readouterr().out)}
    assert rows[LANLI] == {"township": LANLI[0], "village": LANLI[1], "n": 16, "r": 1, "p": 1,
                           "generation": 1, "payees": 4, "keyed": 4, "missing": 0}
    assert rows[QINGSHAN]["keyed"] == 6 and rows[QINGSHAN]["missing"] > 100
    assert main(["person-keys", "status", "--db", seeded_url]) == 0
    assert "not on its terminals until re-imported" in capsys.readouterr().out
