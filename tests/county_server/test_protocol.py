"""The sync API against the real server (uvicorn on loopback), on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import gzip
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine, func, select

from county.complaint_flow.service import act
from county.complaint_flow.states import Action
from county.models import Complaint, Payment
from county.notices import add_notice, retire_notice
from county.seq import current_seq
from county.settings import set_setting
from county.terminals import fleet, new_enrollment_code, revoke
from county_server.conftest import auth, enroll_terminal
from county_server.sync_api import complaint, pull_all
from demo.village import DEMO_LOOKUP_KEY, DemoVillage
from kiosk.identity import id_hash
from sync.protocol import ComplaintAnswer, HeartbeatAnswer

NOW = datetime.now(UTC)


def test_enroll_gives_credentials_once(seeded_engine: Engine, client: httpx.Client) -> None:
    code, _ = new_enrollment_code(seeded_engine, township="高村镇", village="青山村", now=NOW)
    first = client.post("/api/v1/enroll", json={"code": code.lower().replace("-", " ")})
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["terminal_id"] == "T00001"
    assert base64.b64decode(body["lookup_key"]) == DEMO_LOOKUP_KEY
    assert (body["township"], body["village"], body["scope"]) == ("高村镇", "青山村", "county")
    again = client.post("/api/v1/enroll", json={"code": code})
    assert again.status_code == 403
    assert again.json() == {"error": {"code": "enroll.invalid_code",
                                      "message": again.json()["error"]["message"]}}


def test_a_code_enrolls_one_terminal_even_when_used_concurrently(
        seeded_engine: Engine, server: Any) -> None:
    code, _ = new_enrollment_code(seeded_engine, township="高村镇", village="青山村", now=NOW)

    def use(_i: int) -> int:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            return http.post("/api/v1/enroll", json={"code": code}).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = sorted(pool.map(use, range(4)))
    assert statuses == [200, 403, 403, 403]
    assert len(fleet(seeded_engine, now=NOW, silent_after=timedelta(hours=1))) == 1


def test_enroll_refuses_expired_and_unknown_codes(seeded_engine: Engine,
                                                  client: httpx.Client) -> None:
    code, _ = new_enrollment_code(seeded_engine, township="高村镇", village="青山村",
                                  now=NOW - timedelta(days=10), valid_for=timedelta(days=1))
    assert client.post("/api/v1/enroll", json={"code": code}).json()["error"]["code"] \
        == "enroll.invalid_code"
    assert client.post("/api/v1/enroll", json={"code": "ABCDE-FGHJK"}).status_code == 403
    bad = client.post("/api/v1/enroll", json={"code": "ABCDE-FGHJK", "extra": 1})
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "request.invalid"


def test_unknown_missing_and_revoked_tokens_get_401_and_no_data(
        seeded_engine: Engine, client: httpx.Client, terminal: dict[str, str]) -> None:
    assert client.get("/api/v1/changes").json()["error"]["code"] == "auth.missing"
    unknown = client.get("/api/v1/changes", headers={"Authorization": "Bearer nope"})
    assert unknown.status_code == 401
    assert unknown.json()["error"]["code"] == "auth.invalid_token"
    assert client.get("/api/v1/changes", headers=auth(terminal)).status_code == 200
    assert revoke(seeded_engine, terminal["terminal_id"], now=NOW)
    for method, path in (("GET", "/api/v1/changes"), ("GET", "/api/v1/snapshot"),
                         ("POST", "/api/v1/heartbeat"), ("POST", "/api/v1/complaints")):
        answer = client.request(method, path, headers=auth(terminal), json={})
        assert answer.status_code == 401, path
        assert set(answer.json()) == {"error"}
        assert answer.json()["error"]["code"] == "auth.revoked"


def test_changes_page_through_the_whole_county(
        client: httpx.Client, terminal: dict[str, str], demo_village: DemoVillage) -> None:
    pages, cursor = pull_all(client, auth(terminal), limit=4000)
    payments = [p for page in pages for p in page.payments]
    assert len(pages) > 5
    assert len(payments) == len(demo_village.payments)
    assert len({p.id for p in payments}) == len(payments)
    members = [m for page in pages for m in page.household_members]
    assert len(members) == len(demo_village.people)
    assert len([i for page in pages for i in page.benefit_items]) == 12
    # 8 demo notices: all for 高村镇 / 青山村 or the county, so all reach this terminal.
    assert len([n for page in pages for n in page.notices]) == 8
    # What the county sends is what the demo generator made, hashed with the demo key.
    person = demo_village.person("43122619560322079X")
    mine = {p.id for p in payments if p.id_hash == id_hash(DEMO_LOOKUP_KEY, person.id_number)}
    expected = {p.id for p in demo_village.payments if p.id_number == person.id_number}
    assert mine == expected and mine
    sample = next(p for p in payments if p.id == demo_village.payments[0].id)
    assert sample.amount_fen == demo_village.payments[0].amount_fen
    assert sample.paid_on == demo_village.payments[0].paid_on
    # Caught up: an empty page with the same cursor.
    again, cursor2 = pull_all(client, auth(terminal), since=cursor)
    assert cursor2 == cursor and not again[0].payments and not again[0].has_more


def test_changes_carry_notices_settings_tombstones_and_replies(
        seeded_engine: Engine, client: httpx.Client, terminal: dict[str, str]) -> None:
    _, cursor = pull_all(client, auth(terminal))
    notice = add_notice(seeded_engine, kind="公示", title="测试公示", body="内容",
                        scope="village", township="高村镇", village="青山村",
                        published_on=date(2026, 11, 20), now=NOW)
    other = add_notice(seeded_engine, kind="公示", title="别村公示", body="",
                       scope="village", township="高村镇", village="白岩村",
                       published_on=date(2026, 11, 20), now=NOW)
    set_setting(seeded_engine, "ui.idle_seconds", "90", now=NOW)
    set_setting(seeded_engine, "ui.idle_seconds", "45", scope="village:高村镇/青山村", now=NOW)
    set_setting(seeded_engine, "ui.idle_seconds", "20", scope="township:别的镇", now=NOW)
    filed = client.post("/api/v1/complaints", headers=auth(terminal), json=complaint("k-reply-1"))
    server_id = filed.json()["server_id"]
    act(seeded_engine, server_id, Action.ASSIGN, actor="insp1", assignee="高村镇监督组", now=NOW)
    act(seeded_engine, server_id, Action.REPLY, actor="gaocun", text="已核实，将于下月补发。",
        now=NOW)
    pages, cursor = pull_all(client, auth(terminal), since=cursor)
    notices = [n for p in pages for n in p.notices]
    assert [n.id for n in notices] == [notice]
    assert other not in [n.id for n in notices]
    settings = [s for p in pages for s in p.settings]
    assert [(s.key, s.value) for s in settings] == [("ui.idle_seconds", "45")]
    replies = [r for p in pages for r in p.complaint_replies]
    assert [(r.server_id, r.reply_text, r.ticket_no) for r in replies] == \
        [(server_id, "已核实，将于下月补发。", "T00001-000001")]

    assert retire_notice(seeded_engine, notice, now=NOW)
    pages, cursor = pull_all(client, auth(terminal), since=cursor)
    tombstones = [(t.entity, t.key) for p in pages for t in p.tombstones]
    assert tombstones == [("notice", str(notice))]
    assert not [n for p in pages for n in p.notices]


def test_township_scope_gets_only_its_township(seeded_engine: Engine,
                                               client: httpx.Client) -> None:
    elsewhere = enroll_terminal(seeded_engine, client, township="兰里镇", village="兰里村",
                                scope="township")
    pages, cursor = pull_all(client, auth(elsewhere))
    with seeded_engine.connect() as conn:
        assert cursor == str(current_seq(conn))  # caught up: no lag although nothing came
    assert not [p for page in pages for p in page.payments]
    assert not [m for page in pages for m in page.household_members]
    # County-wide notices reach every terminal; 高村镇's own ones do not.
    notices = [n for page in pages for n in page.notices]
    assert notices and {n.scope for n in notices} == {"county"}
    # The snapshot applies the same scope.
    lines = _snapshot_lines(client, elsewhere)
    kinds = {line["type"] for line in lines}
    assert "payment" not in kinds and "household_member" not in kinds
    assert {line["data"]["scope"] for line in lines if line["type"] == "notice"} == {"county"}


def test_bad_cursor_and_limit(client: httpx.Client, terminal: dict[str, str]) -> None:
    for since in ("abc", "99999999999", "-1"):
        answer = client.get("/api/v1/changes", params={"since": since}, headers=auth(terminal))
        assert answer.status_code == 400, since
        assert answer.json()["error"]["code"] == "changes.invalid_cursor"
    answer = client.get("/api/v1/changes", params={"limit": 0}, headers=auth(terminal))
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "request.invalid"


def _snapshot_lines(client: httpx.Client, terminal: dict[str, str],
                    resume: str | None = None) -> list[dict[str, Any]]:
    params = {"resume": resume} if resume else {}
    with client.stream("GET", "/api/v1/snapshot", params=params,
                       headers={**auth(terminal), "Accept-Encoding": "identity"}) as answer:
        assert answer.status_code == 200
        assert answer.headers["content-encoding"] == "gzip"
        raw = b"".join(answer.iter_raw())
    return [json.loads(line) for line in gzip.decompress(raw).splitlines()]


def test_snapshot_streams_everything_and_resumes(client: httpx.Client,
                                                 terminal: dict[str, str],
                                                 demo_village: DemoVillage) -> None:
    lines = _snapshot_lines(client, terminal)
    assert lines[0]["type"] == "header" and lines[-1]["type"] == "end"
    records = [line for line in lines if line["type"] not in ("header", "checkpoint", "end")]
    assert lines[-1]["records"] == len(records)
    payments = [r["data"] for r in records if r["type"] == "payment"]
    assert len(payments) == len(demo_village.payments)
    assert sum(r["type"] == "household_member" for r in records) == len(demo_village.people)
    # Resume from a checkpoint in the middle of the payments: the rest, no gap.
    checkpoints = [i for i, line in enumerate(lines) if line["type"] == "checkpoint"]
    middle = checkpoints[len(checkpoints) // 2]
    rest = _snapshot_lines(client, terminal, resume=lines[middle]["resume"])
    assert rest[0] == lines[0]
    tail = [line for line in rest if line["type"] not in ("header", "checkpoint", "end")]
    expected = [line for line in lines[middle + 1:]
                if line["type"] not in ("header", "checkpoint", "end")]
    assert [(r["type"], r["data"]) for r in tail] == [(r["type"], r["data"]) for r in expected]
    # The cursor continues with changes: nothing new yet.
    page = client.get("/api/v1/changes", params={"since": lines[0]["cursor"]},
                      headers=auth(terminal)).json()
    assert page["payments"] == [] and page["has_more"] is False
    bad = client.get("/api/v1/snapshot", params={"resume": "s1.1.9.x"}, headers=auth(terminal))
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "snapshot.invalid_resume"


def test_same_complaint_five_times_concurrently_is_stored_once(
        seeded_engine: Engine, server: Any, terminal: dict[str, str]) -> None:
    body = complaint(uuid.uuid4().hex)

    def post(_i: int) -> ComplaintAnswer:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            answer = http.post("/api/v1/complaints", json=body, headers=auth(terminal))
            assert answer.status_code == 200, answer.text
            return ComplaintAnswer.model_validate(answer.json())

    with ThreadPoolExecutor(max_workers=5) as pool:
        answers = list(pool.map(post, range(5)))
    assert len({a.server_id for a in answers}) == 1
    assert sorted(a.duplicate for a in answers) == [False, True, True, True, True]
    with seeded_engine.connect() as conn:
        rows = conn.execute(select(Complaint)).all()
    assert len(rows) == 1
    assert (rows[0].name, rows[0].id_hash, rows[0].text) == ("龙德贵", "a" * 64,
                                                             "十月份的低保没有收到。")


def test_complaint_key_reuse_and_anonymity(seeded_engine: Engine, client: httpx.Client,
                                           terminal: dict[str, str]) -> None:
    first = client.post("/api/v1/complaints", headers=auth(terminal), json=complaint("key-0001"))
    assert first.status_code == 200
    clash = client.post("/api/v1/complaints", headers=auth(terminal),
                        json=complaint("key-0001", text="别的内容"))
    assert clash.status_code == 409
    assert clash.json()["error"]["code"] == "complaint.key_reused"
    anon = client.post("/api/v1/complaints", headers=auth(terminal),
                       json=complaint("key-0002", anonymous=True, ticket_no="T00001-000002"))
    assert anon.status_code == 200
    with seeded_engine.connect() as conn:
        row = conn.execute(select(Complaint).where(Complaint.idempotency_key == "key-0002")).one()
    assert (row.anonymous, row.id_hash, row.name) == (True, None, None)
    for bad in ({"category": "bribery"}, {"text": "字" * 2001}, {"id_hash": "XYZ"},
                {"anonymous": False, "id_hash": None}):
        answer = client.post("/api/v1/complaints", headers=auth(terminal),
                             json=complaint("key-0003", **bad))
        assert answer.status_code == 422, bad
        assert answer.json()["error"]["code"] == "request.invalid"


def test_heartbeat_is_stored_and_answered(seeded_engine: Engine, client: httpx.Client,
                                          terminal: dict[str, str],
                                          demo_village: DemoVillage) -> None:
    beat = {"version": "0.1.0", "uptime_s": 3600, "reader": "ready", "printer": "paper_low",
            "cursor": "5", "outbox_depth": 2, "disk_free_bytes": 5 * 2**30,
            "disk_total_bytes": 16 * 2**30}
    set_setting(seeded_engine, "ui.countdown_seconds", "5", now=NOW)
    answer = client.post("/api/v1/heartbeat", headers=auth(terminal), json=beat)
    assert answer.status_code == 200, answer.text
    hb = HeartbeatAnswer.model_validate(answer.json())
    assert [a.kind for a in hb.pending_actions] == ["sync"]
    assert hb.settings_version > 0
    rows = fleet(seeded_engine, now=datetime.now(UTC), silent_after=timedelta(hours=6))
    [row] = rows
    assert (row.version, row.printer, row.outbox_depth, row.silent) == ("0.1.0", "paper_low",
                                                                         2, False)
    # Cursor 5 of a county whose every payment is a change after it.
    assert row.cursor_lag is not None and row.cursor_lag > len(demo_village.payments) - 5
    with seeded_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Payment)).scalar_one() > 0


def test_body_limit_and_openapi(client: httpx.Client, terminal: dict[str, str]) -> None:
    huge = complaint("key-big", text="x" * 100_000)
    answer = client.post("/api/v1/complaints", headers=auth(terminal), json=huge)
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "request.too_large"

    def chunks() -> Any:
        for _ in range(100):
            yield b"x" * 1024

    chunked = client.post("/api/v1/complaints", headers=auth(terminal), content=chunks())
    assert chunked.status_code == 413
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/enroll", "/api/v1/changes", "/api/v1/snapshot", "/api/v1/complaints",
            "/api/v1/heartbeat"} <= set(spec["paths"])
    missing = client.get("/api/v1/nowhere")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "request.not_found"
