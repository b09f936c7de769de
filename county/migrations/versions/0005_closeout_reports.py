"""Keepers' close-out: each station's sealed day reports, a chain per station.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "closeout_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "station_id",
            sa.Integer(),
            sa.ForeignKey("stations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("station_day", sa.Date(), nullable=False),
        sa.Column("sealed_at", sa.DateTime(), nullable=False),
        sa.Column("sealed_by", sa.String(32), nullable=False),
        sa.Column("records_waiting", sa.Integer(), nullable=False),
        sa.Column("previous_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("op_seq", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("station_id", "number", name="uq_closeout_reports_station_number"),
        sa.UniqueConstraint("station_id", "station_day", name="uq_closeout_reports_station_day"),
    )


def downgrade() -> None:
    op.drop_table("closeout_reports")
