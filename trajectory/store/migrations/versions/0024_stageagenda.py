"""The weekly stage-agenda (issue #18): one current version of each part per week.

The praktijkbegeleider's week (`agenda_week`) and the leerling's reflection
(`agenda_reflectie`) are records (`vastlegging`) like every other, dated on the Monday of their
week (domain/stageagenda.py); a second submission is a new version and marks the first
`vervallen`. The partial unique index makes that race-free: two submissions of the same part
for the same week at the same moment cannot both stay current.

Existing data: no record of these kinds exists before this revision, and the hours already
recorded are not touched: they count as approved by the rule in `domain/uren.urenregels` (a
placement runs on paper until its first digital week; the school typed those lines from the
presentielijst or stagemap the praktijkbegeleider signed).

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

WAAR = "kind IN ('agenda_week', 'agenda_reflectie') AND vervallen IS NULL"


def upgrade() -> None:
    op.create_index(
        "uq_agendadeel_per_week",
        "vastlegging",
        ["plaatsing_id", "kind", "datum"],
        unique=True,
        sqlite_where=sa.text(WAAR),
        postgresql_where=sa.text(WAAR),
    )


def downgrade() -> None:
    op.drop_index("uq_agendadeel_per_week", table_name="vastlegging")
