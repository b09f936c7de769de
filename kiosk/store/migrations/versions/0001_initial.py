"""Drivers, visits, outbox, station profile and keeper notices.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drivers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("phone_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("phone_last4", sa.String(4), nullable=False),
        sa.Column("consent_version", sa.Integer(), nullable=False),
        sa.Column("consented_at", sa.DateTime(), nullable=False),
        sa.Column("last_work_type", sa.String(32), nullable=False),
        sa.Column("last_platform", sa.String(64), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_drivers_last_seen_at", "drivers", ["last_seen_at"])

    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("public_id", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "driver_id",
            sa.Integer(),
            sa.ForeignKey("drivers.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("work_type", sa.String(32), nullable=False),
        sa.Column("work_detail", sa.String(40), nullable=True),
        sa.Column("platform", sa.String(64), nullable=True),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("is_returning", sa.Boolean(), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
    )
    op.create_index("ix_visits_local_day", "visits", ["local_day"])
    op.create_index("ix_visits_driver_checked_in", "visits", ["driver_id", "checked_in_at"])
    op.create_index(
        "ix_visits_linked_checked_in",
        "visits",
        ["checked_in_at"],
        sqlite_where=sa.text("driver_id IS NOT NULL"),
    )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("op_id", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("acked_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_outbox_state", "outbox", ["state"])

    op.create_table(
        "station_profile",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name_zh", sa.String(100), nullable=False),
        sa.Column("name_en", sa.String(100), nullable=False),
        sa.Column("address_zh", sa.String(200), nullable=False),
        sa.Column("address_en", sa.String(200), nullable=False),
        sa.Column("opening_hours", sa.String(100), nullable=False),
        sa.Column("facilities", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )

    op.create_table(
        "keeper_notices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("keeper_notices")
    op.drop_table("station_profile")
    op.drop_index("ix_outbox_state", table_name="outbox")
    op.drop_table("outbox")
    op.drop_index("ix_visits_linked_checked_in", table_name="visits")
    op.drop_index("ix_visits_driver_checked_in", table_name="visits")
    op.drop_index("ix_visits_local_day", table_name="visits")
    op.drop_table("visits")
    op.drop_index("ix_drivers_last_seen_at", table_name="drivers")
    op.drop_table("drivers")
