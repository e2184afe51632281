"""A placement can be a dagbestedingsstage (beleidsplan 3.4): `plaatsing.dagbesteding`.

Existing placements are stage placements at a company: false.

Revision ID: 0015
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "plaatsing",
        sa.Column("dagbesteding", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    # a plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35), as 0012 does: a batch copy of the
    # table would trip the foreign keys that point at it
    op.drop_column("plaatsing", "dagbesteding")
