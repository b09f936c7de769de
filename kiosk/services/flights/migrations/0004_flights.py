"""Flights: the cache of the county's flight feed (records as JSON bodies, and their metadata).

Also starts the pull over from the beginning of the feed: a kiosk before this revision skipped
flight items as an unknown kind and moved its cursor past them. Replaying the feed is safe, as
every change carries the whole item and they apply in order.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flight_records",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("scheduled_at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    with op.batch_alter_table("flight_records") as batch:
        batch.create_index("ix_flight_records_scheduled_at", ["scheduled_at"])
    op.create_table(
        "flight_feed_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.execute("UPDATE sync_state SET pull_cursor = 0")


def downgrade() -> None:
    op.drop_table("flight_feed_meta")
    with op.batch_alter_table("flight_records") as batch:
        batch.drop_index("ix_flight_records_scheduled_at")
    op.drop_table("flight_records")
