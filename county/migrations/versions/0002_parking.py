"""Parking: the stations' reservations (masked plates only) and remote booking requests.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _station_id() -> sa.Column:
    return sa.Column(
        "station_id",
        sa.Integer(),
        sa.ForeignKey("stations.id", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "parking_reservations",
        sa.Column("id", sa.Integer(), primary_key=True),
        _station_id(),
        sa.Column("reservation_id", sa.String(36), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("last_event", sa.String(40), nullable=False),
        sa.Column("bay_type", sa.String(8), nullable=False),
        sa.Column("bay_code", sa.String(16), nullable=True),
        sa.Column("power_kw", sa.Float(), nullable=True),
        sa.Column("plate_masked", sa.String(12), nullable=False),
        sa.Column("new_energy", sa.Boolean(), nullable=False),
        sa.Column("start_at", sa.DateTime(), nullable=False),
        sa.Column("end_at", sa.DateTime(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=True),
        sa.Column("left_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("no_show_at", sa.DateTime(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("remote_id", sa.String(64), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("op_seq", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("reservation_id", name="uq_parking_reservations_public"),
    )
    op.create_index(
        "ix_parking_reservations_station_day",
        "parking_reservations",
        ["station_id", "local_day"],
    )
    op.create_table(
        "parking_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        _station_id(),
        sa.Column("request_id", sa.String(36), nullable=False),
        sa.Column("bay_type", sa.String(8), nullable=False),
        sa.Column("start_at", sa.DateTime(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("plate_masked", sa.String(12), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("feed_seq", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("reason", sa.String(40), nullable=True),
        sa.Column("reservation_id", sa.String(36), nullable=True),
        sa.Column("code", sa.String(8), nullable=True),
        sa.Column("bay_code", sa.String(16), nullable=True),
        sa.Column("ban_ends_at", sa.DateTime(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("request_id", name="uq_parking_requests_request"),
    )
    op.create_index(
        "ix_parking_requests_station_status",
        "parking_requests",
        ["station_id", "status"],
    )


def downgrade() -> None:
    op.drop_index("ix_parking_requests_station_status", table_name="parking_requests")
    op.drop_table("parking_requests")
    op.drop_index("ix_parking_reservations_station_day", table_name="parking_reservations")
    op.drop_table("parking_reservations")
