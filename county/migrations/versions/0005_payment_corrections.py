"""payment_change (correction history); payment 组/保障人数/备注; import batch revert columns

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

A new, empty history table; new payment columns with empty defaults (rows
imported before hold no 组, 保障人数 or 备注: the files never gave them
through); new import_batch columns, empty for the batches imported before
(none of them is reverted). Plain ``ADD COLUMN`` on both databases: no
table copy of a table of millions of payments.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('payment_change',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
              nullable=False),
    sa.Column('payment_id', sa.BigInteger(), nullable=False),
    sa.Column('action', sa.String(length=12), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=60), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.CheckConstraint("action IN ('correct', 'withdraw', 'supersede', 'revert')",
                       name='action_valid'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_payment_change_payment_id', 'payment_change', ['payment_id'])
    op.create_index('ix_payment_change_batch_id', 'payment_change', ['batch_id'])
    op.add_column('payment', sa.Column('village_group', sa.String(length=60), nullable=False,
                                       server_default=''))
    op.add_column('payment', sa.Column('household_size', sa.Integer(), nullable=True))
    op.add_column('payment', sa.Column('note', sa.Text(), nullable=False, server_default=''))
    op.add_column('import_batch', sa.Column('rows_superseded', sa.Integer(), nullable=False,
                                            server_default='0'))
    op.add_column('import_batch', sa.Column('imported_by', sa.String(length=60),
                                            nullable=False, server_default=''))
    op.add_column('import_batch', sa.Column('reverted_at', sa.DateTime(), nullable=True))
    op.add_column('import_batch', sa.Column('reverted_by', sa.String(length=60), nullable=True))
    op.add_column('import_batch', sa.Column('revert_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    for column in ('revert_reason', 'reverted_by', 'reverted_at', 'imported_by',
                   'rows_superseded'):
        op.drop_column('import_batch', column)
    for column in ('note', 'household_size', 'village_group'):
        op.drop_column('payment', column)
    op.drop_index('ix_payment_change_batch_id', table_name='payment_change')
    op.drop_index('ix_payment_change_payment_id', table_name='payment_change')
    op.drop_table('payment_change')
