"""Alembic environment: migrations run on a connection handed in by kiosk.store."""

from __future__ import annotations

from alembic import context

import kiosk.store.ledger_models
import kiosk.store.project_models  # noqa: F401  (issue 17: its table in the metadata)
from kiosk.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when alembic is run by hand
    raise RuntimeError("run migrations through `kiosk db upgrade`, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
