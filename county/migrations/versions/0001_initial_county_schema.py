"""initial county schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('benefit_item',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('department', sa.String(length=100), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('standard', sa.Text(), nullable=False),
    sa.Column('policy', sa.Text(), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("scope IN ('person', 'household')", name='scope_valid'),
    sa.PrimaryKeyConstraint('code')
    )
    with op.batch_alter_table('benefit_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_benefit_item_seq'), ['seq'], unique=False)

    counter = op.create_table('change_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('id = 1', name='single_row'),
    sa.PrimaryKeyConstraint('id')
    )
    op.bulk_insert(counter, [{'id': 1, 'value': 0}])
    op.create_table('county_state',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('enrollment_code',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('township', sa.String(length=60), nullable=False),
    sa.Column('village', sa.String(length=60), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('terminal_id', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code_hash')
    )
    op.create_table('household_member',
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('household_id', sa.String(length=40), nullable=False),
    sa.Column('township', sa.String(length=60), nullable=False),
    sa.Column('village', sa.String(length=60), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id_hash')
    )
    with op.batch_alter_table('household_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_member_household_id'),
                              ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_member_seq'), ['seq'], unique=False)

    op.create_table('import_batch',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('rows_total', sa.Integer(), nullable=False),
    sa.Column('rows_new', sa.Integer(), nullable=False),
    sa.Column('rows_rejected', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('notice',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('township', sa.String(length=60), nullable=False),
    sa.Column('village', sa.String(length=60), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("scope IN ('village', 'township', 'county')", name='scope_valid'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_seq'), ['seq'], unique=False)

    op.create_table('setting',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('target', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key', 'target', name='uq_setting_key_target')
    )
    with op.batch_alter_table('setting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_setting_seq'), ['seq'], unique=False)

    op.create_table('terminal',
    sa.Column('id', sa.String(length=20), nullable=False),
    sa.Column('township', sa.String(length=60), nullable=False),
    sa.Column('village', sa.String(length=60), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(), nullable=True),
    sa.Column('last_heartbeat_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('uptime_s', sa.BigInteger(), nullable=True),
    sa.Column('reader', sa.String(length=40), nullable=False),
    sa.Column('printer', sa.String(length=40), nullable=False),
    sa.Column('cursor', sa.String(length=100), nullable=True),
    sa.Column('outbox_depth', sa.Integer(), nullable=True),
    sa.Column('disk_free_bytes', sa.BigInteger(), nullable=True),
    sa.Column('disk_total_bytes', sa.BigInteger(), nullable=True),
    sa.Column('pinned_release', sa.String(length=40), nullable=True),
    sa.CheckConstraint("scope IN ('county', 'township')", name='scope_valid'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_table('complaint',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('terminal_id', sa.String(length=20), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('body_sha256', sa.String(length=64), nullable=False),
    sa.Column('ticket_no', sa.String(length=32), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('item_code', sa.String(length=32), nullable=True),
    sa.Column('payment_id', sa.BigInteger(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('id_hash', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=60), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('reply_text', sa.Text(), nullable=True),
    sa.Column('reply_at', sa.DateTime(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminal.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('terminal_id', 'idempotency_key', name='uq_complaint_key')
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_id_hash'), ['id_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_seq'), ['seq'], unique=False)

    op.create_table('payment',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
              nullable=False),
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('household_id', sa.String(length=40), nullable=False),
    sa.Column('item_code', sa.String(length=32), nullable=False),
    sa.Column('period', sa.String(length=40), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('department', sa.String(length=100), nullable=False),
    sa.Column('fund_source', sa.String(length=100), nullable=False),
    sa.Column('batch', sa.String(length=60), nullable=False),
    sa.Column('township', sa.String(length=60), nullable=False),
    sa.Column('village', sa.String(length=60), nullable=False),
    sa.Column('content_key', sa.String(length=64), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('paid', 'pending', 'returned')", name='status_valid'),
    sa.CheckConstraint('amount_fen >= 0', name='amount_non_negative'),
    sa.ForeignKeyConstraint(['import_id'], ['import_batch.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_key')
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index('ix_payment_id_hash', ['id_hash'], unique=False)
        batch_op.create_index('ix_payment_seq', ['seq'], unique=False)
        batch_op.create_index('ix_payment_township_seq', ['township', 'seq'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index('ix_payment_township_seq')
        batch_op.drop_index('ix_payment_seq')
        batch_op.drop_index('ix_payment_id_hash')

    op.drop_table('payment')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_seq'))
        batch_op.drop_index(batch_op.f('ix_complaint_id_hash'))

    op.drop_table('complaint')
    op.drop_table('terminal')
    with op.batch_alter_table('setting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_setting_seq'))

    op.drop_table('setting')
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_seq'))

    op.drop_table('notice')
    op.drop_table('import_batch')
    with op.batch_alter_table('household_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_member_seq'))
        batch_op.drop_index(batch_op.f('ix_household_member_household_id'))

    op.drop_table('household_member')
    op.drop_table('enrollment_code')
    op.drop_table('county_state')
    op.drop_table('change_counter')
    with op.batch_alter_table('benefit_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_benefit_item_seq'))

    op.drop_table('benefit_item')
