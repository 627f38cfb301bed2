"""Alembic environment: the caller hands in an open connection (see simulator.storage.database)."""

from __future__ import annotations

from alembic import context

from simulator.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
