"""Two-step login (TOTP) and throttled failed attempts.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("gebruiker", sa.Column("totp_secret", sa.String(length=64), nullable=True))
    op.add_column("gebruiker", sa.Column("totp_laatste_stap", sa.BigInteger(), nullable=True))
    # sessions from before this migration were full logins
    op.add_column(
        "sessie",
        sa.Column("volledig", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    op.add_column("sessie", sa.Column("totp_nieuw", sa.String(length=64), nullable=True))
    op.create_table(
        "mislukte_poging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sleutel", sa.String(length=80), nullable=False),
        sa.Column("tijd", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mislukte_poging_sleutel_tijd", "mislukte_poging", ["sleutel", "tijd"])


def downgrade() -> None:
    op.drop_index("ix_mislukte_poging_sleutel_tijd", table_name="mislukte_poging")
    op.drop_table("mislukte_poging")
    with op.batch_alter_table("sessie") as batch:
        batch.drop_column("totp_nieuw")
        batch.drop_column("volledig")
    with op.batch_alter_table("gebruiker") as batch:
        batch.drop_column("totp_laatste_stap")
        batch.drop_column("totp_secret")
