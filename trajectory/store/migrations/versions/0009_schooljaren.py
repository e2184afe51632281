"""School years: the groepsstage waiting list (one row per leerling per dagdeel).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "groepsstage_wachtlijst",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dagdeel", sa.String(length=12), nullable=False),
        sa.Column("leerling_id", sa.Integer(), sa.ForeignKey("leerling.id"), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("aangeboden", sa.DateTime(timezone=True), nullable=True),
        sa.Column("vasthouden_tot", sa.Date(), nullable=True),
        sa.UniqueConstraint("dagdeel", "leerling_id", name="uq_wachtlijst_dagdeel_leerling"),
    )
    op.create_index("ix_wachtlijst_dagdeel_status", "groepsstage_wachtlijst", ["dagdeel", "status"])


def downgrade() -> None:
    op.drop_index("ix_wachtlijst_dagdeel_status", table_name="groepsstage_wachtlijst")
    op.drop_table("groepsstage_wachtlijst")
