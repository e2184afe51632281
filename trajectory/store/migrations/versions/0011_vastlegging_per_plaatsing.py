"""Index: a placement's records (the dashboard's "stage ends without a stagebeoordeling").

The dashboard asks, per running placement, whether a stagebeoordeling was recorded for it
(NOT EXISTS on vastlegging by plaatsing_id and kind). Only a partial index (kind = 'uren')
covered plaatsing_id, so each placement scanned every record: 28 s at 3,000 leerlingen on
SQLite, a timeout at 30,000 (docs/BENCHMARKS.md).

Revision ID: 0011
Revises: 0009
"""

from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_vastlegging_plaatsing_kind", "vastlegging", ["plaatsing_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_vastlegging_plaatsing_kind", table_name="vastlegging")
