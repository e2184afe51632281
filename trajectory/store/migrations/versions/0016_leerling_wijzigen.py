"""Editing a leerling (issue #16, part 1): the parent/guardian contacts, and since when the
leerling's stage-ondersteuning (and so the visit interval) is what it is now.

`verzorger` holds a leerling's ouders/verzorgers (name, relation, e-mail, phone), needed to
sign contracts later; a removed contact keeps its row with `vervallen` set. `leerling.nt2` says
whether Dutch is the leerling's second language (false for everyone so far). The leerling's
`ondersteuning_sinds` is the day stage-ondersteuning was last switched on or off: the visit
interval changes from then on (docs/TIMERS.md). Existing leerlingen have had theirs since they
were registered: NULL, which the planner reads as "from the start".

Revision ID: 0016
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("leerling", sa.Column("ondersteuning_sinds", sa.Date(), nullable=True))
    op.add_column(
        "leerling", sa.Column("nt2", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.create_table(
        "verzorger",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("leerling_id", sa.Integer(), sa.ForeignKey("leerling.id"), nullable=False),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("relatie", sa.String(40), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("telefoon", sa.String(40), nullable=True),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("vervallen", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_verzorger_leerling", "verzorger", ["leerling_id"])


def downgrade() -> None:
    op.drop_index("ix_verzorger_leerling", table_name="verzorger")
    op.drop_table("verzorger")
    op.drop_column("leerling", "nt2")
    op.drop_column("leerling", "ondersteuning_sinds")
