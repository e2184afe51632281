"""A company's places taken, kept on its row (issue #17, scale): `stagebedrijf.bezet`, the number
of its current (`vervallen IS NULL`) placements with status `lopend` — the count
`store.bedrijven.lopende_plaatsingen_bij` makes for one company.

The matching page and the register's list filter and sort on free places over thousands of
companies; counting every company's running placements for that grew with the register and the
school (docs/BENCHMARKS.md, #17). The column is kept by triggers on `plaatsing`, so it changes in
the same transaction as the placement, whichever code (or bulk SQL) writes it: an insert, a
status change in `advance()`, a correction's new version and the old one's `vervallen` mark, a
placement moved to another company, a delete. The upgrade fills it from the placements;
tests/integration/test_stagebedrijf_bezet.py holds it to the count.

Revision ID: 0030
Revises: 0028
"""

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0028"
branch_labels = None
depends_on = None

TELT = "{r}.status = 'lopend' AND {r}.vervallen IS NULL AND {r}.stagebedrijf_id IS NOT NULL"
BIJ = "UPDATE stagebedrijf SET bezet = bezet + 1 WHERE id = NEW.stagebedrijf_id"
AF = "UPDATE stagebedrijf SET bezet = bezet - 1 WHERE id = OLD.stagebedrijf_id"
VULLEN = f"""
UPDATE stagebedrijf SET bezet = (
    SELECT count(*) FROM plaatsing p WHERE p.stagebedrijf_id = stagebedrijf.id
    AND {TELT.format(r="p")}
)"""
SQLITE = [
    f"""CREATE TRIGGER plaatsing_bezet_insert AFTER INSERT ON plaatsing
    WHEN {TELT.format(r="NEW")} BEGIN {BIJ}; END""",
    f"""CREATE TRIGGER plaatsing_bezet_delete AFTER DELETE ON plaatsing
    WHEN {TELT.format(r="OLD")} BEGIN {AF}; END""",
    f"""CREATE TRIGGER plaatsing_bezet_af AFTER UPDATE OF status, vervallen, stagebedrijf_id
    ON plaatsing WHEN ({TELT.format(r="OLD")}) AND NOT ({TELT.format(r="NEW")}
    AND NEW.stagebedrijf_id = OLD.stagebedrijf_id) BEGIN {AF}; END""",
    f"""CREATE TRIGGER plaatsing_bezet_bij AFTER UPDATE OF status, vervallen, stagebedrijf_id
    ON plaatsing WHEN ({TELT.format(r="NEW")}) AND NOT ({TELT.format(r="OLD")}
    AND NEW.stagebedrijf_id = OLD.stagebedrijf_id) BEGIN {BIJ}; END""",
]
POSTGRES = [
    f"""CREATE FUNCTION plaatsing_bezet() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND {TELT.format(r="OLD")} THEN {AF}; END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND {TELT.format(r="NEW")} THEN {BIJ}; END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER plaatsing_bezet AFTER INSERT OR DELETE OR UPDATE OF status, vervallen,
    stagebedrijf_id ON plaatsing FOR EACH ROW EXECUTE FUNCTION plaatsing_bezet()""",
]


def upgrade() -> None:
    op.add_column(
        "stagebedrijf", sa.Column("bezet", sa.Integer(), nullable=False, server_default="0")
    )
    op.execute(VULLEN)
    postgres = op.get_bind().dialect.name == "postgresql"
    for opdracht in POSTGRES if postgres else SQLITE:
        op.execute(opdracht)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER plaatsing_bezet ON plaatsing")
        op.execute("DROP FUNCTION plaatsing_bezet()")
    else:
        for naam in ("insert", "delete", "af", "bij"):
            op.execute(f"DROP TRIGGER plaatsing_bezet_{naam}")
    op.drop_column("stagebedrijf", "bezet")
