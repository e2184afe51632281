"""A placement can be a dagbestedingsstage (beleidsplan 3.4): `plaatsing.dagbesteding`.

Existing placements are stage placements at a company: false.

Revision ID: 0015
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "plaatsing",
        sa.Column("dagbesteding", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("plaatsing") as batch:
        batch.drop_column("dagbesteding")
