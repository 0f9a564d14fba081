"""The console's accounts and security over real HTTP (uvicorn on loopback), both databases.

Browser-level checks of the same rules are in test_console_browser.py; these
look at what a browser does not show: cookie flags, status codes, the audit
rows, the database refusing to change the audit log.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import redirect_stdout
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from reference import REFERENCE_DAY
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError

from county.cli import main as county_main
from county.console.accounts import ADDRESS_LIMIT, IDLE_TIMEOUT, LOCK_AFTER, LOCK_FOR, get_user
from county.console.accounts import log_in as open_session
from county.console.audit import list_audit
from county.console.errors import LoginRefused
from county.console.models import ConsoleSession, ConsoleUser, LoginFailure
from county.db import open_county_db
from county.models import Notice
from county_server.console_data import PASSWORD, add_townships, add_users, csrf_of, log_in
from county_server.live import LiveServer
from demo.village import generate_village
from kiosk import clock


@pytest.fixture
def console(server: LiveServer, seeded_engine: Engine, tmp_path: Path) -> LiveServer:
    """The county server with the console users and three townships."""
    add_users(seeded_engine)
    add_townships(seeded_engine, tmp_path)
    return server


@pytest.fixture
def browser_like(console: LiveServer) -> Iterator[httpx.Client]:
    """A cookie-keeping HTTP client of :func:`console`."""
    with httpx.Client(base_url=console.url, timeout=30) as http:
        yield http


@pytest.fixture
def moved_clock() -> Iterator[None]:
    """Lets a test move the clock the server thread reads; back to the system clock after."""
    yield
    clock.reset()


def _county(url: str, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = county_main([*args, "--db", url])
    return code, out.getvalue()


def test_cli_adds_lists_disables_and_resets(seeded_url: str, seeded_engine: Engine,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert _county(seeded_url, "user", "add", "wang", "--role", "township", "--township",
                   "高村镇", "--password", "a-good-password")[0] == 0
    assert county_main(["user", "add", "li", "--role", "township", "--password", "long-enough",
                        "--db", seeded_url]) == 1
    assert "needs --township" in capsys.readouterr().err
    assert county_main(["user", "add", "zhao", "--role", "viewer", "--password", "short",
                        "--db", seeded_url]) == 1
    assert "shorter than 8" in capsys.readouterr().err
    code, listing = _county(seeded_url, "user", "list")
    assert code == 0 and "wang" in listing and "高村镇" in listing and "active" in listing
    with seeded_engine.connect() as conn:
        stored = conn.execute(select(ConsoleUser.password_hash)
                              .where(ConsoleUser.name == "wang")).scalar_one()
    assert stored.startswith("$argon2id$") and "a-good-password" not in stored
    assert _county(seeded_url, "user", "disable", "wang")[0] == 0
    assert "disabled" in _county(seeded_url, "user", "list")[1]
    assert _county(seeded_url, "user", "reset-password", "wang", "--password",
                   "another-password")[0] == 0
    actions = [(r.action, r.target, r.address) for r in list_audit(seeded_engine)]
    assert ("user.add", "wang", "local") in actions
    assert ("user.disable", "wang", "local") in actions
    assert ("user.reset_password", "wang", "local") in actions


def test_cli_prompts_for_the_password(seeded_url: str, seeded_engine: Engine,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["typed-password", "typed-password"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(answers))
    assert _county(seeded_url, "user", "add", "sun", "--role", "inspector")[0] == 0
    user = get_user(seeded_engine, "sun")
    assert user is not None and user.role == "inspector"


def test_session_cookie_flags_and_secure_over_tls(browser_like: httpx.Client) -> None:
    answer = log_in(browser_like, "insp1")
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard"
    cookie = next(c for c in answer.headers.get_list("set-cookie")
                  if c.startswith("county_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    # Behind the county's TLS proxy (uvicorn trusts X-Forwarded-Proto from loopback).
    with httpx.Client(base_url=str(browser_like.base_url), timeout=30) as tls:
        answer = log_in(tls, "insp1", **{"X-Forwarded-Proto": "https"})
    cookie = next(c for c in answer.headers.get_list("set-cookie")
                  if c.startswith("county_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_login_form_needs_its_csrf_token(browser_like: httpx.Client) -> None:
    browser_like.get("/login")
    answer = browser_like.post("/login", data={"username": "insp1", "password": PASSWORD},
                               follow_redirects=False)
    assert answer.status_code == 403 and "county_session" not in answer.headers.get(
        "set-cookie", "")


def test_form_without_csrf_token_is_refused_and_audited(browser_like: httpx.Client,
                                                        seeded_engine: Engine) -> None:
    log_in(browser_like, "it1")
    fields = {"kind": "政策", "title": "无校验码的公告", "scope": "county"}
    refused = browser_like.post("/notices", data=fields, follow_redirects=False)
    assert refused.status_code == 403 and "csrf_token" in refused.text
    wrong = browser_like.post("/notices", data={**fields, "csrf_token": "x" * 43},
                              follow_redirects=False)
    assert wrong.status_code == 403
    with seeded_engine.connect() as conn:
        assert conn.execute(select(Notice).where(Notice.title == "无校验码的公告")).first() is None
    token = csrf_of(browser_like.get("/notices").text)
    ok = browser_like.post("/notices", data={**fields, "csrf_token": token},
                           follow_redirects=False)
    assert ok.status_code == 303
    assert [r.action for r in list_audit(seeded_engine, action="csrf.refused")] == [
        "csrf.refused", "csrf.refused"]


def test_six_wrong_passwords_lock_the_account(browser_like: httpx.Client, seeded_engine: Engine,
                                              seeded_url: str, moved_clock: None) -> None:
    for attempt in range(LOCK_AFTER):
        answer = log_in(browser_like, "viewer1", "wrong-password")
        assert answer.status_code == (429 if attempt == LOCK_AFTER - 1 else 401)
    locked = log_in(browser_like, "viewer1")  # the right password: still locked
    assert locked.status_code == 429 and "锁定" in locked.text
    assert "locked until" in _county(seeded_url, "user", "list")[1]
    other = log_in(browser_like, "insp1")  # other accounts are not affected
    assert other.status_code == 303
    clock.travel_to(clock.now() + LOCK_FOR + timedelta(seconds=1))
    assert log_in(browser_like, "viewer1").status_code == 303
    actions = [r.action for r in list_audit(seeded_engine)]
    assert actions.count("login.fail") == LOCK_AFTER and "user.lock" in actions


def test_unlock_lifts_the_lock(browser_like: httpx.Client, seeded_url: str) -> None:
    for _ in range(LOCK_AFTER):
        log_in(browser_like, "viewer1", "wrong-password")
    assert log_in(browser_like, "viewer1").status_code == 429
    assert _county(seeded_url, "user", "unlock", "viewer1")[0] == 0
    assert log_in(browser_like, "viewer1").status_code == 303


def test_wrong_passwords_from_one_address_are_limited(browser_like: httpx.Client) -> None:
    # Different (unknown and known) names each time: no single account locks.
    for n in range(ADDRESS_LIMIT):
        assert log_in(browser_like, f"guess{n}", "wrong-password").status_code == 401
    refused = log_in(browser_like, "insp1")
    assert refused.status_code == 429 and "此地址" in refused.text


def test_disabled_user_is_out_at_the_next_request(browser_like: httpx.Client,
                                                  seeded_url: str) -> None:
    log_in(browser_like, "viewer1")
    assert browser_like.get("/dashboard").status_code == 200
    assert _county(seeded_url, "user", "disable", "viewer1")[0] == 0
    answer = browser_like.get("/dashboard", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert log_in(browser_like, "viewer1").status_code == 401


def test_idle_session_expires(browser_like: httpx.Client, moved_clock: None) -> None:
    log_in(browser_like, "insp1")
    clock.travel_to(clock.now() + IDLE_TIMEOUT - timedelta(minutes=1))
    assert browser_like.get("/dashboard").status_code == 200  # in use: kept alive
    clock.travel_to(clock.now() + IDLE_TIMEOUT - timedelta(minutes=1))
    assert browser_like.get("/dashboard").status_code == 200
    clock.travel_to(clock.now() + IDLE_TIMEOUT + timedelta(minutes=1))
    answer = browser_like.get("/dashboard", follow_redirects=False)
    assert answer.status_code == 303


def test_logout_ends_the_session(browser_like: httpx.Client) -> None:
    log_in(browser_like, "insp1")
    token = csrf_of(browser_like.get("/dashboard").text)
    session = browser_like.cookies["county_session"]
    assert browser_like.post("/logout", data={"csrf_token": token},
                             follow_redirects=False).status_code == 303
    with httpx.Client(base_url=str(browser_like.base_url), timeout=30,
                      cookies={"county_session": session}) as replay:
        assert replay.get("/dashboard", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("path", ["/dashboard?township=石桥乡",
                                  "/dashboard?township=石桥乡&village=河湾村",
                                  "/terminals?township=石桥乡", "/complaints?township=石桥乡"])
def test_township_user_gets_403_for_another_township(browser_like: httpx.Client,
                                                     seeded_engine: Engine, path: str) -> None:
    log_in(browser_like, "gaocun")
    answer = browser_like.get(path)
    assert answer.status_code == 403 and "石桥乡" not in answer.text.split("<main>")[1].split(
        "本账号")[0]
    denied = list_audit(seeded_engine, action="access.denied")
    assert [(r.actor, r.township) for r in denied] == [("gaocun", "石桥乡")]
    own = browser_like.get("/dashboard")
    assert own.status_code == 200 and "高村镇" in own.text and "石桥乡" not in own.text


def test_roles_limit_pages(browser_like: httpx.Client) -> None:
    log_in(browser_like, "viewer1")
    assert browser_like.get("/audit").status_code == 403
    assert browser_like.get("/dashboard").status_code == 200
    browser_like.cookies.clear()
    log_in(browser_like, "minzheng")
    assert browser_like.get("/dashboard").status_code == 403
    assert browser_like.get("/imports").status_code == 200
    browser_like.cookies.clear()
    log_in(browser_like, "insp1")
    audit = browser_like.get("/audit")
    assert audit.status_code == 200 and "login.ok" in audit.text


def test_pages_need_a_login_except_public(console: LiveServer) -> None:
    with httpx.Client(base_url=console.url, timeout=30) as anonymous:
        for path in ("/dashboard", "/terminals", "/notices", "/audit", "/imports",
                     "/complaints"):
            answer = anonymous.get(path, follow_redirects=False)
            assert answer.status_code == 303, path
            assert answer.headers["location"].startswith("/login?next=")
        public = anonymous.get("/public")
        assert public.status_code == 200 and "石桥乡" in public.text


def test_audit_log_is_append_only(seeded_engine: Engine, browser_like: httpx.Client) -> None:
    log_in(browser_like, "insp1")
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError), seeded_engine.begin() as conn:
            conn.execute(text(statement))
    assert [r.actor for r in list_audit(seeded_engine, action="login.ok")] == ["insp1"]


def test_untrusted_text_is_escaped_and_no_id_number_shown(browser_like: httpx.Client,
                                                          seeded_engine: Engine) -> None:
    log_in(browser_like, "it1")
    token = csrf_of(browser_like.get("/notices").text)
    browser_like.post("/notices", data={"kind": "政策", "title": "<script>alert(1)</script>",
                                        "scope": "county", "csrf_token": token})
    page = browser_like.get("/notices").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    browser_like.cookies.clear()
    log_in(browser_like, "insp1")
    numbers = [p.id_number for p in generate_village(today=REFERENCE_DAY).people]
    for path in ("/dashboard", "/dashboard?township=高村镇&village=青山村", "/complaints",
                 "/audit", "/public", "/terminals", "/notices", "/imports"):
        body = browser_like.get(path).text
        assert not any(n in body for n in numbers), path


def test_a_session_works_on_another_app_process(console: LiveServer, seeded_url: str,
                                                browser_like: httpx.Client) -> None:
    """No state in the app: a second app on the same database knows the session."""
    log_in(browser_like, "insp1")
    other_engine = open_county_db(seeded_url)
    try:
        with LiveServer(other_engine) as other, httpx.Client(
                base_url=other.url, timeout=30,
                cookies={"county_session": browser_like.cookies["county_session"]}) as http:
            page = http.get("/dashboard", follow_redirects=False)
            assert page.status_code == 200 and "insp1" in page.text
            token = csrf_of(page.text)
            assert http.post("/logout", data={"csrf_token": token},
                             follow_redirects=False).status_code == 303
    finally:
        other_engine.dispose()
    # Logged out through the other process: out here too.
    assert browser_like.get("/dashboard", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(("target", "lands"), [("/terminals?township=高村镇", "/terminals?"),
                                               ("//evil.example/x", "/dashboard"),
                                               ("https://evil.example/", "/dashboard")])
def test_login_returns_only_to_a_path_of_this_server(browser_like: httpx.Client, target: str,
                                                     lands: str) -> None:
    form = browser_like.get("/login", params={"next": target})
    answer = browser_like.post("/login", data={
        "username": "insp1", "password": PASSWORD, "csrf_token": csrf_of(form.text),
        "next": target}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith(lands)


def test_stale_sessions_and_old_failures_are_pruned(seeded_engine: Engine) -> None:
    add_users(seeded_engine)
    start = clock.now()
    open_session(seeded_engine, "insp1", PASSWORD, address="10.0.0.1", now=start)
    with pytest.raises(LoginRefused):
        open_session(seeded_engine, "insp1", "wrong-password", address="10.0.0.1", now=start)
    later = start + IDLE_TIMEOUT + timedelta(hours=1)
    with pytest.raises(LoginRefused):
        open_session(seeded_engine, "it1", "wrong-password", address="10.0.0.2", now=later)
    open_session(seeded_engine, "it1", PASSWORD, address="10.0.0.2", now=later)
    with seeded_engine.connect() as conn:
        assert conn.execute(select(ConsoleSession.address)).scalars().all() == ["10.0.0.2"]
        assert conn.execute(select(LoginFailure.address)).scalars().all() == ["10.0.0.2"]
