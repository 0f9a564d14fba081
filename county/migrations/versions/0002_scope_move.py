"""scope_move: the change log of rows that left a township

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

A new, empty table: moves made before this revision were not recorded (the
old township was overwritten), so nothing can be back-filled; existing rows
and seqs are untouched and cursors handed out before stay valid.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('scope_move',
    sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('township', sa.String(length=60), nullable=False),
    sa.Column('moved_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("entity IN ('payment', 'household_member')", name='entity_valid'),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('scope_move', schema=None) as batch_op:
        batch_op.create_index('ix_scope_move_township_seq', ['township', 'seq'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('scope_move', schema=None) as batch_op:
        batch_op.drop_index('ix_scope_move_township_seq')
    op.drop_table('scope_move')
