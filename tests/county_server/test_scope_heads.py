"""Issue 19: polls behind the head answered from memory when nothing of theirs changed.

The keys of county/scopeheads.py must never say "nothing new" to a terminal
for which ``build_page`` has something: random changes to every synced table,
at every scope, each checked for terminals of every kind against the real
page. Then the served path: a poll behind the head, after a change in another
village, costs no statement (SQLite and PostgreSQL).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from sqlalchemy import Connection, Engine, event, text

from county.changes import _ENTITIES, build_page
from county.notices import KINDS, add_notice
from county.scope import TerminalScope
from county.scopeheads import MAX_SPAN, SOURCES, ScopeHeads, derive, watched_keys
from county.seq import current_seq, take_seqs
from county.terminals import authenticate, enroll, new_enrollment_code
from county_server.conftest import auth, enroll_terminal
from county_server.live import LiveServer

_PLACES = (("高村镇", "青山村"), ("高村镇", "绿水村"), ("低村镇", "白云村"))
_NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


def _terminals(engine: Engine) -> list[TerminalScope]:
    out = []
    for township, village in _PLACES:
        for scope in ("county", "township", "village"):
            code, _ = new_enrollment_code(engine, township=township, village=village,
                                          scope=scope, now=_NOW, valid_for=timedelta(hours=1))
            token = enroll(engine, code, now=_NOW).token
            with engine.connect() as conn:
                out.append(authenticate(conn, f"Bearer {token}"))
    return out


def _place(rng: random.Random) -> tuple[str, str]:
    return rng.choice(_PLACES)


def _row_at(conn: Connection, table: str, key: str, rng: random.Random) -> object:
    count = conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
    return conn.execute(text(f"SELECT {key} FROM {table} ORDER BY {key} LIMIT 1 OFFSET :k"),
                        {"k": rng.randrange(count)}).scalar_one()


def _move(table: str, key: str) -> Callable[[Connection, random.Random, list[TerminalScope]],
                                             str]:
    """An existing row of ``table`` changes (and maybe moves to another village)."""
    def change(conn: Connection, rng: random.Random, _terms: list[TerminalScope]) -> str:
        township, village = _place(rng)
        row = _row_at(conn, table, key, rng)
        conn.execute(text(f"UPDATE {table} SET township = :t, village = :v, seq = :s "
                          f"WHERE {key} = :k"),
                     {"t": township, "v": village, "s": take_seqs(conn), "k": row})
        return f"{table} {row} → {township}/{village}"
    return change


def _notice(conn: Connection, rng: random.Random, _terms: list[TerminalScope]) -> str:
    township, village = _place(rng)
    scope = rng.choice(("county", "township", "village"))
    row = _row_at(conn, "notice", "id", rng)
    conn.execute(text("UPDATE notice SET scope = :sc, township = :t, village = :v, seq = :s "
                      "WHERE id = :k"),
                 {"sc": scope, "t": township if scope != "county" else "",
                  "v": village if scope == "village" else "", "s": take_seqs(conn), "k": row})
    return f"notice {row} → {scope} {township}/{village}"


def _item(conn: Connection, rng: random.Random, _terms: list[TerminalScope]) -> str:
    row = _row_at(conn, "benefit_item", "code", rng)
    conn.execute(text("UPDATE benefit_item SET seq = :s WHERE code = :k"),
                 {"s": take_seqs(conn), "k": row})
    return f"benefit_item {row}"


def _power(conn: Connection, rng: random.Random, _terms: list[TerminalScope]) -> str:
    code = f"P{rng.randrange(10**6)}"
    conn.execute(text("INSERT INTO power (code, name, position, body, seq, deleted, updated_at) "
                      "VALUES (:c, '权力', 0, '{}', :s, :d, :u)"),
                 {"c": code, "s": take_seqs(conn), "d": False, "u": _NOW})
    return f"power {code}"


def _setting(conn: Connection, rng: random.Random, terms: list[TerminalScope]) -> str:
    target = rng.choice(rng.choice(terms).setting_targets())
    key = f"k{rng.randrange(10**9)}"
    conn.execute(text("INSERT INTO setting (key, target, value, seq, deleted, updated_at) "
                      "VALUES (:k, :t, '1', :s, :d, :u)"),
                 {"k": key, "t": target, "s": take_seqs(conn), "d": False, "u": _NOW})
    return f"setting {key}@{target}"


def _complaint(conn: Connection, rng: random.Random, terms: list[TerminalScope]) -> str:
    terminal = rng.choice(terms).terminal_id
    conn.execute(text(
        "INSERT INTO complaint (terminal_id, idempotency_key, body_sha256, ticket_no, category, "
        "text, anonymous, created_at, received_at, reply_text, reply_at, seq, status, level, "
        "channel, about_official) VALUES (:t, :i, :h, :n, '其他', '', :a, :u, :u, '已办理', :u, "
        ":s, 'replied', 'township', 'kiosk', :a)"),
        {"t": terminal, "i": f"k{rng.randrange(10**9)}", "h": "0" * 64,
         "n": f"T{rng.randrange(10**6)}", "a": False, "u": _NOW, "s": take_seqs(conn)})
    return f"complaint of {terminal}"


def _scope_move(conn: Connection, rng: random.Random, _terms: list[TerminalScope]) -> str:
    township, _ = _place(rng)
    payment = _row_at(conn, "payment", "id", rng)
    conn.execute(text("INSERT INTO scope_move (seq, entity, key, township, moved_at) "
                      "VALUES (:s, 'payment', :k, :t, :u)"),
                 {"s": take_seqs(conn), "k": str(payment), "t": township, "u": _NOW})
    return f"payment {payment} left {township}"


def _roll(conn: Connection, rng: random.Random, _terms: list[TerminalScope]) -> str:
    township, village = _place(rng)
    conn.execute(text(
        "INSERT INTO roll_entry (id, township, village, item_code, name, amount_fen, period, "
        "village_group, paid_on, public_until, seq, deleted, updated_at) VALUES "
        "(:i, :t, :v, 'DB', '张三', 100, '', '', :p, :q, :s, :d, :u)"),
        {"i": rng.randrange(10**9), "t": township, "v": village, "p": date(2026, 11, 1),
         "q": date(2027, 11, 1), "s": take_seqs(conn), "d": False, "u": _NOW})
    return f"roll entry in {township}/{village}"


_CHANGES = {
    "payment": _move("payment", "id"),
    "household_member": _move("household_member", "id_hash"),
    "notice": _notice,
    "benefit_item": _item,
    "power": _power,
    "setting": _setting,
    "complaint_reply": _complaint,
    "scope_move": _scope_move,
    "roll_entry": _roll,
    "ledger_entry": _move("ledger_entry", "id"),
    "village_project": _move("village_project", "id"),
}


def test_every_synced_table_has_a_source() -> None:
    # A table added to `changes` without a source would be "nothing new" for everyone.
    assert {s.entity for s in SOURCES} == {*_ENTITIES, "scope_move"} == set(_CHANGES)


def _empty(page: object) -> bool:
    return not any(value for name, value in vars(page).items()
                   if isinstance(value, list) and name != "next_cursor")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_quiet_only_when_the_page_is_empty(seeded_engine: Engine) -> None:
    terms = _terminals(seeded_engine)
    rng = random.Random(19)
    heads = ScopeHeads()
    with seeded_engine.connect() as conn:
        heads.restart(current_seq(conn))
    quiet_by_kind: dict[str, set[bool]] = {}
    for _round in range(40):
        with seeded_engine.begin() as conn:
            before = current_seq(conn)
        done = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            with seeded_engine.begin() as conn:
                done.append(_CHANGES[rng.choice(sorted(_CHANGES))](conn, rng, terms))
        with seeded_engine.connect() as conn:
            head = current_seq(conn)
            heads.follow(head, lambda sql: conn.exec_driver_sql(sql).fetchall())
            assert heads.through == head
            for scope in terms:
                quiet = heads.quiet_until(scope, before)
                page = build_page(conn, scope, after=before, limit=100, now=_NOW, head=head)
                kind = "village" if scope.person_keys else scope.scope
                if quiet is not None:
                    assert _empty(page), (done, scope, page)
                    assert quiet == head == int(page.next_cursor)
                quiet_by_kind.setdefault(kind, set()).add(quiet is not None)
                # The cursor never goes back: a cursor at the head is the plain path's.
                assert heads.quiet_until(scope, head) is None
    # Every kind of terminal was answered from memory sometimes, and sometimes not.
    assert quiet_by_kind == {k: {True, False} for k in ("county", "township", "village")}


def test_a_big_jump_starts_afresh() -> None:
    heads = ScopeHeads()
    heads.restart(10)
    scope = TerminalScope("T1", "高村镇", "青山村", "county")
    heads.follow(12, lambda _sql: [])
    assert heads.quiet_until(scope, 10) == 12
    asked: list[str] = []

    def query(sql: str) -> list[tuple[object, ...]]:
        asked.append(sql)
        return []

    heads.follow(12 + MAX_SPAN + 1, query)
    assert asked == []  # not derived: too many changes to be worth it
    assert heads.through == 12 + MAX_SPAN + 1
    assert heads.quiet_until(scope, 12) is None  # behind the fresh start: the database


def test_keys_of_a_village_terminal() -> None:
    village = TerminalScope("T9", "高村镇", "青山村", "township", person_keys=True)
    keys = watched_keys(village)
    assert ("people", "高村镇", "青山村") in keys and ("people",) not in keys
    payment = next(i for i, s in enumerate(SOURCES) if s.table == "payment")
    asked: list[str] = []

    def query(sql: str) -> list[tuple[object, ...]]:
        asked.append(sql)
        return [(payment, "高村镇", "绿水村", "", 7)]

    latest = derive(query, 5, 7)
    assert len(asked) == 1  # one statement for every table
    assert latest == {("people",): 7, ("people", "高村镇"): 7, ("people", "高村镇", "绿水村"): 7}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_poll_behind_the_head_sends_no_query(seeded_engine: Engine) -> None:
    """Served: a change in another village leaves a terminal's poll to memory."""
    statements: list[str] = []

    def count(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        statements.append(sql)

    with (LiveServer(seeded_engine, lifespan="on", escalate_every_s=None) as live,
          httpx.Client(base_url=live.url, timeout=60) as http):
        here = auth(enroll_terminal(seeded_engine, http, village="青山村", scope="township"))
        there = auth(enroll_terminal(seeded_engine, http, village="绿水村", scope="township"))
        cursors = {}
        for name, headers in (("here", here), ("there", there)):
            cursor = None
            while True:  # catch up
                params = {"limit": 1000} | ({} if cursor is None else {"since": cursor})
                body = http.get("/api/v1/changes", params=params, headers=headers).json()
                cursor = body["next_cursor"]
                if not body["has_more"]:
                    break
            cursors[name] = cursor
        add_notice(seeded_engine, kind=KINDS[0], title="绿水村停水", body="明天停水",
                   scope="village", township="高村镇", village="绿水村",
                   published_on=_NOW.date(), now=_NOW)
        with seeded_engine.connect() as conn:
            head = str(current_seq(conn))
        # The village of the notice gets it (on PostgreSQL once this process heard of
        # it: until then "nothing new", as for any poll at the head).
        deadline = time.monotonic() + 120
        while not (page := http.get("/api/v1/changes", params={"since": cursors["there"]},
                                    headers=there).json())["notices"]:
            assert page["next_cursor"] == cursors["there"]
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert [n["title"] for n in page["notices"]] == ["绿水村停水"]
        # The other village: nothing, the cursor moves to the head; once this process
        # has taken the change in (at once on SQLite; from LISTEN on PostgreSQL) no query.
        event.listen(seeded_engine, "before_cursor_execute", count)
        try:
            deadline = time.monotonic() + 120
            while True:
                statements.clear()
                answer = http.get("/api/v1/changes", params={"since": cursors["here"]},
                                  headers=here)
                assert answer.status_code == 200
                body = answer.json()
                assert body["next_cursor"] == head and body["notices"] == []
                if not statements:
                    break
                assert time.monotonic() < deadline, statements
                time.sleep(0.05)  # the LISTEN thread's turn; the condition is the query count
        finally:
            event.remove(seeded_engine, "before_cursor_execute", count)
        assert answer.headers["ETag"] == f'"{cursors["here"]}-{head}"'


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_token_new_to_the_process_costs_one_statement(seeded_engine: Engine) -> None:
    """A terminal this process has not seen lately (one poll a minute over several
    processes): its token is checked in the database, and the poll is still empty."""
    statements: list[str] = []

    def count(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        statements.append(sql)

    with (LiveServer(seeded_engine, lifespan="on", escalate_every_s=None) as live,
          httpx.Client(base_url=live.url, timeout=60) as http):
        first = auth(enroll_terminal(seeded_engine, http))
        second = auth(enroll_terminal(seeded_engine, http, village="绿水村"))
        with seeded_engine.connect() as conn:
            head = str(current_seq(conn))
        # The process's first poll checks the day's public rolls: not counted here.
        assert http.get("/api/v1/changes", params={"since": head},
                        headers=first).status_code == 200
        event.listen(seeded_engine, "before_cursor_execute", count)
        try:
            answer = http.get("/api/v1/changes", params={"since": head}, headers=second)
            again = http.get("/api/v1/changes", params={"since": head}, headers=second)
        finally:
            event.remove(seeded_engine, "before_cursor_execute", count)
    assert answer.status_code == again.status_code == 200
    assert answer.json()["next_cursor"] == head and not answer.json()["notices"]
    # (SQLite's BEGIN of that one read aside)
    queries = [sql for sql in statements if not sql.startswith("BEGIN")]
    assert len(queries) == 1 and "token_hash" in queries[0]  # then none at all
