"""Feed cursors are 64-bit on the wire: the feed's own sequence is too, on PostgreSQL (where it
was a 32-bit SERIAL, and a kiosk's cursor past 2^31 was a 500). SQLite's integers are 64-bit
already and its rowid key stays as it is.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column("feed", "seq", type_=sa.BigInteger(), existing_type=sa.Integer())
    op.execute("ALTER SEQUENCE feed_seq_seq AS BIGINT")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER SEQUENCE feed_seq_seq AS INTEGER")
    op.alter_column("feed", "seq", type_=sa.Integer(), existing_type=sa.BigInteger())
