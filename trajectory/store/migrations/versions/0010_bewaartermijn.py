"""Retention bookkeeping: when a leerling's personal data was erased (trajectory avg).

Revision ID: 0010
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("leerling", sa.Column("gewist", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("leerling") as batch:
        batch.drop_column("gewist")
