"""Keepers' close-out: each station's sealed day reports, a chain per station, kept as its safe
copy: never changed or removed (triggers refuse it, on SQLite and PostgreSQL alike).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_REFUSAL = "a day report of a station is never changed or removed"


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
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION closeout_reports_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER closeout_reports_no_change BEFORE UPDATE OR DELETE ON "
            "closeout_reports FOR EACH ROW EXECUTE FUNCTION closeout_reports_append_only()"
        )
        op.execute(
            "CREATE TRIGGER closeout_reports_no_truncate BEFORE TRUNCATE ON closeout_reports "
            "FOR EACH STATEMENT EXECUTE FUNCTION closeout_reports_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER closeout_reports_no_{event.lower()} BEFORE {event} ON "
                f"closeout_reports BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER closeout_reports_no_truncate ON closeout_reports")
        op.execute("DROP TRIGGER closeout_reports_no_change ON closeout_reports")
        op.execute("DROP FUNCTION closeout_reports_append_only()")
    op.drop_table("closeout_reports")
