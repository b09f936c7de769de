"""Rest corner: the stations' finished rests, by seat, nobody named, each signed as received;
and the county's secret that signs them.

Revision ID: 0003
Revises: 0002
"""

import secrets
from datetime import UTC, datetime

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
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(64), nullable=False),
        sa.UniqueConstraint("rest_id", name="uq_rest_sessions_rest_id"),
    )
    op.create_index("ix_rest_sessions_station_day", "rest_sessions", ["station_id", "local_day"])
    keys = op.create_table(
        "rest_proof_keys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    # The signing secret exists from the start, so no two pushes race to make it.
    made = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(keys, [{"id": 1, "secret": secrets.token_hex(32), "created_at": made}])


def downgrade() -> None:
    op.drop_table("rest_proof_keys")
    op.drop_index("ix_rest_sessions_station_day", "rest_sessions")
    op.drop_table("rest_sessions")
