"""Imports stored as they are checked (county/importer/stream.py) store what the usual way does.

Plain CSV payment files on PostgreSQL go through one open COPY while their
rows are checked, in two checking processes past the first rows
(county/importer/parallel.py). Twin databases (same lookup key, same ID
key file) import the same files, one streaming, the other the usual way
(``row_by_row`` turns COPY, and so streaming, off); every table and every
result must be the same: new rows, a duplicate row, a bad row skipped, a
held ID number accepted, payments moved to another village, a file stored
already, a refused file. A checking process that dies fails the import
and stores nothing.
"""

from __future__ import annotations

import csv
import os
import threading
from datetime import UTC, date, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any, cast

import psycopg
import pytest
from sqlalchemy import Engine, func, select

from county.bulk import row_by_row
from county.db import open_county_db
from county.importer import ImportOptions, import_payments, parallel
from county.importer.parallel import CheckerDied
from county.importer.rows import RowReader
from county.models import Payment
from county.state import lookup_key
from county.tx import writing
from county_server.pgcluster import PgCluster
from county_server.table_dump import dump_tables
from kiosk.identity import check_digit

DATA = Path(__file__).resolve().parents[1] / "data"
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
_names = count()
HEADER = ["姓名", "身份证号", "项目", "金额(元)", "发放日期", "发放部门", "乡镇", "村"]


