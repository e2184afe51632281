"""Login: sessions (hashed tokens, CSRF token) and per-user API tokens.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessie",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), sa.ForeignKey("gebruiker.id"), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("laatst_actief", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_sessie_gebruiker_id", "sessie", ["gebruiker_id"])
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), sa.ForeignKey("gebruiker.id"), nullable=False),
        sa.Column("naam", sa.String(length=100), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingetrokken", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_api_token_gebruiker_id", "api_token", ["gebruiker_id"])


def downgrade() -> None:
    op.drop_index("ix_api_token_gebruiker_id", table_name="api_token")
    op.drop_table("api_token")
    op.drop_index("ix_sessie_gebruiker_id", table_name="sessie")
    op.drop_table("sessie")
