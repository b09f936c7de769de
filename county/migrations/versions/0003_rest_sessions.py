"""Rest corner: the stations' finished rests, by seat, nobody named.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rest_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "station_id",
            sa.Integer(),
            sa.ForeignKey("stations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("rest_id", sa.String(36), nullable=False),
        sa.Column("seat", sa.String(8), nullable=False),
        sa.Column("seat_kind", sa.String(10), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("snoozes", sa.Integer(), nullable=False),
        sa.Column("ended_by", sa.String(8), nullable=False),
        sa.Column("flight_linked", sa.Boolean(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("op_seq", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("rest_id", name="uq_rest_sessions_rest_id"),
    )
    op.create_index("ix_rest_sessions_station_day", "rest_sessions", ["station_id", "local_day"])


def downgrade() -> None:
    op.drop_index("ix_rest_sessions_station_day", "rest_sessions")
    op.drop_table("rest_sessions")
