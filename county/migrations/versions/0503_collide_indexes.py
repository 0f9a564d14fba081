"""collision rules read covering indexes: ix_payment_collide_live (person, item, period)
and ix_payment_item_paid_on_live (item, payment date) replace ix_payment_collide and
ix_payment_item_paid_on; ix_reference_kind_hash_item (kind, person, item, period) replaces
ix_reference_kind_hash (issue 16's benchmark: every rule uses its indexes)

Revision ID: 0503
Revises: 0502
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0503'
down_revision: str | None = '0502'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_payment_collide_live', 'payment',
                    ['id_hash', 'item_code', 'period', 'deleted', 'status', 'amount_fen',
                     'paid_on'], postgresql_include=['id'])
    op.create_index('ix_payment_item_paid_on_live', 'payment',
                    ['item_code', 'paid_on', 'household_size', 'amount_fen', 'deleted',
                     'status'], postgresql_include=['id', 'id_hash'])
    # Their leading columns are the old indexes': every query that used those uses these.
    op.drop_index('ix_payment_collide', table_name='payment')
    op.drop_index('ix_payment_item_paid_on', table_name='payment')
    op.create_index('ix_reference_kind_hash_item', 'reference_row',
                    ['kind', 'id_hash', 'item_code', 'period'])
    op.drop_index('ix_reference_kind_hash', table_name='reference_row')


def downgrade() -> None:
    op.create_index('ix_reference_kind_hash', 'reference_row', ['kind', 'id_hash'])
    op.drop_index('ix_reference_kind_hash_item', table_name='reference_row')
    op.create_index('ix_payment_item_paid_on', 'payment', ['item_code', 'paid_on'])
    op.create_index('ix_payment_collide', 'payment', ['id_hash', 'item_code', 'period'])
    op.drop_index('ix_payment_item_paid_on_live', table_name='payment')
    op.drop_index('ix_payment_collide_live', table_name='payment')
