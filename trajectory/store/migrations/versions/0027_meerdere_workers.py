"""Several workers and instances (issue #20): `scheduler_lease`, one row per lease naming the
process that runs the scheduler's jobs until it expires, and `import_taak`, a CSV import's
progress, which lived in the web process until now.

New tables only: every existing row carries over unchanged. No lease is held after upgrading,
so the first scheduler to start takes it; an import that ran in the old process during the
upgrade was broken off by the restart anyway (it saves all or nothing).

Revision ID: 0027
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0025"
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
    op.create_table(
        "import_taak",
        sa.Column("sleutel_hash", sa.String(64), primary_key=True),
        sa.Column("gebruiker_id", sa.Integer()),
        sa.Column("sessie_hash", sa.String(64), nullable=False),
        sa.Column("totaal", sa.Integer(), nullable=False),
        sa.Column("gedaan", sa.Integer(), nullable=False),
        sa.Column("klaar", sa.Boolean(), nullable=False),
        sa.Column("ids", sa.JSON(), nullable=False),
        sa.Column("fouten", sa.JSON(), nullable=False),
        sa.Column("begonnen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bijgewerkt", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_import_taak_begonnen", "import_taak", ["begonnen"])


def downgrade() -> None:
    op.drop_index("ix_import_taak_begonnen", table_name="import_taak")
    op.drop_table("import_taak")
    op.drop_table("scheduler_lease")
