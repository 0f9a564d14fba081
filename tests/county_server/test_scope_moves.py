"""A corrected file moves payments to another township: every terminal ends in the right state.

Township-scoped terminals of the township a row left get a tombstone (the
move log), those of its new township an upsert, county-scoped ones only the
upsert. The files go in through `county import`, as IT staff would; the
server is the real one (uvicorn on loopback), on SQLite and PostgreSQL; the
last test runs the terminal's real sync daemon against it.
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select
from syncd.conftest import write_terminal

from county.cli import main as county_main
from county.models import HouseholdMember, ImportBatch, Payment, ScopeMove
from county.state import lookup_key
from county.terminals import new_enrollment_code
from county_server.conftest import auth, enroll_terminal
from county_server.live import LiveServer
from kiosk.config import load_config
from kiosk.identity import check_digit, id_hash
from kiosk.store import open_store
from kiosk.store.models import HouseholdMember as KioskMember
from kiosk.store.models import Payment as KioskPayment
from sync.enroll import enroll_terminal as enroll_kiosk
from sync.protocol import ChangesPage

A, B, C = "兰里镇", "石门镇", "东山镇"
VILLAGE = {A: "兰里村", B: "石门村", C: "东山村"}
NUMBERS = [f"43122819800101{900 + i}" for i in range(6)]
NUMBERS = [n + check_digit(n) for n in NUMBERS]


def write_file(path: Path, towns: list[str]) -> Path:
    """A department file (UTF-8 with BOM): person ``i`` paid 低保 in township ``towns[i]``."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(["姓名", "身份证号", "项目", "金额(元)", "发放日期", "发放部门", "乡镇", "村",
                      "户主身份证号"])
        for i, (number, town) in enumerate(zip(NUMBERS, towns, strict=True)):
            out.writerow([f"村民{i}", number.lower(), "农村低保", f"{100 + i}.50", "2024-03-05",
                          "县民政局", town, VILLAGE[town], number])
    return path


def county_import(capsys: pytest.CaptureFixture[str], url: str, path: Path,
                  *options: str) -> dict[str, Any]:
    """`county import FILE --db URL --json [OPTIONS]`, in-process; its JSON answer."""
    capsys.readouterr()
    code = county_main(["import", str(path), "--db", url, "--json", *options])
    out = capsys.readouterr()
    assert code == 0, out.err
    answer: dict[str, Any] = json.loads(out.out)
    return answer


@dataclass
class Cache:
    """What a terminal holds of payments and members, applied page by page."""

    headers: dict[str, str]
    cursor: str | None = None
    payments: dict[str, Any] = field(default_factory=dict)
    members: dict[str, Any] = field(default_factory=dict)

    def pull(self, http: httpx.Client, *, limit: int = 5000) -> tuple[set[str], set[str],
                                                                      set[str], set[str]]:
        """Page to the end; (payment upserts, member upserts, payment and member tombstones)."""
        seen: tuple[set[str], set[str], set[str], set[str]] = (set(), set(), set(), set())
        while True:
            params: dict[str, Any] = {"limit": limit}
            if self.cursor is not None:
                params["since"] = self.cursor
            answer = http.get("/api/v1/changes", params=params, headers=self.headers)
            assert answer.status_code == 200, answer.text
            page = ChangesPage.model_validate(answer.json())
            ups = {str(p.id) for p in page.payments}, {m.id_hash for m in page.household_members}
            downs = ({t.key for t in page.tombstones if t.entity == "payment"},
                     {t.key for t in page.tombstones if t.entity == "household_member"})
            # The terminal refuses a page that upserts and tombstones one key.
            assert not ups[0] & downs[0] and not ups[1] & downs[1]
            for p in page.payments:
                self.payments[str(p.id)] = p
            for m in page.household_members:
                self.members[m.id_hash] = m
            for key in downs[0]:
                self.payments.pop(key, None)
            for key in downs[1]:
                self.members.pop(key, None)
            for have, new in zip(seen, (*ups, *downs), strict=True):
                have.update(new)
            self.cursor = page.next_cursor
            if not page.has_more:
                return seen


def expected(engine: Engine, township: str | None) -> tuple[dict[str, int], set[str]]:
    """(payment id → seq, member hashes) a terminal of ``township`` (None: county) must hold."""
    pay = select(Payment.id, Payment.seq).where(Payment.deleted.is_(False))
    mem = select(HouseholdMember.id_hash).where(HouseholdMember.deleted.is_(False))
    if township is not None:
        pay = pay.where(Payment.township == township)
        mem = mem.where(HouseholdMember.township == township)
    with engine.connect() as conn:
        return ({str(r.id): r.seq for r in conn.execute(pay)},
                set(conn.execute(mem).scalars()))


