"""Notifications: the inbox and the e-mail outbox.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "melding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leerling_id", sa.Integer(), sa.ForeignKey("leerling.id"), nullable=False),
        sa.Column("ontvanger_id", sa.Integer(), sa.ForeignKey("gebruiker.id"), nullable=False),
        sa.Column("soort", sa.String(length=40), nullable=False),
        sa.Column("verschuldigd", sa.String(length=32), nullable=False),
        sa.Column("onderwerp", sa.String(length=200), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gelezen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verzonden", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pogingen", sa.Integer(), nullable=False),
        sa.Column("volgende_poging", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "leerling_id", "soort", "ontvanger_id", "verschuldigd", name="uq_melding_sleutel"
        ),
    )
    op.create_index("ix_melding_inbox", "melding", ["ontvanger_id", "gelezen"])
    op.create_index("ix_melding_outbox", "melding", ["verzonden"])


def downgrade() -> None:
    op.drop_index("ix_melding_outbox", table_name="melding")
    op.drop_index("ix_melding_inbox", table_name="melding")
    op.drop_table("melding")
