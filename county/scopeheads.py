"""Which scopes each change touched: polls with nothing of their own answered from memory.

The county has one change counter, so as soon as anything changes anywhere
every terminal's cursor is behind the head, and a poll that only compared
its cursor with the head would go to the database to find nothing of its
own — with 25 000 terminals and a notice published somewhere every second,
that is nearly every poll (issue 19).

So each process also keeps, per *scope key*, the latest change number that
touched it: the county as a whole, a township's notices, a village's notices
and rolls, the payments of the county / a township / a village, a setting
target, a terminal's own complaints, a township's move log. After the head
moves from ``h0`` to ``h1`` (county/pollcache.py notices it, per process),
one statement — a small ``GROUP BY`` per synced table over the rows with
``h0 < seq <= h1``, joined by ``UNION ALL`` — brings the keys up to date. A terminal whose cursor
is at least the point the keys were first derived from, and none of whose
keys changed after its cursor, has nothing new up to ``h1``: its answer is
an empty page with the cursor moved to ``h1`` — what the database would
answer (county/changes.py ``build_page`` moves a caught-up cursor to the
head), without a query.

:data:`SOURCES` mirrors the filters of county/scope.py table by table;
tests/county_server/test_scope_heads.py checks it against ``build_page``
over random changes, and that every synced table has a source.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from county.scope import TerminalScope

__all__ = ["MAX_SPAN", "SOURCES", "Query", "ScopeHeads", "derive", "watched_keys"]

Key = tuple[str, ...]
#: A head move over more changes than this (a big import) is not derived: the keys
#: start afresh from the new head, and terminals behind it ask the database once.
MAX_SPAN = 50_000
_COUNTY: Key = ("county",)


def _notice_keys(row: tuple[str, ...]) -> Iterable[Key]:
    scope, township, village = row
    if scope == "township":
        return (("notices", township),)
    if scope == "village":
        return (("village", township, village),)
    return (_COUNTY,)  # county-wide, or anything unforeseen: every terminal looks


def _personal_keys(row: tuple[str, ...]) -> Iterable[Key]:
    township, village = row
    return (("people",), ("people", township), ("people", township, village))


def _village_keys(row: tuple[str, ...]) -> Iterable[Key]:
    township, village = row
    return (("village", township, village),)


@dataclass(frozen=True)
class Source:
    """One synced table: the columns that decide who receives a row, and the keys
    a changed row touches."""

    entity: str  # as county/changes.py names it
    table: str
    columns: tuple[str, ...]
    keys: Callable[[tuple[str, ...]], Iterable[Key]]

    def sql(self, index: int, after: int, upto: int) -> str:
        """The latest seq per scope among this table's changes in ``(after, upto]``, as
        rows ``(index, scope columns padded to three, seq)`` (integers of this process's
        own counter, so no binding is needed)."""
        padded = ", ".join([*self.columns, *["''"] * (_WIDTH - len(self.columns))])
        group_by = f" GROUP BY {', '.join(self.columns)}" if self.columns else ""
        return (f"SELECT {index}, {padded}, MAX(seq) FROM {self.table} "
                f"WHERE seq > {int(after)} AND seq <= {int(upto)}{group_by}")


_WIDTH = 3  # the most scope columns of a source (notice: scope, township, village)


SOURCES: tuple[Source, ...] = (
    Source("benefit_item", "benefit_item", (), lambda _row: (_COUNTY,)),
    Source("power", "power", (), lambda _row: (_COUNTY,)),
    Source("setting", "setting", ("target",), lambda row: (("setting", row[0]),)),
    Source("notice", "notice", ("scope", "township", "village"), _notice_keys),
    Source("payment", "payment", ("township", "village"), _personal_keys),
    Source("household_member", "household_member", ("township", "village"), _personal_keys),
    Source("complaint_reply", "complaint", ("terminal_id",),
           lambda row: (("complaints", row[0]),)),
    Source("scope_move", "scope_move", ("township",), lambda row: (("moves", row[0]),)),
    Source("roll_entry", "roll_entry", ("township", "village"), _village_keys),
    Source("ledger_entry", "ledger_entry", ("township", "village"), _village_keys),
    Source("village_project", "village_project", ("township", "village"), _village_keys),
)


def watched_keys(scope: TerminalScope) -> tuple[Key, ...]:
    """The keys whose changes this terminal receives (county/scope.py, key by key)."""
    township, village = scope.township, scope.village
    keys: list[Key] = [_COUNTY, ("notices", township), ("village", township, village),
                       ("complaints", scope.terminal_id)]
    keys += [("setting", target) for target in scope.setting_targets()]
    if scope.person_keys:
        keys += [("people", township, village), ("moves", township)]
    elif scope.scope == "township":
        keys += [("people", township), ("moves", township)]
    else:
        keys.append(("people",))
    return tuple(keys)


Query = Callable[[str], Iterable[Sequence[Any]]]


def changes_sql(after: int, upto: int) -> str:
    """One statement over every source (one round trip per head move)."""
    return " UNION ALL ".join(source.sql(i, after, upto) for i, source in enumerate(SOURCES))


def derive(query: Query, after: int, upto: int) -> dict[Key, int]:
    """The latest seq per key among the changes in ``(after, upto]``; ``query`` runs
    one SQL statement and returns its rows."""
    latest: dict[Key, int] = {}
    for row in query(changes_sql(after, upto)):
        if row[-1] is None:
            continue  # no rows (MAX over nothing, without GROUP BY)
        seq, source = int(row[-1]), SOURCES[int(row[0])]
        scope = tuple("" if v is None else str(v) for v in row[1:1 + len(source.columns)])
        for key in source.keys(scope):
            if seq > latest.get(key, 0):
                latest[key] = seq
    return latest


class ScopeHeads:
    """The latest change per scope key, derived from ``base`` up to ``through``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._base: int | None = None
        self._through: int | None = None
        self._latest: dict[Key, int] = {}
        self.statements = 0
        """Statements run to derive keys (for the province benchmark's counts)."""

    @property
    def through(self) -> int | None:
        """How far the keys are derived (None: not at all)."""
        return self._through

    def restart(self, head: int | None) -> None:
        """Forget every key; derive afresh from ``head`` (None: stop answering)."""
        with self._lock:
            self._latest = {}
            self._base = self._through = head

    def follow(self, upto: int, query: Query) -> None:
        """Bring the keys up to the head ``upto``, reading the changes since the last
        head through ``query`` (one thread calls this: the one that watches the head).

        A span over :data:`MAX_SPAN` changes starts afresh from ``upto`` instead.
        """
        through = self._through
        if through is None or upto <= through:
            return
        if upto - through > MAX_SPAN:
            self.restart(upto)
            return
        latest = derive(query, through, upto)
        self.statements += 1
        with self._lock:
            if self._through != through:
                return  # restarted meanwhile
            for key, seq in latest.items():
                if seq > self._latest.get(key, 0):
                    self._latest[key] = seq
            self._through = upto

    def quiet_until(self, scope: TerminalScope, after: int) -> int | None:
        """The change number up to which nothing reached ``scope`` after ``after``,
        or None when that is not known here (then ask the database)."""
        with self._lock:
            if self._base is None or self._through is None:
                return None
            if not self._base <= after < self._through:
                return None
            latest = self._latest
            if any(latest.get(key, 0) > after for key in watched_keys(scope)):
                return None
            return self._through
