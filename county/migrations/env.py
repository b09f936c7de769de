"""Alembic environment: always run with a connection handed in by county.db."""

from alembic import context

import county.capabilities  # noqa: F401 - imports every capability, and so its tables
from county.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
