"""County fixtures: the same tests on SQLite and on a real PostgreSQL started here.

The PostgreSQL cluster is created once per test run (initdb + pg_ctl in a
temp dir, as the ``postgres`` user when running as root). The demo county is
seeded once per backend into a template (a SQLite file copied per test, a
PostgreSQL ``CREATE DATABASE … TEMPLATE``), so each test gets its own fresh
database in well under a second.

The console's fixtures shared by several test files are here too: ``http`` and ``town``
on the generated county, and the browser ones (``chromium``, ``page``, ``console``,
``shoot``); their plain helpers are in browser.py.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from reference import (
    REFERENCE_DAY,
    system_clock,  # noqa: F401  (this directory runs on the system clock)
)
from sqlalchemy import Engine, select

from county.collision.models import Lead
from county.console.accounts import add_user
from county.db import open_county_db
from county.demo_county import CountyData, generate_county
from county.seed import seed_demo
from county.terminals import new_enrollment_code
from county_server.browser import CHROMIUM, SHOTS, SIZES, Shoot
from county_server.collide_data import SMALL, load_county
from county_server.console_data import PASSWORD, add_townships, add_users
from county_server.live import LiveServer, seeded_sqlite_county
from county_server.pgcluster import (
    PgCluster,
    PgPair,
    find_bindir,
    start_cluster,
    start_standby,
)
from demo.village import generate_village

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A running throwaway PostgreSQL cluster (skips only if PostgreSQL is not installed)."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (Debian package `postgresql`) not installed; "
                    "`make test` installs them when run as root")
    cluster = start_cluster(bindir)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_pair() -> Iterator[PgPair]:
    """A PostgreSQL primary and a hot standby streaming from it (issue 19), both started
    here from the Debian package's binaries on loopback; a cluster of their own, so a
    test pausing the standby's replay holds up no other test."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (Debian package `postgresql`) not installed; "
                    "`make test` installs them when run as root")
    primary = start_cluster(bindir, replicated=True)
    try:
        pair = PgPair(primary, start_standby(primary))
    except BaseException:
        primary.stop()
        raise
    yield pair
    pair.stop()


@pytest.fixture(scope="session")
def _pair_template(pg_pair: PgPair) -> str:
    # Migrated with the shipped catalogue, no demo data: a terminal's first snapshot of
    # it takes a moment (the demo county's 31 000 records take seconds).
    engine = open_county_db(pg_pair.primary.create_database("county_template"))
    engine.dispose()
    return "county_template"


@pytest.fixture
def replicated_county(pg_pair: PgPair, _pair_template: str) -> Iterator[tuple[str, str]]:
    """``(primary URL, replica URL)`` of a private, migrated county database (catalogue
    only) on :func:`pg_pair`, the replica caught up; replay runs again after the test
    whatever it paused."""
    name = f"county_{next(_names)}"
    pg_pair.primary.sql(f'CREATE DATABASE "{name}" TEMPLATE "{_pair_template}"')
    pg_pair.replayed()
    try:
        yield pg_pair.primary.url(name), pg_pair.standby.url(name)
    finally:
        pg_pair.resume()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on."""
    return str(request.param)


def _empty_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'county.db'}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"county_{next(_names)}")


@pytest.fixture
def county_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a fresh, empty (not yet migrated) county database on ``backend``."""
    return _empty_url(backend, request, tmp_path)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_sqlite_county(tmp_path_factory.mktemp("county-template") / "county.db")


@pytest.fixture(scope="session")
def _pg_template(pg_cluster: PgCluster) -> str:
    url = pg_cluster.create_database("seeded_template")
    engine = open_county_db(url)
    seed_demo(engine, now=datetime.now(UTC), village=generate_village(today=REFERENCE_DAY))
    engine.dispose()
    return "seeded_template"


@pytest.fixture
def seeded_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a private county database holding the demo county."""
    if backend == "sqlite":
        path = tmp_path / "county.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        return f"sqlite:///{path}"
    template = request.getfixturevalue("_pg_template")
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    name = f"county_{next(_names)}"
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return cluster.url(name)


@pytest.fixture(scope="session")
def county() -> CountyData:
    """The suite's generated county for the collision rules (same seed, same county)."""
    return generate_county(SMALL)


@pytest.fixture(scope="session")
def _collide_sqlite_template(tmp_path_factory: pytest.TempPathFactory,
                             county: CountyData) -> Path:
    directory = tmp_path_factory.mktemp("collide-template")
    engine = open_county_db(f"sqlite:///{directory / 'county.db'}")
    load_county(engine, county, directory / "files")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return directory / "county.db"


@pytest.fixture(scope="session")
def _collide_pg_template(pg_cluster: PgCluster, county: CountyData,
                         tmp_path_factory: pytest.TempPathFactory) -> str:
    engine = open_county_db(pg_cluster.create_database("collide_template"))
    load_county(engine, county, tmp_path_factory.mktemp("collide-files"))
    engine.dispose()
    return "collide_template"


