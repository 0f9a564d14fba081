"""Collision benchmark: every rule over a generated county, beside hand-written raw SQL.

    .venv/bin/python tests/bench/bench_collide.py [--people 400000] [--months 25]
                                                  [--backend sqlite|postgresql|both]
                                                  [--keep DIR [--load-only]]

For each backend (SQLite file; PostgreSQL in a throwaway cluster started here)
the county of county/demo_county.py (400 000 people, 5 140 928 payments at
25 months) is bulk-loaded (executemany / COPY), ANALYZEd, and then, per rule:

* the rule's SQLAlchemy Core query (county/collision/rules.py), fetched whole;
* the same query written by hand in raw SQL, fetched whole, in the same run;
  both must return the same number of rows; the ratio is printed (target ≤ 1.5),
  the best of interleaved runs of each (5 each for a query under a second, else 2);
  on SQLite also the ratio of this process's CPU time (the query runs in it), which
  the load of other sessions moves far less than wall time;
* the rule's plan (EXPLAIN QUERY PLAN / EXPLAIN): the indexes it uses, and how each
  table is read (index, covering/index-only, or a full scan).

With ``--keep DIR`` the loaded databases are kept under DIR and reused by a
later run with the same generator parameters (tests/bench/collide_keep.py):
a rerun takes minutes instead of the load's ~20 per engine. ``--load-only``
fills DIR and stops.

Then the whole set through ``county.collision.run.collide`` (grouping and
storing the leads), printed beside the 60 s target on PostgreSQL, and the
planted leads checked: every one found, none on the control set. Prints
figures; asserts no timings.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from collide_keep import (
    Facts,
    county_facts,
    keep_postgresql,
    keep_sqlite,
    kept_dir,
    postgresql_county,
    sqlite_county,
)
from county_server.collide_bulk import NOW
from county_server.pgcluster import find_bindir

from county.collision.models import Lead
from county.collision.rules import RULES, RuleContext
from county.collision.run import collide
from county.demo_county import CountyData, CountyScale, generate_county
from county.tx import writing

#: The rules by hand: ``{after}`` is the dialect's "death date + 31 days".
RAW = {
    "paid_after_death": """
        SELECT CAST(d.id AS VARCHAR) AS grp, p.id_hash, p.id, d.id, p.amount_fen
        FROM payment p JOIN reference_row d ON d.kind = 'deaths' AND d.id_hash = p.id_hash
        WHERE p.deleted = false AND p.status != 'returned' AND d.event_on IS NOT NULL
          AND p.paid_on > {after}""",
    "duplicate_in_period": """
        SELECT grp, id_hash, id, NULL, amount_fen FROM (
          SELECT p.id_hash || ':' || p.item_code || ':' || p.period AS grp, p.id_hash, p.id,
                 p.amount_fen,
                 count(*) OVER (PARTITION BY p.id_hash, p.item_code, p.period) AS n
          FROM payment p
          WHERE p.deleted = false AND p.status != 'returned' AND p.period != '') counted
        WHERE n >= 2""",
    "over_standard": """
        SELECT CAST(p.id AS VARCHAR), p.id_hash, p.id, NULL,
               p.amount_fen - coalesce(s1.max_fen, s0.max_fen)
        FROM (SELECT item_code, year, min(max_fen) AS floor FROM benefit_standard
              GROUP BY item_code, year) y
        JOIN payment p ON p.item_code = y.item_code
             AND p.paid_on >= {year_start} AND p.paid_on < {next_year_start}
             AND p.amount_fen > y.floor
        LEFT JOIN benefit_standard s1 ON s1.item_code = y.item_code AND s1.year = y.year
             AND s1.household_size = p.household_size
        LEFT JOIN benefit_standard s0 ON s0.item_code = y.item_code AND s0.year = y.year
             AND s0.household_size = 0
        WHERE p.deleted = false AND p.status != 'returned'
          AND coalesce(s1.max_fen, s0.max_fen) IS NOT NULL
          AND p.amount_fen > coalesce(s1.max_fen, s0.max_fen)""",
    "exclusive_items": """
        SELECT p.id_hash || ':DIBAO+TEKUN:' || p.period, p.id_hash, p.id, NULL, p.amount_fen
        FROM payment p WHERE p.deleted = false AND p.status != 'returned'
          AND p.item_code IN ('DIBAO', 'TEKUN') AND p.period != ''
          AND EXISTS (SELECT 1 FROM payment q WHERE q.id_hash = p.id_hash
                      AND q.period = p.period AND q.deleted = false
                      AND q.status != 'returned'
                      AND q.item_code = CASE p.item_code WHEN 'DIBAO' THEN 'TEKUN'
                                                         ELSE 'DIBAO' END)""",
    "officials_kin": """
        WITH kin AS (
          SELECT o.id AS ref_id, o.id_hash FROM reference_row o WHERE o.kind = 'officials'
          UNION
          SELECT o.id, k.id_hash FROM reference_row o
            JOIN household_member h ON h.id_hash = o.id_hash
            JOIN household_member k ON k.household_id = h.household_id
                 AND k.deleted = false AND k.household_id != ''
            WHERE o.kind = 'officials'
          UNION
          SELECT o.id, lk.id_hash FROM reference_row o
            JOIN reference_row lh ON lh.kind = 'households' AND lh.id_hash = o.id_hash
            JOIN reference_row lk ON lk.kind = 'households'
                 AND lk.household_id = lh.household_id AND lk.household_id != ''
            WHERE o.kind = 'officials')
        SELECT CAST(kin.ref_id AS VARCHAR) || ':' || p.id_hash, p.id_hash, p.id, kin.ref_id,
               p.amount_fen
        FROM payment p JOIN kin ON kin.id_hash = p.id_hash
        WHERE p.deleted = false AND p.status != 'returned'
          AND p.item_code IN ('DIBAO', 'TEKUN', 'WEIFANG', 'YILIAO_JZ', 'JIAOYU',
                              'CJ_SHENGHUO')""",
    "listed_while_paid": """
        SELECT CAST(r.id AS VARCHAR), p.id_hash, p.id, r.id, p.amount_fen
        FROM payment p JOIN reference_row r ON r.id_hash = p.id_hash
             AND r.kind IN ('employees', 'vehicles')
        WHERE p.deleted = false AND p.status != 'returned'
          AND ((r.kind = 'employees' AND p.item_code IN ('DIBAO', 'TEKUN'))
               OR (r.kind = 'vehicles' AND p.item_code = 'DIBAO'))""",
    "announced_not_paid": """
        WITH unlisted AS MATERIALIZED (
          SELECT p.id, p.id_hash, p.amount_fen, p.item_code, p.period, p.township
          FROM payment p WHERE p.deleted = false AND p.status != 'returned'
            AND p.item_code IN ('DIBAO', 'TEKUN')
            AND NOT EXISTS (SELECT 1 FROM reference_row b WHERE b.kind = 'announcements'
                            AND b.item_code = p.item_code AND b.period = p.period
                            AND b.id_hash = p.id_hash))
        SELECT 'a:' || CAST(a.id AS VARCHAR), a.id_hash, NULL, a.id, coalesce(a.amount_fen, 0)
        FROM reference_row a WHERE a.kind = 'announcements'
          AND NOT EXISTS (SELECT 1 FROM payment q WHERE q.id_hash = a.id_hash
                          AND q.item_code = a.item_code AND q.period = a.period
                          AND q.deleted = false AND q.status != 'returned')
        UNION ALL
        SELECT 'p:' || CAST(u.id AS VARCHAR), u.id_hash, u.id, NULL, u.amount_fen
        FROM unlisted u
        WHERE EXISTS (SELECT 1 FROM reference_row b WHERE b.kind = 'announcements'
                      AND b.item_code = u.item_code AND b.period = u.period
                      AND b.township = u.township)""",
}


#: duplicate_in_period has one shape per engine (county/collision/rules.py says why).
RAW_SQLITE = {
    "duplicate_in_period": """
        SELECT p.id_hash || ':' || p.item_code || ':' || p.period, p.id_hash, p.id, NULL,
               p.amount_fen
        FROM payment p JOIN (SELECT id_hash, item_code, period FROM payment
                             WHERE deleted = false AND status != 'returned' AND period != ''
                             GROUP BY id_hash, item_code, period HAVING count(*) >= 2) t
          ON t.id_hash = p.id_hash AND t.item_code = p.item_code AND t.period = p.period
        WHERE p.deleted = false AND p.status != 'returned'""",
}


def _raw(name: str, dialect: str) -> str:
    if dialect == "sqlite":
        sql = RAW_SQLITE.get(name, RAW[name])  # dates are ISO text; booleans are 0/1
        sql = (sql.replace("{after}", "date(d.event_on, '+31 days')")
               .replace("{year_start}", "CAST(y.year AS TEXT) || '-01-01'")
               .replace("{next_year_start}", "CAST(y.year + 1 AS TEXT) || '-01-01'"))
        return re.sub(r"= false", "= 0", sql)
    return (RAW[name].replace("{after}", "d.event_on + 31")
            .replace("{year_start}", "make_date(y.year, 1, 1)")
            .replace("{next_year_start}", "make_date(y.year + 1, 1, 1)"))


def _timed(engine: Engine, query: Any) -> tuple[float, float, int]:
    """Wall seconds, this process's CPU seconds, and rows of one run of ``query``."""
    gc.collect()
    with engine.connect() as conn:
        start, cpu = time.perf_counter(), time.process_time()
        rows = (conn.exec_driver_sql(query) if isinstance(query, str)
                else conn.execute(query)).fetchall()
        return time.perf_counter() - start, time.process_time() - cpu, len(rows)


