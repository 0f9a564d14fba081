"""village finance ledger (村级财务): ledger_entry; complaint.concerns (the record a
complaint is about)

Revision ID: 0302
Revises: 0301
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0302"
down_revision: str | None = "0301"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ledger_entry",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("counterparty", sa.String(length=100), nullable=False),
        sa.Column("voucher_no", sa.String(length=40), nullable=False),
        sa.Column("image_sha256", sa.String(length=64), nullable=False),
        sa.Column("image_size", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('income', 'expense')", name="ledger_kind_valid"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ledger_entry_month", "ledger_entry", ["month"])
    with op.batch_alter_table("complaint") as batch:
        batch.add_column(sa.Column("concerns", sa.Text(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): no copy of complaint, whose rows
    # complaint_feedback points at.
    op.drop_column("complaint", "concerns")
    op.drop_index("ix_ledger_entry_month", table_name="ledger_entry")
    op.drop_table("ledger_entry")
