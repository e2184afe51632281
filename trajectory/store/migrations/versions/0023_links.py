"""Personal links for people without an account (issue #18): `link`, `link_intrekking`,
`link_sessie`, and the outbox's mail to an address outside the school.

New tables only, so existing rows carry over unchanged. The outbox (`melding`) gets an
external recipient: `ontvanger_id` becomes optional, `ontvanger_email` names the address then,
and `geheim_versleuteld` holds a link's token encrypted until its mail is sent. Every existing
notification keeps its account and gets NULL in both new columns.

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plaatsing_id", sa.Integer(), sa.ForeignKey("plaatsing.id"), nullable=False),
        sa.Column("leerling_id", sa.Integer(), sa.ForeignKey("leerling.id"), nullable=False),
        sa.Column("partij", sa.String(20), nullable=False),
        sa.Column("doel", sa.String(20), nullable=False),
        sa.Column("naam", sa.String(200)),
        sa.Column("email", sa.String(254)),
        sa.Column("praktijkbegeleider_id", sa.Integer()),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("aangemaakt_door_id", sa.Integer(), sa.ForeignKey("gebruiker.id")),
        sa.Column("verloopt_op", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_link_leerling_id", "link", ["leerling_id"])
    op.create_index("ix_link_plaatsing_partij_doel", "link", ["plaatsing_id", "partij", "doel"])
    op.create_table(
        "link_intrekking",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("link_id", sa.Integer(), sa.ForeignKey("link.id"), nullable=False, unique=True),
        sa.Column("tijd", sa.DateTime(timezone=True), nullable=False),
        sa.Column("door_id", sa.Integer(), sa.ForeignKey("gebruiker.id")),
        sa.Column("reden", sa.String(20), nullable=False),
        sa.Column("vervangen_door_id", sa.Integer()),
    )
    op.create_table(
        "link_sessie",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("link_id", sa.Integer(), sa.ForeignKey("link.id"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_link_sessie_link_id", "link_sessie", ["link_id"])
    with op.batch_alter_table("melding") as batch:
        batch.alter_column("ontvanger_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("ontvanger_email", sa.String(254)))
        batch.add_column(sa.Column("geheim_versleuteld", sa.String(300)))


def downgrade() -> None:
    op.execute("DELETE FROM melding WHERE ontvanger_id IS NULL")
    with op.batch_alter_table("melding") as batch:
        batch.drop_column("geheim_versleuteld")
        batch.drop_column("ontvanger_email")
        batch.alter_column("ontvanger_id", existing_type=sa.Integer(), nullable=False)
    op.drop_index("ix_link_sessie_link_id", table_name="link_sessie")
    op.drop_table("link_sessie")
    op.drop_table("link_intrekking")
    op.drop_index("ix_link_plaatsing_partij_doel", table_name="link")
    op.drop_index("ix_link_leerling_id", table_name="link")
    op.drop_table("link")
