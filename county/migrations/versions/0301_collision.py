"""数据碰撞: person (encrypted ID), reference_row, benefit_standard, lead, lead_event

Revision ID: 0301
Revises: 0101
Create Date: 2026-12-04

New tables and two new indexes on payment (the rules group payments by
person, item and period, and by item and date).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0301'
down_revision: str | None = '0101'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'person',
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('id_enc', sa.Text(), nullable=False),
        sa.Column('name_enc', sa.Text(), nullable=False),
        sa.Column('masked_id', sa.String(length=24), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id_hash'),
    )
    op.create_table(
        'reference_row',
        sa.Column('id', _ID, autoincrement=True, nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('event_on', sa.Date(), nullable=True),
        sa.Column('household_id', sa.String(length=40), nullable=False),
        sa.Column('relation', sa.String(length=20), nullable=False),
        sa.Column('role', sa.String(length=60), nullable=False),
        sa.Column('township', sa.String(length=60), nullable=False),
        sa.Column('village', sa.String(length=60), nullable=False),
        sa.Column('item_code', sa.String(length=32), nullable=False),
        sa.Column('period', sa.String(length=40), nullable=False),
        sa.Column('amount_fen', sa.BigInteger(), nullable=True),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('content_key', sa.String(length=64), nullable=False),
        sa.Column('import_id', sa.Integer(), nullable=True),
        sa.Column('imported_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('deaths', 'officials', 'households', 'employees', "
                           "'vehicles', 'announcements')", name='kind_valid'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('content_key'),
    )
    op.create_index('ix_reference_kind_hash', 'reference_row', ['kind', 'id_hash'])
    op.create_index('ix_reference_kind_household', 'reference_row', ['kind', 'household_id'])
    op.create_index('ix_reference_announced', 'reference_row',
                    ['kind', 'item_code', 'period', 'township'])
    op.create_table(
        'benefit_standard',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('item_code', sa.String(length=32), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('household_size', sa.Integer(), nullable=False),
        sa.Column('max_fen', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('item_code', 'year', 'household_size', name='uq_standard'),
    )
    op.create_table(
        'lead',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('rule', sa.String(length=40), nullable=False),
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('township', sa.String(length=60), nullable=False),
        sa.Column('department', sa.String(length=100), nullable=False),
        sa.Column('amount_fen', sa.BigInteger(), nullable=False),
        sa.Column('before_payment', sa.Boolean(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('evidence', sa.Text(), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('found_at', sa.DateTime(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('assigned_to', sa.String(length=60), nullable=False),
        sa.Column('confirmed_fen', sa.BigInteger(), nullable=True),
        sa.Column('dismiss_reason', sa.Text(), nullable=False),
        sa.Column('recovered_fen', sa.BigInteger(), nullable=True),
        sa.Column('recovered_on', sa.Date(), nullable=True),
        sa.CheckConstraint("status IN ('new', 'assigned', 'confirmed', 'dismissed', "
                           "'recovered', 'closed')", name='status_valid'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('key'),
    )
    op.create_index('ix_lead_rule_status', 'lead', ['rule', 'status'])
    op.create_index('ix_lead_township', 'lead', ['township'])
    op.create_table(
        'lead_event',
        sa.Column('id', _ID, autoincrement=True, nullable=False),
        sa.Column('lead_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor', sa.String(length=60), nullable=False),
        sa.Column('action', sa.String(length=12), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('amount_fen', sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_lead_event_lead_id', 'lead_event', ['lead_id'])
    op.create_index('ix_payment_collide', 'payment', ['id_hash', 'item_code', 'period'])
    op.create_index('ix_payment_item_paid_on', 'payment', ['item_code', 'paid_on'])


def downgrade() -> None:
    op.drop_index('ix_payment_item_paid_on', table_name='payment')
    op.drop_index('ix_payment_collide', table_name='payment')
    for table in ('lead_event', 'lead', 'benefit_standard', 'reference_row', 'person'):
        op.drop_table(table)
