"""Issue 19: a replica that falls behind is noticed (`county status`, the console's /terminals).

The real primary and hot standby of :func:`pg_pair`; the standby falls behind
because its WAL replay is paused while the primary takes changes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from county.cli.main import main as county_main
from county.console.accounts import add_user
from county.db import APP_THREADS, open_county_db
from county.notices import KINDS, add_notice
from county.replica import open_replica
from county.replica_lag import replica_lag
from county_server.console_data import PASSWORD, log_in
from county_server.live import LiveServer
from county_server.pgcluster import PgPair


def _status(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = county_main(["status", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_replica_that_falls_behind_is_noticed(
        pg_pair: PgPair, replicated_county: tuple[str, str],
        capsys: pytest.CaptureFixture[str]) -> None:
    primary_url, replica_url = replicated_county
    primary = open_county_db(primary_url, app_threads=APP_THREADS)
    replica = open_replica(replica_url, app_threads=APP_THREADS)
    for name, role in (("it1", "it"), ("viewer1", "viewer")):
        add_user(primary, name, role=role, password=PASSWORD, actor="test",
                 now=datetime.now(UTC))
    pg_pair.replayed()
    try:
        caught_up = replica_lag(primary, replica)
        assert not caught_up.behind and caught_up.changes_behind == 0
        assert caught_up.bytes_behind == 0 and caught_up.seconds_behind == 0
        code, out, _ = _status(capsys, "--db", primary_url, "--db-replica", replica_url,
                               "--max-lag", "5")
        assert code == 0, out
        assert "lag      caught up: 0 changes, 0 bytes" in out
        assert "primary  postgresql+psycopg://postgres@127.0.0.1" in out

        pg_pair.pause()
        for title in ("停水通知", "停电通知"):
            add_notice(primary, kind=KINDS[0], title=title, body="明天", scope="county",
                       published_on=datetime.now(UTC).date(), now=datetime.now(UTC))
        lag = replica_lag(primary, replica)
        assert lag.behind and lag.paused and lag.changes_behind == 2
        assert lag.bytes_behind is not None and lag.bytes_behind > 0
        assert lag.seconds_behind is not None and lag.seconds_behind >= 0

        code, out, err = _status(capsys, "--db", primary_url, "--db-replica", replica_url,
                                 "--max-lag", "0")
        assert code == 1
        assert "lag      behind: 2 changes" in out and "replay paused" in out
        assert "county status: the replica is 2 changes" in err and "(--max-lag 0)" in err
        code, out, _ = _status(capsys, "--db", primary_url, "--db-replica", replica_url,
                               "--json")
        shown = json.loads(out)
        assert code == 0
        assert shown["lag"]["changes"] == 2 and shown["lag"]["behind"] is True
        assert shown["replica"]["paused"] is True
        assert shown["primary"]["change"] == shown["replica"]["change"] + 2

        with (LiveServer(primary, replica=replica) as live,
              httpx.Client(base_url=live.url, timeout=30) as http):
            assert log_in(http, "it1").status_code == 303
            page = http.get("/terminals")
            assert page.status_code == 200
            assert "只读副本落后 2 条变更" in page.text and "回放已暂停" in page.text
            assert 'class="replica bad"' in page.text
            pg_pair.resume()
            pg_pair.replayed()
            page = http.get("/terminals")
            assert "只读副本：已同步" in page.text and 'class="replica"' in page.text
            # Others than IT staff are not shown the databases.
            with httpx.Client(base_url=live.url, timeout=30) as viewer:
                assert log_in(viewer, "viewer1").status_code == 303
                assert "只读副本" not in viewer.get("/terminals").text

        code, out, _ = _status(capsys, "--db", primary_url, "--db-replica", replica_url,
                               "--max-lag", "5")
        assert code == 0 and "caught up" in out
    finally:
        primary.dispose()
        replica.dispose()


def test_an_unreachable_replica_is_noticed(replicated_county: tuple[str, str],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    primary_url, _ = replicated_county
    nowhere = "postgresql+psycopg://postgres@127.0.0.1:1/county"
    code, out, err = _status(capsys, "--db", primary_url, "--db-replica", nowhere,
                             "--max-lag", "60")
    assert code == 1
    assert "replica  postgresql+psycopg://postgres@127.0.0.1:1/county  cannot read" in out
    assert "county status: cannot read the replica" in err
    code, _, err = _status(capsys, "--db", primary_url, "--db-replica", "sqlite:///r.db")
    assert code == 1 and "a read replica needs PostgreSQL" in err
