"""Alembic environment: always run with a connection handed in by kiosk.store.database."""

from alembic import context

from kiosk.store.schema import schema_metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=schema_metadata(context.config.attributes.get("capabilities")),
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
