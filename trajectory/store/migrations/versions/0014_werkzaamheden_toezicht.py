"""The rest of "geen arbeid van lichte aard" and the toezichthouder on a placement (issue 15).

Beleidsplan 5.2: below 16 also no work in forced postures and none in or with a crop within
14 days of gewasbeschermingsmiddelen; risky work only under the toezicht of a named person of
18 or older who is directly available. Existing placements get "no" and no toezichthouder,
which is what they recorded until now.

Revision ID: 0014
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0016"
branch_labels = None
depends_on = None

JA_NEE = (
    "gedwongen_houding",
    "gewasbeschermingsmiddelen",
    "toezichthouder_18_plus",
    "toezichthouder_direct_beschikbaar",
)


def upgrade() -> None:
    for column in JA_NEE:
        op.add_column(
            "plaatsing", sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.add_column("plaatsing", sa.Column("toezichthouder", sa.String(length=200), nullable=True))


def downgrade() -> None:
    # a plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): a batch copy of the table would trip
    # the foreign keys that point at it
    op.drop_column("plaatsing", "toezichthouder")
    for column in reversed(JA_NEE):
        op.drop_column("plaatsing", column)
