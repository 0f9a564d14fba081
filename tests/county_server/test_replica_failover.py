"""Issue 19: the guide's failover — promote the standby, point the server at it.

A pair of its own (the session's pair must stay a pair): after `pg_ctl
promote` the old standby takes writes, `county status` on it answers, the lag
measure says the replica is no longer a standby, and after the guide's jump
of the change counter a terminal whose cursor came from the lost primary's
last, unreplicated commit still receives the first change made after the
failover (without the jump that change would take the terminal's own cursor
number and be skipped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from county.cli.main import main as county_main
from county.db import open_county_db
from county.notices import KINDS, add_notice
from county.replica import open_replica
from county.replica_lag import replica_lag
from county.seq import current_seq
from county_server.conftest import auth, enroll_terminal
from county_server.live import LiveServer
from county_server.pgcluster import PgPair, find_bindir, start_cluster, start_standby

GUIDE = Path(__file__).parents[2] / "docs" / "it-staff-guide.md"


@pytest.fixture
def own_pair() -> Iterator[PgPair]:
    bindir = find_bindir()
    assert bindir is not None, "PostgreSQL is missing: `make test` installs it"
    primary = start_cluster(bindir, replicated=True)
    try:
        pair = PgPair(primary, start_standby(primary))
    except BaseException:
        primary.stop()
        raise
    yield pair
    pair.stop()


def _notice(engine: object, title: str) -> None:
    add_notice(engine, kind=KINDS[0], title=title, body="请留意",  # type: ignore[arg-type]
               scope="county", published_on=datetime.now(UTC).date(), now=datetime.now(UTC))


def test_promoting_the_standby(own_pair: PgPair, capsys: pytest.CaptureFixture[str]) -> None:
    primary = open_county_db(own_pair.primary.create_database("county"))
    _notice(primary, "故障前")
    own_pair.replayed()
    own_pair.pause()
    _notice(primary, "未复制")  # committed on db1, never replayed on db2
    with primary.connect() as conn:
        lost_cursor = current_seq(conn)
    primary.dispose()
    standby_url = own_pair.standby.url("county")
    own_pair.primary.stop()  # db1 is lost
    promoted = own_pair.standby.run("pg_ctl", "-D", str(own_pair.standby.datadir), "-w",
                                    "promote")
    assert promoted.returncode == 0, promoted.stderr

    assert county_main(["status", "--db", standby_url]) == 0
    out = capsys.readouterr().out
    assert f"change {lost_cursor - 1}" in out and "replica  none" in out
    engine = open_county_db(standby_url)
    stale = open_replica(standby_url, app_threads=1)
    try:
        assert replica_lag(engine, stale).error == "the replica is not a standby (promoted?)"
        # Before any write: the guide's jump, so no new change reuses a lost number.
        guide = GUIDE.read_text(encoding="utf-8")
        jump = re.search(r'psql -d county -c "(UPDATE change_counter[^"]*)"', guide)
        assert jump, "the guide's failover no longer jumps the change counter"
        own_pair.standby.sql(jump[1], "county")
        _notice(engine, "故障后")  # writes work
        with (LiveServer(engine) as live, httpx.Client(base_url=live.url, timeout=30) as http):
            headers = auth(enroll_terminal(engine, http))
            # A terminal that fetched db1's lost change, and one that did not: both get
            # the change made after the failover (none skips it).
            for cursor in (lost_cursor, lost_cursor - 1):
                page = http.get("/api/v1/changes", params={"since": str(cursor)},
                                headers=headers)
                assert page.status_code == 200, page.text
                assert [n["title"] for n in page.json()["notices"]] == ["故障后"]
                assert int(page.json()["next_cursor"]) > lost_cursor
    finally:
        stale.dispose()
        engine.dispose()
