"""terminal update reports; pins move from terminal.pinned_release to release_scope.pinned_at

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

New nullable columns on ``terminal`` hold the last install attempt a
terminal reported (empty until its next heartbeat). A pin becomes a
property of a published scope, so a terminal enrolled later in a pinned
township is pinned too. Existing per-terminal pins are carried over
without changing what any terminal is offered: a published scope whose
active terminals (at least one) are all pinned to its version becomes a
pinned scope (that is what ``publish --pin`` did to it); every other pin
becomes a pin of that one terminal. Pins of revoked terminals, or of
releases that no longer exist, are dropped. The column is dropped with
``ALTER TABLE … DROP COLUMN`` (PostgreSQL; SQLite ≥ 3.35) rather than a
batch table copy, which foreign keys to ``terminal`` would refuse.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None



def _update_columns() -> list[sa.Column[object]]:
    # Fresh objects per run: a Column attaches to the first table it is added to.
    return [
        sa.Column('update_version', sa.String(length=40), nullable=True),
        sa.Column('update_from_version', sa.String(length=40), nullable=True),
        sa.Column('update_result', sa.String(length=10), nullable=True),
        sa.Column('update_code', sa.String(length=60), nullable=True),
        sa.Column('update_message', sa.String(length=500), nullable=True),
        sa.Column('update_finished_at', sa.DateTime(), nullable=True),
        sa.Column('installed_versions', sa.Text(), nullable=True),
    ]

_terminal = sa.table('terminal', sa.column('id', sa.String), sa.column('township', sa.String),
                     sa.column('revoked_at', sa.DateTime),
                     sa.column('pinned_release', sa.String))
_scope = sa.table('release_scope', sa.column('id', sa.Integer), sa.column('version', sa.String),
                  sa.column('kind', sa.String), sa.column('target', sa.String),
                  sa.column('added_at', sa.DateTime), sa.column('pinned_at', sa.DateTime))
_release = sa.table('release', sa.column('version', sa.String),
                    sa.column('withdrawn_at', sa.DateTime))


def _covers(kind: str, target: str, terminal_id: str, township: str) -> bool:
    return (kind == 'county' or (kind == 'township' and target == township)
            or (kind == 'terminal' and target == terminal_id))


def _now() -> datetime:
    # The DateTime columns hold naive UTC (kiosk.sqltypes.UTCDateTime).
    return datetime.now(UTC).replace(tzinfo=None)


def upgrade() -> None:
    for column in _update_columns():
        op.add_column('terminal', column)
    op.add_column('release_scope', sa.Column('pinned_at', sa.DateTime(), nullable=True))

    conn = op.get_bind()
    terminals = conn.execute(sa.select(_terminal.c.id, _terminal.c.township,
                                       _terminal.c.pinned_release)
                             .where(_terminal.c.revoked_at.is_(None))).all()
    releases = {r.version for r in conn.execute(sa.select(_release.c.version))}
    pins = {t.id: t.pinned_release for t in terminals if t.pinned_release in releases}
    scopes = conn.execute(sa.select(_scope.c.id, _scope.c.version, _scope.c.kind,
                                    _scope.c.target, _scope.c.added_at)).all()
    covered: set[str] = set()
    for s in scopes:
        inside = [t.id for t in terminals if _covers(s.kind, s.target, t.id, t.township)]
        if inside and all(pins.get(t) == s.version for t in inside):
            conn.execute(sa.update(_scope).where(_scope.c.id == s.id)
                         .values(pinned_at=s.added_at))
            covered.update(inside)
    now = _now()
    for terminal_id, version in sorted(pins.items()):
        if terminal_id in covered:
            continue
        done = conn.execute(sa.update(_scope).where(
            _scope.c.version == version, _scope.c.kind == 'terminal',
            _scope.c.target == terminal_id).values(pinned_at=now)).rowcount
        if not done:
            conn.execute(sa.insert(_scope).values(version=version, kind='terminal',
                                                  target=terminal_id, added_at=now,
                                                  pinned_at=now))
    op.execute('ALTER TABLE terminal DROP COLUMN pinned_release')


def downgrade() -> None:
    op.add_column('terminal', sa.Column('pinned_release', sa.String(length=40), nullable=True))
    conn = op.get_bind()
    terminals = conn.execute(sa.select(_terminal.c.id, _terminal.c.township)
                             .where(_terminal.c.revoked_at.is_(None))).all()
    pinned = conn.execute(
        sa.select(_scope.c.version, _scope.c.kind, _scope.c.target)
        .join(_release, _release.c.version == _scope.c.version)
        .where(_scope.c.pinned_at.is_not(None), _release.c.withdrawn_at.is_(None))
        .order_by(_scope.c.pinned_at, _scope.c.id)).all()
    for t in terminals:
        mine = [p.version for p in pinned if _covers(p.kind, p.target, t.id, t.township)]
        if mine:  # the latest pin covering it, as county.releases.offer_for chose
            conn.execute(sa.update(_terminal).where(_terminal.c.id == t.id)
                         .values(pinned_release=mine[-1]))
    op.execute('ALTER TABLE release_scope DROP COLUMN pinned_at')
    for column in reversed(_update_columns()):
        op.execute(f'ALTER TABLE terminal DROP COLUMN {column.name}')
