"""Alembic environment: migrations run on a connection handed in by county.db."""

from __future__ import annotations

from alembic import context

import county.collision.models
import county.complaint_flow.models
import county.console.models
import county.disclosure.models
import county.ledger.models
import county.projects.models
import county.releases.models
import county.voice.models  # noqa: F401
from county.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when alembic is run by hand
    raise RuntimeError("run migrations through `county serve` or any county command")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
