"""Alembic environment: always run with a connection handed in by county.db."""

from alembic import context

# Imported for their tables: every capability's, and the staff console's.
import county.capabilities
import county.console.models  # noqa: F401
from county.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