@pytest.fixture
def engine(county_url: str, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A county database at :func:`county_url` with the generated county imported through
    the real importers, messy files and all (the lists' imports ran the rules already).

    The import runs once per backend into a template, copied per test like the demo
    county's: seconds a test before, for some forty tests."""
    if county_url.startswith("sqlite:///"):
        shutil.copyfile(request.getfixturevalue("_collide_sqlite_template"),
                        county_url.removeprefix("sqlite:///"))
    else:
        template = request.getfixturevalue("_collide_pg_template")
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        name = county_url.rsplit("/", 1)[1]
        cluster.sql(f'DROP DATABASE "{name}"')
        cluster.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    eng = open_county_db(county_url)
    yield eng
    eng.dispose()


@pytest.fixture
def seeded_engine(seeded_url: str) -> Iterator[Engine]:
    """An engine on :func:`seeded_url`."""
    engine = open_county_db(seeded_url)
    yield engine
    engine.dispose()


@pytest.fixture
def server(seeded_engine: Engine) -> Iterator[LiveServer]:
    """The real county server (uvicorn, loopback) on the seeded database."""
    with LiveServer(seeded_engine) as live:
        yield live


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    """An HTTP client for :func:`server` (base URL set, 30 s timeout)."""
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


def enroll_terminal(engine: Engine, http: httpx.Client, *, township: str = "高村镇",
                    village: str = "青山村", scope: str = "county") -> dict[str, str]:
    """Enroll a terminal through the API; return the enrollment response body."""
    code, _ = new_enrollment_code(engine, township=township, village=village, scope=scope,
                                  now=datetime.now(UTC), valid_for=timedelta(hours=1))
    answer = http.post("/api/v1/enroll", json={"code": code})
    assert answer.status_code == 200, answer.text
    body: dict[str, str] = answer.json()
    return body


@pytest.fixture
def terminal(seeded_engine: Engine, client: httpx.Client) -> dict[str, str]:
    """A terminal of 青山村 (county scope) enrolled on :func:`server`."""
    return enroll_terminal(seeded_engine, client)


def auth(body: dict[str, str]) -> dict[str, str]:
    """The Authorization header for an enrolled terminal."""
    return {"Authorization": f"Bearer {body['token']}"}


# The console over HTTP on the generated county (test_console_leads.py, test_console_lead_steps.py).

@pytest.fixture
def town(engine: Engine) -> str:
    """The township of the first lead."""
    with engine.connect() as conn:
        return str(conn.execute(select(Lead.township).order_by(Lead.id)).scalars().first())


@pytest.fixture
def http(engine: Engine, town: str) -> Iterator[httpx.Client]:
    """A client of the county server on the generated county, with the console users."""
    add_users(engine)
    add_user(engine, "town1", role="township", township=town, password=PASSWORD, actor="t",
             now=datetime.now(UTC))
    with LiveServer(engine) as live, httpx.Client(base_url=live.url, timeout=30) as client:
        yield client


# The console in a real browser (test_console_*.py; tests/screens/test_complaint_end_to_end.py
# takes them from here). Module scope for the browser: one chromium per test file.

@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's chromium, headless (never a browser Playwright downloads)."""
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        # CI (as root, through `make test`) always has it: there a missing browser fails.
        (pytest.fail if os.environ.get("CI") else pytest.skip)(
            "Debian package `chromium` not installed; `make test` installs it as root")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def console(server: LiveServer, seeded_engine: Engine, tmp_path: Path) -> LiveServer:
    """The county server with console users, three townships, two terminals, a complaint."""
    add_users(seeded_engine)
    add_townships(seeded_engine, tmp_path)
    with httpx.Client(base_url=server.url, timeout=30) as http:
        enroll_terminal(seeded_engine, http, township="石桥乡", village="河湾村")  # silent
        body = enroll_terminal(seeded_engine, http)
        beat = http.post("/api/v1/heartbeat", headers=auth(body), json={
            "version": "1.4.2", "uptime_s": 3600, "reader": "ready", "printer": "paper_near_end",
            "cursor": "1", "outbox_depth": 0, "disk_free_bytes": 12 * 2**30})
        assert beat.status_code == 200, beat.text
        filed = http.post("/api/v1/complaints", headers=auth(body), json={
            "idempotency_key": "console-test-0001", "ticket_no": "QS01-0001",
            "category": "not_received", "text": "2025年3月的高龄津贴没有收到<b>粗体</b>",
            "created_at": datetime.now(UTC).isoformat()})
        assert filed.status_code == 200, filed.text
    return server


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies) at 1366×768, Chinese locale."""
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    # Waits are on conditions; the limit only matters when the machine is slow (a loaded
    # CI machine took over 30 s, Playwright's default, to answer a 2 MB upload).
    context.set_default_timeout(120_000)
    # Every script, style, font and chart comes from the county server itself (no CDN).
    elsewhere: list[str] = []
    context.on("request", lambda r: None if urlsplit(r.url).scheme in ("data", "about") or
               urlsplit(r.url).hostname == "127.0.0.1" else elsewhere.append(r.url))
    yield context.new_page()
    context.close()
    assert elsewhere == [], elsewhere


@pytest.fixture
def shoot(backend: str) -> Iterator[Shoot]:
    """``shoot(page, name)``: save the page at both sizes (SQLite run only: one set)."""
    def save(page: Page, name: str) -> None:
        if backend != "sqlite":
            return
        SHOTS.mkdir(parents=True, exist_ok=True)
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(SHOTS / f"{name}-{width}x{height}.png"), full_page=True)
        page.set_viewport_size({"width": 1366, "height": 768})
    yield save
