"""Release scopes (``county``, ``township:NAME``, ``terminal:ID``) and the one predicate
saying whether a scope covers a terminal.

:func:`covers` is that predicate, as SQL: publishing counts the terminals of
the scopes with it, offering and serving a bundle find the scope rows of one
terminal with it, listing pins joins terminals to pinned scope rows with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, false, or_, select, true

from county.models import Terminal
from county.releases.models import ReleaseScope
from county.scope import TerminalScope

__all__ = ["Scope", "covers", "parse_scope", "rows_covering", "rows_within", "terminals_in"]

#: A value or a column holding one.
Text: TypeAlias = "str | SQLColumnExpression[str]"


@dataclass(frozen=True)
class Scope:
    """``county``, ``township:NAME`` or ``terminal:ID``."""

    kind: str
    target: str = ""

    def __str__(self) -> str:
        return self.kind if self.kind == "county" else f"{self.kind}:{self.target}"


def parse_scope(text: str) -> Scope:
    """Parse a ``--scope`` value; raises ``ValueError`` with the accepted forms."""
    kind, sep, target = text.strip().partition(":")
    if kind == "county" and not sep:
        return Scope("county")
    if kind in ("township", "terminal") and target.strip():
        return Scope(kind, target.strip())
    raise ValueError(f"bad scope {text!r}: use county, township:NAME or terminal:ID")


def covers(kind: Text, target: Text, *, terminal_id: Text, township: Text) -> ColumnElement[bool]:
    """Whether the scope ``kind``/``target`` covers the terminal ``terminal_id`` of
    ``township``: the county covers every terminal, a township its terminals, a
    terminal scope itself.

    Each argument is a value or a column, so one definition serves every
    direction: the scope rows of one terminal, the terminals of some scopes,
    terminals joined to scope rows. Revocation is not looked at here.
    """
    return or_(_same(kind, "county"),
               and_(_same(kind, "township"), _same(target, township)),
               and_(_same(kind, "terminal"), _same(target, terminal_id)))


def _same(a: Text, b: Text) -> ColumnElement[bool]:
    if isinstance(a, str):
        if isinstance(b, str):
            return true() if a == b else false()  # folded away by and_/or_
        return b == a
    return a == b


def terminals_in(scopes: Sequence[Scope]) -> ColumnElement[bool]:
    """Active terminals covered by any of ``scopes``."""
    return and_(Terminal.revoked_at.is_(None), or_(false(), *(
        covers(s.kind, s.target, terminal_id=Terminal.id, township=Terminal.township)
        for s in scopes)))


def rows_covering(who: TerminalScope) -> ColumnElement[bool]:
    """Scope rows (``release_scope``) that cover the terminal ``who``."""
    return covers(ReleaseScope.kind, ReleaseScope.target, terminal_id=who.terminal_id,
                  township=who.township)


def rows_within(scope: Scope) -> ColumnElement[bool]:
    """Scope rows lying inside ``scope`` (the scope itself included)."""
    if scope.kind == "county":
        return true()
    if scope.kind == "terminal":
        return and_(ReleaseScope.kind == "terminal", ReleaseScope.target == scope.target)
    members = select(Terminal.id).where(Terminal.township == scope.target)
    return or_(and_(ReleaseScope.kind == "township", ReleaseScope.target == scope.target),
               and_(ReleaseScope.kind == "terminal", ReleaseScope.target.in_(members)))
