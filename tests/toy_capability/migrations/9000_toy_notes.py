"""Toy: its notes.

Revision ID: 9000
Revises: the kiosk's head without the toy (computed: a toy must not pin a number the next
real capability will take)
"""

import sqlalchemy as sa
from alembic import op

from kiosk.store.database import head_revision

revision = "9000"
down_revision = head_revision()
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "toy_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("text", sa.String(20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("tip", sa.Boolean(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("toy_notes")
