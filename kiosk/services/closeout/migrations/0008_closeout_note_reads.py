"""Keeper's close-out: which handover notes the next keeper has read.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "closeout_note_reads",
        sa.Column("number", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("closeout_note_reads")
