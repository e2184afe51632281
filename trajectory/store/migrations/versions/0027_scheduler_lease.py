"""The scheduler's lease (issue #20): `scheduler_lease`, one row per lease naming the process
that runs the scheduler's jobs until it expires.

A new table only: every existing row carries over unchanged; no lease is held after upgrading,
so the first scheduler to start takes it.

Revision ID: 0027
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scheduler_lease",
        sa.Column("naam", sa.String(40), primary_key=True),
        sa.Column("houder", sa.String(100), nullable=False),
        sa.Column("sinds", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verloopt", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("scheduler_lease")
