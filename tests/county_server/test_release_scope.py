"""One predicate says which terminals a release scope covers, read in every direction.

``covers`` serves three questions — the scope rows of one terminal (offers
and downloads), the terminals of some scopes (publish, unpin) and terminals
joined to scope rows (who is pinned) — on SQLite and PostgreSQL. Each is
checked against the rule written out here in Python, over every pair of a
small county.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, insert, select

from county.db import open_county_db
from county.models import Terminal
from county.releases.models import Release, ReleaseScope
from county.releases.scope import Scope, covers, parse_scope, rows_covering, terminals_in
from county.scope import TerminalScope

NOW = datetime(2026, 12, 1, 8, tzinfo=UTC)
#: (id, township, revoked)
TERMINALS = (("T1", "高村镇", False), ("T2", "高村镇", False), ("T3", "兰里镇", False),
             ("T4", "兰里镇", True))
SCOPES = (Scope("county"), Scope("township", "高村镇"), Scope("township", "兰里镇"),
          Scope("township", "无人镇"), Scope("terminal", "T1"), Scope("terminal", "T3"),
          Scope("terminal", "T9"))


def _rule(scope: Scope, terminal_id: str, township: str) -> bool:
    return (scope.kind == "county" or (scope.kind == "township" and scope.target == township)
            or (scope.kind == "terminal" and scope.target == terminal_id))


@pytest.fixture
def engine(county_url: str) -> Iterator[Engine]:
    engine = open_county_db(county_url)
    with engine.begin() as conn:
        conn.execute(insert(Terminal), [
            {"id": t, "township": town, "village": "村", "token_hash": f"h{t}",
             "revoked_at": NOW if revoked else None} for t, town, revoked in TERMINALS])
        conn.execute(insert(Release).values(
            version="1.0.0", channel="stable", path="/x", size=1, sha256="0" * 64,
            key_id="k", created_at=NOW, expires_at=NOW, published_at=NOW))
        conn.execute(insert(ReleaseScope), [
            {"version": "1.0.0", "kind": s.kind, "target": s.target, "added_at": NOW}
            for s in SCOPES])
    yield engine
    engine.dispose()


def test_the_scope_rows_of_a_terminal(engine: Engine) -> None:
    with engine.connect() as conn:
        for terminal_id, township, _ in TERMINALS:
            who = TerminalScope(terminal_id, township, "村", "county")
            rows = conn.execute(select(ReleaseScope.kind, ReleaseScope.target)
                                .where(rows_covering(who))).all()
            assert {Scope(r.kind, r.target) for r in rows} == {
                s for s in SCOPES if _rule(s, terminal_id, township)}, terminal_id


@pytest.mark.parametrize("scope", SCOPES, ids=str)
def test_the_active_terminals_of_a_scope(engine: Engine, scope: Scope) -> None:
    with engine.connect() as conn:
        found = set(conn.execute(select(Terminal.id).where(terminals_in([scope]))).scalars())
    assert found == {t for t, town, revoked in TERMINALS
                     if not revoked and _rule(scope, t, town)}


def test_several_scopes_and_none(engine: Engine) -> None:
    with engine.connect() as conn:
        both = set(conn.execute(select(Terminal.id).where(
            terminals_in([Scope("terminal", "T1"), Scope("township", "兰里镇")]))).scalars())
        none = conn.execute(select(Terminal.id).where(terminals_in([]))).all()
    assert both == {"T1", "T3"} and none == []


def test_terminals_joined_to_the_rows_covering_them(engine: Engine) -> None:
    with engine.connect() as conn:
        pairs = conn.execute(
            select(Terminal.id, ReleaseScope.kind, ReleaseScope.target)
            .join(ReleaseScope, covers(ReleaseScope.kind, ReleaseScope.target,
                                       terminal_id=Terminal.id,
                                       township=Terminal.township))).all()
    assert {(p.id, Scope(p.kind, p.target)) for p in pairs} == {
        (t, s) for t, town, _ in TERMINALS for s in SCOPES if _rule(s, t, town)}


@pytest.mark.parametrize("scope", SCOPES, ids=str)
def test_values_on_both_sides_fold_to_a_constant(engine: Engine, scope: Scope) -> None:
    with engine.connect() as conn:
        value = conn.execute(select(covers(scope.kind, scope.target, terminal_id="T1",
                                           township="高村镇"))).scalar()
    assert bool(value) is _rule(scope, "T1", "高村镇")


@pytest.mark.parametrize(("text", "expected"), [
    ("county", Scope("county")), (" township:高村镇 ", Scope("township", "高村镇")),
    ("terminal:T1", Scope("terminal", "T1"))])
def test_parse_scope(text: str, expected: Scope) -> None:
    assert parse_scope(text) == expected and parse_scope(str(expected)) == expected


@pytest.mark.parametrize("text", ["", "county:x", "township:", "village:a/b", "terminal: "])
def test_parse_scope_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="use county, township:NAME or terminal:ID"):
        parse_scope(text)