def assert_holds_what_it_should(engine: Engine, cache: Cache, township: str | None) -> None:
    payments, members = expected(engine, township)
    assert set(cache.payments) == set(payments)
    assert set(cache.members) == members


def snapshot_payment_ids(http: httpx.Client, headers: dict[str, str]) -> set[str]:
    """Payment ids in a fresh snapshot."""
    with http.stream("GET", "/api/v1/snapshot", headers=headers) as answer:
        assert answer.status_code == 200
        raw = b"".join(answer.iter_raw())
    lines = [json.loads(line) for line in gzip.decompress(raw).splitlines()]
    return {str(line["data"]["id"]) for line in lines if line["type"] == "payment"}


def test_township_correction_tombstones_the_old_township_only(
        seeded_engine: Engine, seeded_url: str, client: httpx.Client, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    def enroll(township: str, scope: str) -> Cache:
        body = enroll_terminal(seeded_engine, client, township=township,
                               village=VILLAGE.get(township, "青山村"), scope=scope)
        return Cache(auth(body))

    a, a_late, b = enroll(A, "township"), enroll(A, "township"), enroll(B, "township")
    county = enroll("高村镇", "county")
    for cache in (a, a_late, b, county):
        cache.pull(client)
    assert not a.payments and not b.payments and county.payments  # the demo county

    first = county_import(capsys, seeded_url, write_file(tmp_path / "低保.csv", [A] * 6))
    assert (first["new"], first["corrected"]) == (6, 0)
    with seeded_engine.connect() as conn:
        key = lookup_key(conn)
        hashes = [id_hash(key, n) for n in NUMBERS]
        ids = [str(conn.execute(select(Payment.id).where(Payment.id_hash == h)).scalar_one())
               for h in hashes]
    for cache in (a, a_late, b, county):
        cache.pull(client)
    assert set(a.payments) == set(ids) and set(a.members) == set(hashes) and not b.payments

    # The department corrects persons 0-2: they live in 石门镇. A dry run first.
    corrected = write_file(tmp_path / "低保-更正.csv", [B, B, B, A, A, A])
    dry = county_import(capsys, seeded_url, corrected, "--dry-run")
    assert (dry["corrected"], dry["imported"]) == (3, False)
    assert a.pull(client) == (set(), set(), set(), set())
    fixed = county_import(capsys, seeded_url, corrected)
    assert (fixed["new"], fixed["already_present"], fixed["corrected"]) == (0, 6, 3)
    moved_ids, moved_hashes = set(ids[:3]), set(hashes[:3])
    pay_up, mem_up, pay_down, mem_down = a.pull(client, limit=2)
    assert (pay_up, mem_up) == (set(), set())
    assert (pay_down, mem_down) == (moved_ids, moved_hashes)
    assert b.pull(client, limit=2) == (moved_ids, moved_hashes, set(), set())
    assert county.pull(client) == (moved_ids, moved_hashes, set(), set())
    # A fresh snapshot follows the new townships too.
    assert snapshot_payment_ids(client, a.headers) == set(ids[3:])
    assert snapshot_payment_ids(client, b.headers) == moved_ids

    # Corrected again: person 0 was in 兰里镇 after all, person 1 moves on to 东山镇.
    again = county_import(capsys, seeded_url,
                          write_file(tmp_path / "低保-再更正.csv", [A, C, B, A, A, A]))
    assert (again["new"], again["corrected"]) == (0, 2)
    assert a.pull(client, limit=3) == ({ids[0]}, {hashes[0]}, set(), set())
    assert b.pull(client, limit=3) == (set(), set(), {ids[0], ids[1]}, {hashes[0], hashes[1]})
    assert county.pull(client) == ({ids[0], ids[1]}, {hashes[0], hashes[1]}, set(), set())
    # Offline through both corrections: person 0 is back (no tombstone, the
    # upsert is newer), persons 1 and 2 are gone.
    late = a_late.pull(client, limit=1)
    assert late == ({ids[0]}, {hashes[0]}, {ids[1], ids[2]}, {hashes[1], hashes[2]})

    for cache, township in ((a, A), (a_late, A), (b, B), (county, None)):
        assert_holds_what_it_should(seeded_engine, cache, township)
    with seeded_engine.connect() as conn:
        logged = conn.execute(select(ScopeMove.entity, ScopeMove.key, ScopeMove.township)
                              .order_by(ScopeMove.seq)).all()
        batches = conn.execute(select(func.count()).select_from(ImportBatch)).scalar_one()
    assert sorted(logged) == sorted(
        [("payment", i, A) for i in ids[:3]] + [("household_member", h, A) for h in hashes[:3]]
        + [("payment", i, B) for i in ids[:2]] + [("household_member", h, B) for h in hashes[:2]])
    assert batches == 1  # corrections add no import batch

    # The same corrected file again changes nothing anywhere.
    same = county_import(capsys, seeded_url, tmp_path / "低保-再更正.csv")
    assert (same["new"], same["corrected"]) == (0, 0)
    for cache in (a, a_late, b, county):
        assert cache.pull(client) == (set(), set(), set(), set())


def test_file_without_place_columns_moves_nothing(
        seeded_engine: Engine, seeded_url: str, client: httpx.Client, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    county_import(capsys, seeded_url, write_file(tmp_path / "低保.csv", [A] * 6))
    a = Cache(auth(enroll_terminal(seeded_engine, client, township=A, village=VILLAGE[A],
                                   scope="township")))
    a.pull(client)
    assert len(a.payments) == 6
    # The same payments from a department file that has no 乡镇/村 columns.
    bare = tmp_path / "无乡镇.csv"
    with (tmp_path / "低保.csv").open(encoding="utf-8-sig") as src, \
            bare.open("w", encoding="utf-8-sig", newline="") as dst:
        rows = list(csv.reader(src))
        csv.writer(dst).writerows([row[:6] + row[8:] for row in rows])
    answer = county_import(capsys, seeded_url, bare)
    assert (answer["new"], answer["already_present"], answer["corrected"]) == (0, 6, 0)
    assert a.pull(client) == (set(), set(), set(), set())
    assert_holds_what_it_should(seeded_engine, a, A)
    # A new 乡镇 with the 村 left empty: moved, and the old village goes too.
    partial = tmp_path / "无村.csv"
    write_file(partial, [B, A, A, A, A, A])
    text = partial.read_text(encoding="utf-8-sig").replace(f",{B},{VILLAGE[B]},", f",{B},,")
    partial.write_text(text, encoding="utf-8-sig")
    assert county_import(capsys, seeded_url, partial)["corrected"] == 1
    with seeded_engine.connect() as conn:
        moved = conn.execute(select(Payment.id, Payment.township, Payment.village)
                             .where(Payment.township == B)).one()
    assert (moved.township, moved.village) == (B, "")
    assert a.pull(client)[2] == {str(moved.id)}
    assert_holds_what_it_should(seeded_engine, a, A)


def test_terminal_caches_follow_the_correction(
        seeded_engine: Engine, seeded_url: str, server: LiveServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The real sync daemon (`kiosk syncd --once`) on a 兰里镇 and a 石门镇 terminal."""
    county_import(capsys, seeded_url, write_file(tmp_path / "低保.csv", [A] * 6))
    terminals = {}
    for township in (A, B):
        terminal = write_terminal(tmp_path / f"terminal-{VILLAGE[township]}")
        code, _ = new_enrollment_code(seeded_engine, township=township,
                                      village=VILLAGE[township], scope="township",
                                      now=datetime.now(UTC), valid_for=timedelta(hours=1))
        store = open_store(terminal.db)
        try:
            enroll_kiosk(load_config(terminal.config), store, code, server.url)
        finally:
            store.dispose()
        terminals[township] = terminal

    def sync_all() -> dict[str, tuple[set[str], set[str]]]:
        held = {}
        for township, terminal in terminals.items():
            done = terminal.run("syncd", "--once")
            assert done.returncode == 0, done.stderr[-2000:]
            store = open_store(terminal.db)
            try:
                with store.connect() as conn:
                    held[township] = (
                        {str(i) for i in conn.execute(select(KioskPayment.id)).scalars()},
                        set(conn.execute(select(KioskMember.id_hash)).scalars()))
            finally:
                store.dispose()
        return held

    with seeded_engine.connect() as conn:
        hashes = [id_hash(lookup_key(conn), n) for n in NUMBERS]
        ids = [str(conn.execute(select(Payment.id).where(Payment.id_hash == h)).scalar_one())
               for h in hashes]
    assert sync_all() == {A: (set(ids), set(hashes)), B: (set(), set())}
    county_import(capsys, seeded_url, write_file(tmp_path / "低保-更正.csv", [B, B, B, A, A, A]))
    assert sync_all() == {A: (set(ids[3:]), set(hashes[3:])), B: (set(ids[:3]), set(hashes[:3]))}