def _plan(engine: Engine, query: Any) -> list[str]:
    with engine.connect() as conn:
        compiled = query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
        prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
        lines = [" ".join(str(c) for c in r) for r in conn.exec_driver_sql(prefix + str(compiled))]
    return lines


def bench(name: str, engine: Engine, facts: Facts, loaded: str) -> None:
    print(f"\n== {name}: {facts.people:,} people, {loaded}")
    ctx = RuleContext(engine.dialect.name)
    for rule in RULES:
        query, raw = rule.query(ctx), _raw(rule.name, engine.dialect.name)
        # Interleaved, the best of each kept: of 5 runs each when a run takes under a second
        # (at milliseconds a single run is mostly the other sessions' noise), else of 2.
        # On SQLite the query runs in this process: its CPU time is the query's work, and
        # (unlike wall time) barely moves with the other sessions' load on this machine.
        core_s, core_cpu, core_n = _timed(engine, query)
        raw_s, raw_cpu, raw_n = _timed(engine, raw)
        for _ in range(4 if max(core_s, raw_s) < 1 else 1):
            again, again_cpu, _n = _timed(engine, query)
            core_s, core_cpu = min(core_s, again), min(core_cpu, again_cpu)
            again, again_cpu, _n = _timed(engine, raw)
            raw_s, raw_cpu = min(raw_s, again), min(raw_cpu, again_cpu)
        cpu = (f"  cpu {core_cpu:6.2f} s / {raw_cpu:6.2f} s = "
               f"{core_cpu / raw_cpu if raw_cpu else float('nan'):4.2f}"
               if engine.dialect.name == "sqlite" else "")
        plan = _plan(engine, query)
        indexes = sorted(set(re.findall(r"\b(ix_\w+|uq_\w+|\w+_pkey|sqlite_autoindex_\w+)",
                                        "\n".join(plan))))
        print(f"{rule.name:20} core {core_s:7.2f} s  raw {raw_s:7.2f} s  "
              f"ratio {core_s / raw_s if raw_s else float('nan'):5.2f}{cpu}  rows {core_n:,}"
              f"{'' if core_n == raw_n else f' (raw {raw_n:,}: MISMATCH)'}")
        print(f"{'':20} indexes: {', '.join(indexes) or 'none (full scans only)'}")
        for line in plan:  # how each table is read: by index, or a full scan
            if re.search(r"\b(SCAN|SEARCH)\b|Scan on|Scan using", line):
                print(f"{'':24}{line.strip()}")
    start = time.perf_counter()
    with writing(engine) as conn:
        result = collide(conn, now=NOW)
    whole = time.perf_counter() - start
    print(f"whole set via collide(): {whole:.1f} s (target on PostgreSQL: under 60 s), "
          f"{len(result.new_ids):,} leads")
    with engine.connect() as conn:
        found = {(r.rule, r.id_hash) for r in conn.execute(select(Lead.rule, Lead.id_hash))}
    for name_, want in facts.planted.items():
        got = {who for r, who in found if r == name_}
        print(f"  {name_:20} planted {len(want):5}  found {len(got & want):5}  "
              f"extra {len(got - want):5}  on control {len(got & facts.control)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=400_000)
    parser.add_argument("--months", type=int, default=25)
    parser.add_argument("--planted", type=int, default=200)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the loaded databases in DIR; reuse them when they match")
    parser.add_argument("--load-only", action="store_true",
                        help="with --keep: load what DIR lacks, then stop")
    args = parser.parse_args()
    if args.load_only and not args.keep:
        parser.error("--load-only needs --keep")
    scale = CountyScale(people=args.people, months=args.months, planted=args.planted,
                        control=args.planted)
    generated: list[CountyData] = []

    def data() -> CountyData:  # generated only when something must be loaded
        if not generated:
            start = time.perf_counter()
            generated.append(generate_county(scale))
            print(f"generated the county in {time.perf_counter() - start:.1f} s")
        return generated[0]

    folder = kept_dir(args.keep.resolve(), scale) if args.keep else None
    facts = county_facts(folder, data)
    bindir = find_bindir() if args.backend != "sqlite" else None
    if folder and args.load_only:
        kept = []
        if args.backend in ("sqlite", "both"):
            kept.append(keep_sqlite(folder, data))
        if bindir is not None:
            kept.append(keep_postgresql(folder, bindir, data))
        for where, figures in kept:
            print(f"{int(figures['payments']):,} payments kept in {where} "
                  f"(loaded in {figures['load_s']:.0f} s)")
        return
    with tempfile.TemporaryDirectory(prefix="bench-collide-") as tmp:
        if args.backend in ("sqlite", "both"):
            with sqlite_county(folder, Path(tmp), data) as (engine, how):
                bench("SQLite", engine, facts, how)
        if args.backend in ("postgresql", "both"):
            if bindir is None:
                print("PostgreSQL not installed: skipped")
                return
            with postgresql_county(folder, bindir, data) as (engine, how):
                bench("PostgreSQL", engine, facts, how)


if __name__ == "__main__":
    main()
