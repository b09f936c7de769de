"""Parking: bays, reservations and the per-type lock rows.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ACTIVE = "state IN ('booked', 'arrived')"


def upgrade() -> None:
    op.create_table(
        "parking_bays",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("bay_type", sa.String(8), nullable=False),
        sa.Column("power_kw", sa.Float(), nullable=True),
        sa.Column("out_of_service_reason", sa.String(100), nullable=True),
        sa.Column("out_of_service_at", sa.DateTime(), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_parking_bays_type", "parking_bays", ["bay_type", "code"])

    lock = op.create_table(
        "parking_locks",
        sa.Column("bay_type", sa.String(8), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    # The rows exist from the start so the first booking's UPDATE finds its row.
    op.bulk_insert(lock, [{"bay_type": t, "version": 0} for t in ("car", "ev", "truck")])

    op.create_table(
        "parking_reservations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("public_id", sa.String(36), nullable=False, unique=True),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("plate", sa.String(10), nullable=False),
        sa.Column("new_energy", sa.Boolean(), nullable=False),
        sa.Column("bay_type", sa.String(8), nullable=False),
        sa.Column("bay_id", sa.Integer(), sa.ForeignKey("parking_bays.id"), nullable=True),
        sa.Column("start_at", sa.DateTime(), nullable=False),
        sa.Column("end_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=True),
        sa.Column("left_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("no_show_at", sa.DateTime(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("remote_id", sa.String(64), nullable=True),
        sa.Column(
            "driver_id",
            sa.Integer(),
            sa.ForeignKey("drivers.id", ondelete="SET NULL"),
            nullable=True,
        ),
    )
    table = "parking_reservations"
    op.create_index(
        "ix_parking_res_active_type_start",
        table,
        ["bay_type", "start_at"],
        sqlite_where=sa.text(ACTIVE),
    )
    op.create_index(
        "ix_parking_res_active_bay_start",
        table,
        ["bay_id", "start_at"],
        sqlite_where=sa.text(ACTIVE),
    )
    op.create_index(
        "ix_parking_res_booked_start",
        table,
        ["start_at"],
        sqlite_where=sa.text("state = 'booked'"),
    )
    op.create_index(
        "ux_parking_res_active_code",
        table,
        ["code"],
        unique=True,
        sqlite_where=sa.text(ACTIVE),
    )
    op.create_index(
        "ux_parking_res_remote_id",
        table,
        ["remote_id"],
        unique=True,
        sqlite_where=sa.text("remote_id IS NOT NULL"),
    )
    op.create_index("ix_parking_res_plate_start", table, ["plate", "start_at"])
    op.create_index(
        "ix_parking_res_plate_no_show",
        table,
        ["plate", "no_show_at"],
        sqlite_where=sa.text("state = 'no_show'"),
    )
    op.create_index("ix_parking_res_start", table, ["start_at"])
    op.create_index("ix_parking_res_driver", table, ["driver_id"])


def downgrade() -> None:
    op.drop_table("parking_reservations")  # drops its indexes with it
    op.drop_table("parking_locks")
    op.drop_index("ix_parking_bays_type", table_name="parking_bays")
    op.drop_table("parking_bays")
