"""A reminder can have an owner: `herinnering.eigenaar_id`, the one account it is for.

The logbook's follow-up (record kind `contact`, docs/TIMERS.md) belongs to whoever recorded the
contact; the other timers are addressed by role and keep NULL. The key stays one reminder per
leerling, kind and due date for the role-addressed timers, and becomes one per owner for the
owned ones (two partial unique indexes, on both databases).

Existing follow-up rows (one ownerless row per leerling and day) are split into one row per
owner named by the current contact records with a follow-up on that day; one that already fired
becomes `afgehandeld` (the previous version had no way to mark a follow-up done, so an upgrade
does not put old ones back on the owners' work lists).

Revision ID: 0019
Revises: 0018
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

ZONDER = "eigenaar_id IS NULL"
MET = "eigenaar_id IS NOT NULL"


def upgrade() -> None:
    with op.batch_alter_table("herinnering") as batch:
        batch.add_column(
            sa.Column(
                "eigenaar_id",
                sa.Integer(),
                sa.ForeignKey("gebruiker.id", name="fk_herinnering_eigenaar"),
                nullable=True,
            )
        )
        batch.drop_constraint("uq_herinnering_sleutel", type_="unique")
    _sleutels()
    _eigenaars_van_opvolgingen()


def _sleutels() -> None:
    op.create_index(
        "uq_herinnering_sleutel",
        "herinnering",
        ["leerling_id", "soort", "verschuldigd"],
        unique=True,
        sqlite_where=sa.text(ZONDER),
        postgresql_where=sa.text(ZONDER),
    )
    op.create_index(
        "uq_herinnering_eigenaar",
        "herinnering",
        ["leerling_id", "soort", "verschuldigd", "eigenaar_id"],
        unique=True,
        sqlite_where=sa.text(MET),
        postgresql_where=sa.text(MET),
    )


def _eigenaars_van_opvolgingen() -> None:
    verbinding = op.get_bind()
    rijen = verbinding.execute(
        sa.text(
            "SELECT id, leerling_id, verschuldigd, status, aangemaakt, geclaimd, gevuurd "
            "FROM herinnering WHERE soort = 'opvolging'"
        )
    ).all()
    for rij in rijen:
        dag = rij.verschuldigd
        dag = dag if isinstance(dag, str) else dag.isoformat()
        contacten = verbinding.execute(
            sa.text(
                "SELECT data FROM vastlegging WHERE leerling_id = :l AND kind = 'contact' "
                "AND vervallen IS NULL"
            ),
            {"l": rij.leerling_id},
        ).scalars()
        eigenaars = sorted(
            {
                int(d["eigenaar_id"])
                for d in map(_json, contacten)
                if d.get("opvolgen_op") == dag and d.get("eigenaar_id")
            }
        )
        if not eigenaars:
            continue  # its contact was voided: the next re-planning drops a pending one
        verbinding.execute(sa.text("DELETE FROM herinnering WHERE id = :id"), {"id": rij.id})
        for eigenaar in eigenaars:
            verbinding.execute(
                sa.text(
                    "INSERT INTO herinnering (leerling_id, soort, verschuldigd, status, "
                    "aangemaakt, geclaimd, gevuurd, eigenaar_id) "
                    "VALUES (:l, 'opvolging', :v, :s, :a, :c, :g, :e)"
                ),
                {
                    "l": rij.leerling_id,
                    "v": rij.verschuldigd,
                    # one that fired before there was a way to mark it done counts as handled,
                    # so an upgrade does not put old follow-ups back on the work lists
                    "s": "afgehandeld" if rij.status == "gevuurd" else rij.status,
                    "a": rij.aangemaakt,
                    "c": rij.geclaimd,
                    "g": rij.gevuurd,
                    "e": eigenaar,
                },
            )


def _json(data: object) -> dict:
    return data if isinstance(data, dict) else json.loads(str(data))


def downgrade() -> None:
    verbinding = op.get_bind()
    # one ownerless row per leerling, kind and day again: keep the lowest id of each
    verbinding.execute(
        sa.text(
            "DELETE FROM herinnering WHERE eigenaar_id IS NOT NULL AND id NOT IN ("
            "SELECT min(id) FROM herinnering WHERE eigenaar_id IS NOT NULL "
            "GROUP BY leerling_id, soort, verschuldigd)"
        )
    )
    verbinding.execute(
        sa.text("UPDATE herinnering SET status = 'gevuurd' WHERE status = 'afgehandeld'")
    )
    op.drop_index("uq_herinnering_eigenaar", table_name="herinnering")
    op.drop_index("uq_herinnering_sleutel", table_name="herinnering")
    with op.batch_alter_table("herinnering") as batch:
        batch.drop_column("eigenaar_id")
        batch.create_unique_constraint(
            "uq_herinnering_sleutel", ["leerling_id", "soort", "verschuldigd"]
        )
