"""The loaded county of bench_collide.py, kept for the next run (``--keep DIR``).

Loading the full county takes about 20 minutes per engine; the rules take one
or two. With ``--keep DIR`` a run keeps what it loaded under
``DIR/<key>/`` and a later run with the same generator parameters starts from it:

``county.json``      the people count and the planted and control people (their
                     hashes), so a rerun need not generate the county at all
``sqlite/county.db`` the loaded SQLite file (``sqlite/loaded.json`` when complete)
``postgresql/data``  a PostgreSQL data directory holding database ``bench_collide``
                     (``postgresql/loaded.json`` when complete)

``<key>`` is a digest of the :class:`CountyScale` and of county/demo_county.py's
source, so a changed generator loads afresh. A run never changes what is kept:
it works on a copy (SQLite: the file copied; PostgreSQL: ``CREATE DATABASE …
TEMPLATE``), which ``open_county_db`` migrates to the current head; a kept load
therefore stays usable when later migrations come (and is loaded at the head of
its day). A load interrupted midway leaves no ``loaded.json``: the next run
deletes it and loads again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from county_server.collide_bulk import bulk_load
from county_server.pgcluster import PgCluster, start_cluster, start_kept_cluster

from county import demo_county
from county.db import open_county_db
from county.demo_county import CountyData, CountyScale
from demo.village import DEMO_LOOKUP_KEY
from kiosk.identity import id_hash

__all__ = ["Facts", "county_facts", "keep_postgresql", "keep_sqlite", "kept_dir",
           "postgresql_county", "sqlite_county"]

_DB = "bench_collide"


def kept_dir(keep: Path, scale: CountyScale) -> Path:
    """``keep``'s folder for ``scale`` (created)."""
    digest = hashlib.sha256(json.dumps(asdict(scale), sort_keys=True).encode())
    digest.update(Path(demo_county.__file__).read_bytes())
    folder = keep / f"p{scale.people}-m{scale.months}-{digest.hexdigest()[:12]}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Facts:
    """What the checks after a run need of the generated county."""

    people: int
    planted: dict[str, frozenset[str]]
    """Rule → the id_hashes of the people its planted leads are about."""
    control: frozenset[str]

    @classmethod
    def of(cls, data: CountyData) -> Facts:
        def hashes(numbers: set[str]) -> frozenset[str]:
            return frozenset(id_hash(DEMO_LOOKUP_KEY, n) for n in numbers)
        return cls(len(data.people), {r: hashes(n) for r, n in data.planted.items()},
                   hashes(data.control))


def county_facts(folder: Path | None, data: Callable[[], CountyData]) -> Facts:
    """The facts kept in ``folder`` (else from ``data()``, kept there when given)."""
    path = folder / "county.json" if folder else None
    if path and path.exists():
        raw = json.loads(path.read_text())
        return Facts(raw["people"], {r: frozenset(h) for r, h in raw["planted"].items()},
                     frozenset(raw["control"]))
    facts = Facts.of(data())
    if path:
        path.write_text(json.dumps({"people": facts.people,
                                    "planted": {r: sorted(h) for r, h in facts.planted.items()},
                                    "control": sorted(facts.control)}))
    return facts


def _done(folder: Path) -> dict[str, float] | None:
    marker = folder / "loaded.json"
    return json.loads(marker.read_text()) if marker.exists() else None


def _load(engine: Engine, data: Callable[[], CountyData]) -> dict[str, float]:
    start = time.perf_counter()
    payments = bulk_load(engine, data())
    return {"payments": payments, "load_s": time.perf_counter() - start}


def _said(loaded: dict[str, float], kept: Path | None, copy_s: float) -> str:
    said = f"{int(loaded['payments']):,} payments, loaded in {loaded['load_s']:.0f} s"
    return said if kept is None else f"{said} (kept in {kept}; copied in {copy_s:.0f} s)"


def keep_sqlite(folder: Path, data: Callable[[], CountyData]) -> tuple[Path, dict[str, float]]:
    """Load the SQLite county into ``folder`` unless it is there; its folder and figures."""
    kept = folder / "sqlite"
    loaded = _done(kept)
    if loaded is None:
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir()
        engine = open_county_db(f"sqlite:///{kept / 'county.db'}")
        try:
            loaded = _load(engine, data)
            with engine.connect() as conn:  # the whole database in the one file
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        (kept / "loaded.json").write_text(json.dumps(loaded))
    return kept, loaded


@contextmanager
def sqlite_county(folder: Path | None, tmp: Path,
                  data: Callable[[], CountyData]) -> Iterator[tuple[Engine, str]]:
    """An engine on a loaded SQLite county in ``tmp``, and how it was loaded."""
    work = tmp / "county.db"
    if folder is None:
        engine = open_county_db(f"sqlite:///{work}")
        try:
            yield engine, _said(_load(engine, data), None, 0)
        finally:
            engine.dispose()
        return
    kept, loaded = keep_sqlite(folder, data)
    start = time.perf_counter()
    shutil.copyfile(kept / "county.db", work)
    copy_s = time.perf_counter() - start
    engine = open_county_db(f"sqlite:///{work}")
    try:
        yield engine, _said(loaded, kept, copy_s)
    finally:
        engine.dispose()


def keep_postgresql(folder: Path, bindir: Path,
                    data: Callable[[], CountyData]) -> tuple[Path, dict[str, float]]:
    """Load the PostgreSQL county into ``folder`` unless it is there; its folder and
    figures."""
    kept = folder / "postgresql"
    loaded = _done(kept)
    if loaded is None:
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir()
        cluster = start_kept_cluster(bindir, kept)
        try:
            engine = open_county_db(cluster.create_database(_DB))
            try:
                loaded = _load(engine, data)
            finally:
                engine.dispose()
        finally:
            cluster.stop()  # a clean stop: the next start needs no recovery
        (kept / "loaded.json").write_text(json.dumps(loaded))
    return kept, loaded


@contextmanager
def postgresql_county(folder: Path | None, bindir: Path,
                      data: Callable[[], CountyData]) -> Iterator[tuple[Engine, str]]:
    """An engine on a loaded PostgreSQL county (a throwaway cluster, or a copy of the kept
    database in the kept cluster), and how it was loaded."""
    if folder is None:
        cluster = start_cluster(bindir)
        try:
            engine = open_county_db(cluster.create_database(_DB))
            try:
                yield engine, _said(_load(engine, data), None, 0)
            finally:
                engine.dispose()
        finally:
            cluster.stop()
        return
    kept, loaded = keep_postgresql(folder, bindir, data)
    cluster = start_kept_cluster(bindir, kept)
    try:
        yield from _copy_of(cluster, loaded, kept)
    finally:
        cluster.stop()


def _copy_of(cluster: PgCluster, loaded: dict[str, float],
             kept: Path) -> Iterator[tuple[Engine, str]]:
    start = time.perf_counter()
    cluster.sql("DROP DATABASE IF EXISTS bench_run")  # left by an interrupted run
    # FILE_COPY copies the files (visibility map included: index-only scans stay so);
    # the default WAL_LOG strategy would write the whole database to the WAL.
    cluster.sql(f"CREATE DATABASE bench_run TEMPLATE {_DB} STRATEGY FILE_COPY")
    copy_s = time.perf_counter() - start
    engine = open_county_db(cluster.url("bench_run"))  # the statistics come with the copy
    try:
        yield engine, _said(loaded, kept, copy_s)
    finally:
        engine.dispose()
        cluster.sql("DROP DATABASE IF EXISTS bench_run")
