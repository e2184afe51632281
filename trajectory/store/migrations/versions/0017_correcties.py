"""Corrections without losing history: a record or placement is corrected by a new row that
names the one it replaces, or voided; the replaced or voided row is marked once (when, by
whom, why) and never changed otherwise.

Existing rows are all current (`vervallen` NULL). The presentielijst's one line per day per
placement now counts current lines only, so a corrected line and its successor share the day.

Revision ID: 0017
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0013"
branch_labels = None
depends_on = None

TABELLEN = ("vastlegging", "plaatsing")


def upgrade() -> None:
    for tabel in TABELLEN:
        op.add_column(tabel, sa.Column("vervangt_id", sa.Integer(), nullable=True))
        op.add_column(tabel, sa.Column("vervallen", sa.DateTime(timezone=True), nullable=True))
        op.add_column(tabel, sa.Column("vervallen_door_id", sa.Integer(), nullable=True))
        op.add_column(tabel, sa.Column("vervallen_reden", sa.Text(), nullable=True))
        op.create_index(f"ix_{tabel}_vervangt_id", tabel, ["vervangt_id"])
    _uren_per_dag("kind = 'uren' AND vervallen IS NULL")


def downgrade() -> None:
    _uren_per_dag("kind = 'uren'")
    for tabel in TABELLEN:
        op.drop_index(f"ix_{tabel}_vervangt_id", table_name=tabel)
        # a plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35), as in 0012
        for kolom in ("vervallen_reden", "vervallen_door_id", "vervallen", "vervangt_id"):
            op.drop_column(tabel, kolom)


def _uren_per_dag(waar: str) -> None:
    op.drop_index("uq_uren_per_dag", table_name="vastlegging")
    op.create_index(
        "uq_uren_per_dag",
        "vastlegging",
        ["plaatsing_id", "datum"],
        unique=True,
        sqlite_where=sa.text(waar),
        postgresql_where=sa.text(waar),
    )
