"""Reminders (herinnering), the notification preference and the calendar-feed token.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "herinnering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leerling_id", sa.Integer(), sa.ForeignKey("leerling.id"), nullable=False),
        sa.Column("soort", sa.String(length=40), nullable=False),
        sa.Column("verschuldigd", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("geclaimd", sa.DateTime(timezone=True), nullable=True),
        sa.Column("gevuurd", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("leerling_id", "soort", "verschuldigd", name="uq_herinnering_sleutel"),
    )
    op.create_index("ix_herinnering_due", "herinnering", ["status", "verschuldigd"])
    with op.batch_alter_table("gebruiker") as batch:
        batch.add_column(
            sa.Column(
                "meldingen_voorkeur",
                sa.String(length=10),
                nullable=False,
                server_default="direct",
            )
        )
        batch.add_column(sa.Column("agenda_token_hash", sa.String(length=64), nullable=True))
        batch.create_unique_constraint("uq_gebruiker_agenda_token_hash", ["agenda_token_hash"])


def downgrade() -> None:
    with op.batch_alter_table("gebruiker") as batch:
        batch.drop_constraint("uq_gebruiker_agenda_token_hash", type_="unique")
        batch.drop_column("agenda_token_hash")
        batch.drop_column("meldingen_voorkeur")
    op.drop_index("ix_herinnering_due", table_name="herinnering")
    op.drop_table("herinnering")
