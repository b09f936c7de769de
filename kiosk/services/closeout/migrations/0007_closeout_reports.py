"""Keeper's close-out: sealed day reports (append-only), which handover notes were read, and
the last report the county holds of this station's chain.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Repeated from the model on purpose: a migration is history and must not change with it.
_MESSAGE = "a sealed day report is never changed"


def upgrade() -> None:
    op.create_table(
        "closeout_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.Integer(), nullable=False, unique=True),
        sa.Column("station_day", sa.Date(), nullable=False, unique=True),
        sa.Column("sealed_at", sa.DateTime(), nullable=False),
        sa.Column("sealed_by", sa.String(32), nullable=False),
        sa.Column("previous_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
        sa.Column("body", sa.Text(), nullable=False),
    )
    op.create_table(
        "closeout_note_reads",
        sa.Column("number", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "closeout_county_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("station_day", sa.Date(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
    )
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER closeout_reports_no_{action.lower()} BEFORE {action} "
            f"ON closeout_reports BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
        )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS closeout_reports_no_update")
    op.execute("DROP TRIGGER IF EXISTS closeout_reports_no_delete")
    op.drop_table("closeout_county_head")
    op.drop_table("closeout_note_reads")
    op.drop_table("closeout_reports")
