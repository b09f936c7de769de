"""Sync: parked outbox operations, the sync state and the county data pulled down.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("parked_reason", sa.String(40), nullable=True))
        batch.add_column(sa.Column("parked_at", sa.DateTime(), nullable=True))
    # The push reads pending rows in order: (state, id) serves that and every query by state.
    op.drop_index("ix_outbox_state", table_name="outbox")
    op.create_index("ix_outbox_state_id", "outbox", ["state", "id"])

    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("server_url", sa.String(300), nullable=True),
        sa.Column("station_code", sa.String(32), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(), nullable=True),
        sa.Column("pull_cursor", sa.Integer(), nullable=False),
        sa.Column("public_base_url", sa.String(300), nullable=True),
        sa.Column("card_path", sa.String(100), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(40), nullable=True),
    )
    op.create_table(
        "county_announcements",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("title_zh", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("body_zh", sa.Text(), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "county_activities",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("title_zh", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("place_zh", sa.Text(), nullable=False),
        sa.Column("place_en", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "county_services",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("name_zh", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("description_zh", sa.Text(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("county_services")
    op.drop_table("county_activities")
    op.drop_table("county_announcements")
    op.drop_table("sync_state")
    op.drop_index("ix_outbox_state_id", table_name="outbox")
    op.create_index("ix_outbox_state", "outbox", ["state"])
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("parked_at")
        batch.drop_column("parked_reason")
