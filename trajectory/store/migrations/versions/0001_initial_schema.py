"""initial schema

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tijd", sa.String(length=32), nullable=False),
        sa.Column("leerling_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_rol", sa.String(length=40), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("trigger", sa.String(length=40), nullable=True),
        sa.Column("van", sa.String(length=40), nullable=True),
        sa.Column("naar", sa.String(length=40), nullable=True),
        sa.Column("guards", sa.JSON(), nullable=False),
        sa.Column("override", sa.Boolean(), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("hash"),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_event_leerling_id"), ["leerling_id"], unique=False
        )

    op.create_table(
        "gebruiker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("rol", sa.String(length=40), nullable=False),
        sa.Column("klas", sa.String(length=20), nullable=True),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.Column("wachtwoord_hash", sa.String(length=200), nullable=True),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "audit_payload",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["audit_event.id"],
        ),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_table(
        "leerling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("geboortedatum", sa.Date(), nullable=False),
        sa.Column("leerjaar", sa.String(length=10), nullable=False),
        sa.Column("klas", sa.String(length=20), nullable=True),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("trajectory_version", sa.String(length=20), nullable=False),
        sa.Column("stagebegeleider_id", sa.Integer(), nullable=True),
        sa.Column("stage_ondersteuning", sa.Boolean(), nullable=False),
        sa.Column("definitieve_sector", sa.String(length=2), nullable=True),
        sa.Column("vertrekdatum", sa.Date(), nullable=True),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["stagebegeleider_id"],
            ["gebruiker.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("leerling", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_leerling_klas"), ["klas"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_leerling_stagebegeleider_id"), ["stagebegeleider_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_leerling_state"), ["state"], unique=False)

    op.create_table(
        "plaatsing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leerling_id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("bedrijf", sa.String(length=200), nullable=False),
        sa.Column("sector", sa.String(length=2), nullable=True),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("dagdelen", sa.JSON(), nullable=False),
        sa.Column("erkend_leerbedrijf", sa.Boolean(), nullable=False),
        sa.Column("afstand_km", sa.Float(), nullable=True),
        sa.Column("risicovol", sa.Boolean(), nullable=False),
        sa.Column("deskundig_toezicht", sa.Boolean(), nullable=False),
        sa.Column("perioden_afgerond", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["leerling_id"],
            ["leerling.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plaatsing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plaatsing_leerling_id"), ["leerling_id"], unique=False)
        batch_op.create_index("ix_plaatsing_soort_status", ["soort", "status"], unique=False)

    op.create_table(
        "vastlegging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("leerling_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("plaatsing_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("door_id", sa.Integer(), nullable=True),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["door_id"],
            ["gebruiker.id"],
        ),
        sa.ForeignKeyConstraint(
            ["leerling_id"],
            ["leerling.id"],
        ),
        sa.ForeignKeyConstraint(
            ["plaatsing_id"],
            ["plaatsing.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("vastlegging", schema=None) as batch_op:
        batch_op.create_index("ix_vastlegging_leerling_kind", ["leerling_id", "kind"], unique=False)

    _make_audit_append_only()


APPEND_ONLY_SQLITE = """
CREATE TRIGGER {table}_no_{action} BEFORE {action} ON {table}
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: {action} on {table} refused'); END
"""
APPEND_ONLY_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END $$
"""


def _make_audit_append_only() -> None:
    """The database itself refuses to change or remove audit events."""
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(APPEND_ONLY_SQLITE.format(table="audit_event", action=action))
        return
    op.execute(APPEND_ONLY_PG_FUNCTION)
    op.execute(
        "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION audit_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()"
    )


def downgrade() -> None:
    with op.batch_alter_table("vastlegging", schema=None) as batch_op:
        batch_op.drop_index("ix_vastlegging_leerling_kind")

    op.drop_table("vastlegging")
    with op.batch_alter_table("plaatsing", schema=None) as batch_op:
        batch_op.drop_index("ix_plaatsing_soort_status")
        batch_op.drop_index(batch_op.f("ix_plaatsing_leerling_id"))

    op.drop_table("plaatsing")
    with op.batch_alter_table("leerling", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leerling_state"))
        batch_op.drop_index(batch_op.f("ix_leerling_stagebegeleider_id"))
        batch_op.drop_index(batch_op.f("ix_leerling_klas"))

    op.drop_table("leerling")
    op.drop_table("audit_payload")
    op.drop_table("gebruiker")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_leerling_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_actor_id"))

    op.drop_table("audit_event")
