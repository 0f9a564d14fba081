"""public disclosure: item_disclosure, roll_entry (公示花名册), power (小微权力清单)

Revision ID: 0501
Revises: 0601
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0501'
down_revision: str | None = '0601'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'item_disclosure',
        sa.Column('item_code', sa.String(length=32), nullable=False),
        sa.Column('public', sa.Boolean(), nullable=False),
        sa.Column('period_days', sa.Integer(), nullable=False),
        sa.Column('period_months', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('period_days >= 0 AND period_months >= 0', name='period_valid'),
        sa.PrimaryKeyConstraint('item_code'),
    )
    op.create_table(
        'roll_entry',
        sa.Column('id', _ID, autoincrement=False, nullable=False),
        sa.Column('township', sa.String(length=60), nullable=False),
        sa.Column('village', sa.String(length=60), nullable=False),
        sa.Column('item_code', sa.String(length=32), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('amount_fen', sa.BigInteger(), nullable=False),
        sa.Column('period', sa.String(length=40), nullable=False),
        sa.Column('village_group', sa.String(length=60), nullable=False),
        sa.Column('household_size', sa.Integer(), nullable=True),
        sa.Column('paid_on', sa.Date(), nullable=False),
        sa.Column('public_until', sa.Date(), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_roll_entry_village_seq', 'roll_entry', ['township', 'village', 'seq'])
    op.create_index('ix_roll_entry_seq', 'roll_entry', ['seq'])
    op.create_table(
        'power',
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('code'),
    )
    op.create_index('ix_power_seq', 'power', ['seq'])


def downgrade() -> None:
    op.drop_index('ix_power_seq', table_name='power')
    op.drop_table('power')
    op.drop_index('ix_roll_entry_seq', table_name='roll_entry')
    op.drop_index('ix_roll_entry_village_seq', table_name='roll_entry')
    op.drop_table('roll_entry')
    op.drop_table('item_disclosure')