@pytest.fixture(autouse=True)
def _checkers_start_early(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking processes past 4 000 rows (not 20 000): smaller files exercise them."""
    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 4000)


def _twins(cluster: PgCluster) -> tuple[str, str]:
    """Two migrated county databases with the same lookup key (and ID key file)."""
    n = next(_names)
    template = open_county_db(cluster.create_database(f"stream_template_{n}"))
    with writing(template) as conn:
        lookup_key(conn)
    template.dispose()
    admin = f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        for twin in "ab":
            conn.execute(f'CREATE DATABASE "stream_{twin}_{n}" TEMPLATE "stream_template_{n}"')
    return cluster.url(f"stream_a_{n}"), cluster.url(f"stream_b_{n}")


def _number(i: int) -> str:
    first17 = f"431226{date(1940, 1, 1) + timedelta(days=i // 90):%Y%m%d}{i % 90 + 1:03d}"
    return first17 + check_digit(first17)


def _held_number() -> str:
    """A valid number ending in 000 (maybe rounded by Excel: held unless accepted)."""
    for day in range(4000):
        first17 = f"431226{date(1950, 1, 1) + timedelta(days=day):%Y%m%d}100"
        if check_digit(first17) == "0":
            return first17 + "0"
    raise AssertionError("no such number")


def _row(i: int, village: str = "青山村") -> list[str]:
    return [f"村民{i}", _number(i), "农村低保", f"{100 + i % 400}.50",
            f"{date(2025, 1, 1) + timedelta(days=i % 300):%Y-%m-%d}", "县民政局", "高村镇",
            village]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _big(path: Path, rows: int) -> Path:
    """``rows`` people, with a duplicate row, a bad amount and a held ID number inside."""
    lines = [_row(i) for i in range(rows)]
    lines[rows - 100] = list(lines[30])          # the same payment twice: a bad row
    lines[rows // 2][3] = "一百元"                 # a bad amount
    lines[rows // 3][1] = _held_number()         # held: imported with --accept-warnings
    return _write(path, lines)


def _import(engine: Engine, path: Path, minute: int, **options: Any) -> dict[str, Any]:
    result = import_payments(engine, path, ImportOptions(**options),
                             now=NOW + timedelta(minutes=minute))
    return {k: v for k, v in result.as_json().items() if k != "reject_file"}


def _files(tmp_path: Path) -> list[Path]:
    big = _big(tmp_path / "低保-大.csv", parallel.PARALLEL_AFTER + 5 * parallel.CHUNK_ROWS)
    moved = _write(tmp_path / "低保-更正村.csv",
                   [_row(i, "白云村") for i in range(30)] + [_row(10**6 + i) for i in range(20)])
    return [DATA / "imports" / "高龄津贴-2025年3月-gbk.csv", big, moved, big]


def test_streaming_stores_what_the_usual_way_stores(pg_cluster: PgCluster,
                                                    tmp_path: Path) -> None:
    stream_url, usual_url = _twins(pg_cluster)
    streamed, usual = open_county_db(stream_url), open_county_db(usual_url)
    files = _files(tmp_path)
    opts = {"skip_bad": True, "accept_warnings": True}
    try:
        got = [_import(streamed, f, i, **opts) for i, f in enumerate(files)]
        with row_by_row():
            want = [_import(usual, f, i, **opts) for i, f in enumerate(files)]
        assert got == want
        assert got[1]["new"] > parallel.PARALLEL_AFTER and got[2]["corrected"] == 30
        assert {b["code"] for b in got[1]["bad"]} == {"row.duplicate", "amount.invalid"}
        assert got[3]["new"] == 0 and got[3]["corrected"] == 30
        tables, expected = dump_tables(streamed), dump_tables(usual)
        assert tables.keys() == expected.keys()
        for name in tables:
            assert tables[name] == expected[name], name
    finally:
        streamed.dispose()
        usual.dispose()


def test_a_refused_file_stores_nothing_and_reports_as_before(pg_cluster: PgCluster,
                                                            tmp_path: Path) -> None:
    stream_url, usual_url = _twins(pg_cluster)
    streamed, usual = open_county_db(stream_url), open_county_db(usual_url)
    big = _big(tmp_path / "低保-大.csv", parallel.PARALLEL_AFTER + 2 * parallel.CHUNK_ROWS)
    try:
        for opts in ({}, {"skip_bad": True}):  # bad rows; then the held ID number
            got = _import(streamed, big, 0, **opts)
            with row_by_row():
                want = _import(usual, big, 0, **opts)
            assert got == want
            assert got["exit_code"] == 1 and not got["imported"]
        assert dump_tables(streamed) == dump_tables(usual)
        with streamed.connect() as conn:
            assert conn.execute(select(func.count()).select_from(Payment)).scalar() == 0
    finally:
        streamed.dispose()
        usual.dispose()


@pytest.fixture(autouse=True)
def _forks(monkeypatch: pytest.MonkeyPatch) -> None:
    # The runner's own threads (xdist, a previous test's leftovers) never touch what a
    # checker uses; the server-side refusal is tested below.
    monkeypatch.setattr(parallel, "forking_is_safe", lambda: True)


def test_no_checking_process_is_forked_beside_other_threads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A console upload runs in the server, beside its other threads: checked in place."""
    monkeypatch.undo()  # the real forking_is_safe

    class Reader:
        def cells_of(self, cells: list[Any]) -> list[Any]:
            return cells

        def outcome(self, cells: list[Any], nonce: int) -> Any:
            return (os.getpid(), nonce)

    def no_pool(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("forked beside other threads")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    rows = [(i, [str(i)]) for i in range(parallel.PARALLEL_AFTER * 2)]
    chunks = [rows[i:i + parallel.CHUNK_ROWS] for i in range(0, len(rows), parallel.CHUNK_ROWS)]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        reader = cast(RowReader, Reader())  # only cells_of and outcome are called
        out: list[Any] = [r for _chunk, results in parallel.check_chunks(
            reader, iter(chunks), nonces=iter(range(0, 10**9, parallel.CHUNK_ROWS)))
               for r in results]
    finally:
        stop.set()
        other.join()
    assert len(out) == len(rows) and {pid for pid, _ in out} == {os.getpid()}


def test_parallel_checking_gives_the_serial_result(pg_cluster: PgCluster, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    parallel_url, serial_url = _twins(pg_cluster)
    two, one = open_county_db(parallel_url), open_county_db(serial_url)
    big = _big(tmp_path / "低保-大.csv", parallel.PARALLEL_AFTER + 3 * parallel.CHUNK_ROWS)
    opts = {"skip_bad": True, "accept_warnings": True}
    try:
        got = _import(two, big, 0, **opts)
        monkeypatch.setattr(parallel, "PARALLEL_AFTER", 10**9)
        want = _import(one, big, 0, **opts)
        assert got == want and got["new"] > parallel.CHUNK_ROWS
        assert dump_tables(two) == dump_tables(one)
    finally:
        two.dispose()
        one.dispose()


def test_a_checking_process_that_dies_fails_the_import_cleanly(
        backend: str, county_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = open_county_db(county_url)
    big = _big(tmp_path / "低保-大.csv", parallel.PARALLEL_AFTER + 4 * parallel.CHUNK_ROWS)
    importer, outcome = os.getpid(), RowReader.outcome

    def dies_in_a_child(self: RowReader, row: dict[str, Any], nonce: int) -> Any:
        if os.getpid() != importer:
            os._exit(9)  # as the OOM killer would end it
        return outcome(self, row, nonce)

    monkeypatch.setattr(RowReader, "outcome", dies_in_a_child)
    try:
        with pytest.raises(CheckerDied):
            _import(engine, big, 0, skip_bad=True, accept_warnings=True)
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(Payment)).scalar() == 0
        monkeypatch.setattr(RowReader, "outcome", outcome)
        again = _import(engine, big, 1, skip_bad=True, accept_warnings=True)
        assert again["imported"] and again["new"] > parallel.PARALLEL_AFTER
    finally:
        engine.dispose()
