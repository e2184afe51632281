"""Finding a company for a leerling (issue #17): the leerling's home location.

`leerling.breedtegraad` and `leerling.lengtegraad` (WGS84 degrees, optional) let the matching
compute the distance to a company that has coordinates too (`domain/stagezoeken.py`). Existing
leerlingen have none: NULL, so their distances come from earlier placements' typed fietsafstand
or stay "onbekend". The kandidaat list needs no table: each contact with a company is a
`kandidaat` record (`vastlegging`), corrected like any record. The index on
`plaatsing (stagebedrijf_id, status, vervallen, leerling_id)` lets the matching count a
company's running placements from the index alone, one probe per company (docs/BENCHMARKS.md).

Revision ID: 0022
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("leerling", sa.Column("breedtegraad", sa.Float(), nullable=True))
    op.add_column("leerling", sa.Column("lengtegraad", sa.Float(), nullable=True))
    op.create_index(
        "ix_plaatsing_bedrijf_status",
        "plaatsing",
        ["stagebedrijf_id", "status", "vervallen", "leerling_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_plaatsing_bedrijf_status", table_name="plaatsing")
    op.drop_column("leerling", "lengtegraad")
    op.drop_column("leerling", "breedtegraad")
