"""Sync: pulled changes held until an upgraded kiosk can apply them.

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
        "held_feed_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("held_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_held_feed_changes_kind_key", "held_feed_changes", ["kind", "key"])


def downgrade() -> None:
    op.drop_index("ix_held_feed_changes_kind_key", table_name="held_feed_changes")
    op.drop_table("held_feed_changes")
