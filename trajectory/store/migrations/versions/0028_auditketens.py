"""An audit chain per leerling (issue #20 section 4): `audit_keten`, one row per chain with its
count and head, taken FOR UPDATE by an append instead of one global lock for every step.

No event is touched: every event of before this migration stays the one chain it was, verified
from GENESIS as before, under the key `tot-0028` with its count, head and last id (where it ends).
Every new chain starts from that head, so each is tied to the whole past; anchors signed before
this migration still verify that chain (domain/anker.py).

The database lets a head only move one event forward and refuses to delete one, as it refuses
to change audit events. A downgrade drops the table: events appended after this migration are
in several chains, which the single-chain check of before does not read (it reports the first
of them), so downgrade only a database restored to before 0028.

Revision ID: 0028
Revises: 0027
"""

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

OUDE_KETEN = "tot-0028"  # trajectory.domain.auditketen.OUDE_KETEN, as it was at this migration
GENESIS = "0" * 64

VOORUIT_SQLITE = f"""
CREATE TRIGGER audit_keten_vooruit BEFORE UPDATE ON audit_keten
WHEN NOT (NEW.keten = OLD.keten AND NEW.aantal = OLD.aantal + 1 AND OLD.keten != '{OUDE_KETEN}')
BEGIN SELECT RAISE(ABORT, 'audit chain head is append-only: UPDATE on audit_keten refused'); END
"""
NIET_WEG_SQLITE = """
CREATE TRIGGER audit_keten_no_delete BEFORE DELETE ON audit_keten
BEGIN SELECT RAISE(ABORT, 'audit chain head is append-only: DELETE on audit_keten refused'); END
"""
VOORUIT_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION audit_keten_vooruit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.keten = OLD.keten AND NEW.aantal = OLD.aantal + 1
            AND OLD.keten <> '{OUDE_KETEN}' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit chain head is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END $$
"""


def upgrade() -> None:
    keten = op.create_table(
        "audit_keten",
        sa.Column("keten", sa.String(40), primary_key=True),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.Column("kop", sa.String(64), nullable=False),
        sa.Column("laatste_id", sa.Integer(), nullable=False),
    )
    bind = op.get_bind()
    aantal, laatste_id = bind.execute(
        sa.text("SELECT count(*), coalesce(max(id), 0) FROM audit_event")
    ).one()
    kop = bind.execute(
        sa.text("SELECT hash FROM audit_event WHERE id = :id"), {"id": laatste_id}
    ).scalar()
    op.bulk_insert(
        keten,
        [{"keten": OUDE_KETEN, "aantal": aantal, "kop": kop or GENESIS, "laatste_id": laatste_id}],
    )
    if bind.dialect.name == "sqlite":
        op.execute(VOORUIT_SQLITE)
        op.execute(NIET_WEG_SQLITE)
        return
    op.execute(VOORUIT_PG_FUNCTION)
    op.execute(
        "CREATE TRIGGER audit_keten_vooruit BEFORE UPDATE OR DELETE ON audit_keten "
        "FOR EACH ROW EXECUTE FUNCTION audit_keten_vooruit()"
    )
    op.execute(
        "CREATE TRIGGER audit_keten_no_truncate BEFORE TRUNCATE ON audit_keten "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()"
    )


def downgrade() -> None:
    op.drop_table("audit_keten")  # its triggers go with it
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_keten_vooruit()")
