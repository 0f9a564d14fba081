"""village finance ledger (村级财务): ledger_entry and ledger_image; complaint.concerns
(the published record a complaint is about)

Revision ID: 0502
Revises: 0801
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0502'
down_revision: str | None = '0801'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'ledger_entry',
        sa.Column('id', _ID, primary_key=True, autoincrement=True),
        sa.Column('township', sa.String(length=60), nullable=False),
        sa.Column('village', sa.String(length=60), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('entry_date', sa.Date(), nullable=False),
        sa.Column('summary', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('amount_fen', sa.BigInteger(), nullable=False),
        sa.Column('counterparty', sa.String(length=100), nullable=False),
        sa.Column('voucher_no', sa.String(length=40), nullable=False),
        sa.Column('image_sha256', sa.String(length=64), nullable=False),
        sa.Column('image_size', sa.Integer(), nullable=False),
        sa.Column('batch', sa.String(length=40), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('income', 'expense')", name='kind_valid'),
        sa.CheckConstraint('amount_fen > 0', name='amount_positive'),
    )
    op.create_index('ix_ledger_entry_seq', 'ledger_entry', ['seq'])
    op.create_index('ix_ledger_entry_village_month', 'ledger_entry',
                    ['township', 'village', 'month'])
    op.create_table(
        'ledger_image',
        sa.Column('sha256', sa.String(length=64), primary_key=True),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    with op.batch_alter_table('complaint') as batch:
        batch.add_column(sa.Column('concerns', sa.Text(), nullable=True))


def downgrade() -> None:
    # A plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): a batch copy of complaint would
    # trip over the foreign keys of complaint_history and complaint_feedback.
    op.drop_column('complaint', 'concerns')
    op.drop_table('ledger_image')
    op.drop_index('ix_ledger_entry_village_month', table_name='ledger_entry')
    op.drop_index('ix_ledger_entry_seq', table_name='ledger_entry')
    op.drop_table('ledger_entry')
