"""Rest corner: seats and rests, one rest per seat at a time.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rest_seats",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(8), nullable=False, unique=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("zone", sa.String(40), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("out_of_service_at", sa.DateTime(), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "rest_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("public_id", sa.String(36), nullable=False, unique=True),
        sa.Column("seat_id", sa.Integer(), sa.ForeignKey("rest_seats.id"), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("wake_at", sa.DateTime(), nullable=False),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("flight", sa.String(10), nullable=True),
        sa.Column("driving", sa.String(8), nullable=True),
        sa.Column("snoozes", sa.Integer(), nullable=False),
        sa.Column("alerted_at", sa.DateTime(), nullable=True),
        sa.Column("overstay_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("ended_by", sa.String(8), nullable=True),
    )
    op.create_index(
        "ux_rest_sessions_resting_seat",
        "rest_sessions",
        ["seat_id"],
        unique=True,
        sqlite_where=sa.text("ended_at IS NULL"),
    )
    op.create_index("ix_rest_sessions_started", "rest_sessions", ["started_at"])


def downgrade() -> None:
    op.drop_index("ix_rest_sessions_started", "rest_sessions")
    op.drop_index("ux_rest_sessions_resting_seat", "rest_sessions")
    op.drop_table("rest_sessions")
    op.drop_table("rest_seats")
