"""release, release_scope: published software releases and who is offered them

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

Two new, empty tables; nothing existing changes (pins already live in
terminal.pinned_release).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('release',
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('path', sa.String(length=1000), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('version')
    )
    op.create_table('release_scope',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('target', sa.String(length=60), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('county', 'township', 'terminal')", name='kind_valid'),
    sa.ForeignKeyConstraint(['version'], ['release.version'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('version', 'kind', 'target', name='uq_release_scope')
    )


def downgrade() -> None:
    op.drop_table('release_scope')
    op.drop_table('release')
