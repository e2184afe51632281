"""Placement rules: werkzaamheden of a placement, groepsstage places, one hours line per day.

Revision ID: 0002
Revises: 0001
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WERKZAAMHEDEN = ("kassawerk", "tillen_10kg", "duwen_trekken_20kg", "psa", "zondag_door_aard")
UREN = "kind = 'uren'"


def upgrade() -> None:
    with op.batch_alter_table("plaatsing") as batch_op:
        for column in WERKZAAMHEDEN:
            batch_op.add_column(
                sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false())
            )
    op.create_table(
        "groepsstage_plek",
        sa.Column("dagdeel", sa.String(length=12), nullable=False),
        sa.Column("plek", sa.Integer(), nullable=False),
        sa.Column("plaatsing_id", sa.Integer(), sa.ForeignKey("plaatsing.id"), nullable=False),
        sa.PrimaryKeyConstraint("dagdeel", "plek"),
    )
    op.create_index("ix_groepsstage_plek_plaatsing_id", "groepsstage_plek", ["plaatsing_id"])
    op.create_index(
        "uq_uren_per_dag",
        "vastlegging",
        ["plaatsing_id", "datum"],
        unique=True,
        sqlite_where=sa.text(UREN),
        postgresql_where=sa.text(UREN),
    )
    _claim_running_groepsstages()


def _claim_running_groepsstages() -> None:
    """Placements that were running before this migration hold their places from now on."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, dagdelen FROM plaatsing WHERE soort = 'groepsstage' AND status = 'lopend' "
            "ORDER BY id"
        )
    ).all()
    taken: dict[str, int] = {}
    for plaatsing_id, dagdelen in rows:
        if isinstance(dagdelen, str):  # SQLite hands JSON back as text here
            dagdelen = json.loads(dagdelen)
        for dagdeel in sorted(set(dagdelen or ())):
            taken[dagdeel] = taken.get(dagdeel, 0) + 1
            bind.execute(
                sa.text(
                    "INSERT INTO groepsstage_plek (dagdeel, plek, plaatsing_id) "
                    "VALUES (:d, :p, :id)"
                ),
                {"d": dagdeel, "p": taken[dagdeel], "id": plaatsing_id},
            )


def downgrade() -> None:
    op.drop_index("uq_uren_per_dag", table_name="vastlegging")
    op.drop_index("ix_groepsstage_plek_plaatsing_id", table_name="groepsstage_plek")
    op.drop_table("groepsstage_plek")
    with op.batch_alter_table("plaatsing") as batch_op:
        for column in WERKZAAMHEDEN:
            batch_op.drop_column(column)
