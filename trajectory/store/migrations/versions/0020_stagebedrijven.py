"""The register of stagebedrijven and praktijkbegeleiders (issue #17); every placement names
its company.

Today's free-text `plaatsing.bedrijf` values become companies: names that differ only in case,
accents' form or spacing are one company (`domain.bedrijven.samenvoegen`, the same function
`trajectory bedrijven omzetten --dry-run` shows as a preview, so the preview is what happens).
Every placement, also a corrected or voided one, gets its company's id — but a groepsstage,
which runs at the school, has none; its `bedrijf` text stays as the name it had. A company
whose placements had the `erkend_leerbedrijf` box ticked gets an SBB erkenning for those
placements' sectors, without a valid-until date (no one recorded it): the Entree guard asks
for that date before the next Entree placement there starts. The box's column stays as
history; nothing reads it any more. No praktijkbegeleider is invented.

Revision ID: 0020
Revises: 0015
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from trajectory.domain.bedrijven import ZONDER_BEDRIJF, naam_sleutel, samenvoegen

revision = "0020"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stagebedrijf",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("naam_sleutel", sa.String(200), nullable=False, unique=True),
        sa.Column("kvk", sa.String(8), nullable=False, server_default=""),
        sa.Column("adres", sa.String(200), nullable=False, server_default=""),
        sa.Column("postcode", sa.String(7), nullable=False, server_default=""),
        sa.Column("plaats", sa.String(200), nullable=False, server_default=""),
        sa.Column("sectoren", sa.JSON(), nullable=False),
        sa.Column("telefoon", sa.String(20), nullable=False, server_default=""),
        sa.Column("email", sa.String(254), nullable=False, server_default=""),
        sa.Column("website", sa.String(200), nullable=False, server_default=""),
        sa.Column("notities", sa.Text(), nullable=False, server_default=""),
        sa.Column("erkenning_nummer", sa.String(200), nullable=False, server_default=""),
        sa.Column("erkenning_sectoren", sa.JSON(), nullable=False),
        sa.Column("erkenning_geldig_tot", sa.Date()),
        sa.Column("erkenning_gecontroleerd_op", sa.Date()),
        sa.Column("erkenning_gecontroleerd_door_id", sa.Integer(), sa.ForeignKey("gebruiker.id")),
        sa.Column("samenwerkingsovereenkomst", sa.Date()),
        sa.Column("capaciteit", sa.Integer()),
        sa.Column("breedtegraad", sa.Float()),
        sa.Column("lengtegraad", sa.Float()),
        sa.Column("status", sa.String(20), nullable=False, server_default="actief"),
        sa.Column("status_reden", sa.Text(), nullable=False, server_default=""),
        sa.Column("status_door_id", sa.Integer(), sa.ForeignKey("gebruiker.id")),
        sa.Column("status_sinds", sa.DateTime(timezone=True)),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_stagebedrijf_status", "stagebedrijf", ["status"])
    op.create_table(
        "praktijkbegeleider",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "stagebedrijf_id", sa.Integer(), sa.ForeignKey("stagebedrijf.id"), nullable=False
        ),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("functie", sa.String(200), nullable=False, server_default=""),
        sa.Column("telefoon", sa.String(20), nullable=False, server_default=""),
        sa.Column("email", sa.String(254), nullable=False, server_default=""),
        sa.Column("opgeleid", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("actief", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_praktijkbegeleider_stagebedrijf_id", "praktijkbegeleider", ["stagebedrijf_id"]
    )
    # plain ALTER TABLE … ADD COLUMN, as 0012, 0015 and 0017 do (a batch copy of `plaatsing`
    # would trip the foreign keys that point at it, and SQLite cannot add a constraint to a
    # table): plain integers, as `vervangt_id` is; the use cases name only rows that exist
    op.add_column("plaatsing", sa.Column("stagebedrijf_id", sa.Integer()))
    op.add_column("plaatsing", sa.Column("praktijkbegeleider_id", sa.Integer()))
    op.create_index("ix_plaatsing_stagebedrijf_id", "plaatsing", ["stagebedrijf_id"])
    _bedrijven_uit_plaatsingen()


def _bedrijven_uit_plaatsingen() -> None:
    conn = op.get_bind()
    rijen = conn.execute(
        sa.text(
            "SELECT id, bedrijf, sector, erkend_leerbedrijf FROM plaatsing WHERE soort <> :school"
        ),
        {"school": ZONDER_BEDRIJF},
    ).all()
    bedrijf = sa.table(
        "stagebedrijf",
        sa.column("id", sa.Integer()),
        sa.column("naam", sa.String()),
        sa.column("naam_sleutel", sa.String()),
        sa.column("sectoren", sa.JSON()),
        sa.column("erkenning_sectoren", sa.JSON()),
        sa.column("status", sa.String()),
        sa.column("version", sa.Integer()),
        sa.column("aangemaakt", sa.DateTime(timezone=True)),
    )
    nu = datetime.now(UTC)
    ids: dict[str, int] = {}
    per_sleutel: dict[str, list[sa.Row[tuple[int, str, str | None, bool]]]] = {}
    for r in rijen:
        per_sleutel.setdefault(naam_sleutel(r.bedrijf), []).append(r)
    for samen in samenvoegen(r.bedrijf for r in rijen):
        van_hier = per_sleutel[samen.sleutel]
        sectoren = sorted({r.sector for r in van_hier if r.sector})
        erkend = sorted({r.sector for r in van_hier if r.sector and r.erkend_leerbedrijf})
        ids[samen.sleutel] = conn.execute(
            sa.insert(bedrijf)
            .values(
                naam=samen.naam,
                naam_sleutel=samen.sleutel,
                sectoren=sectoren,
                erkenning_sectoren=erkend,
                status="actief",
                version=1,
                aangemaakt=nu,
            )
            .returning(bedrijf.c.id)
        ).scalar_one()
    koppelingen = [
        {"b": ids[naam_sleutel(r.bedrijf)], "p": r.id}
        for r in rijen
        if naam_sleutel(r.bedrijf) in ids
    ]
    if koppelingen:  # one executemany, not a statement per placement
        conn.execute(
            sa.text("UPDATE plaatsing SET stagebedrijf_id = :b WHERE id = :p"), koppelingen
        )


def downgrade() -> None:
    op.drop_index("ix_plaatsing_stagebedrijf_id", table_name="plaatsing")
    op.drop_column("plaatsing", "praktijkbegeleider_id")
    op.drop_column("plaatsing", "stagebedrijf_id")
    op.drop_index("ix_praktijkbegeleider_stagebedrijf_id", table_name="praktijkbegeleider")
    op.drop_table("praktijkbegeleider")
    op.drop_index("ix_stagebedrijf_status", table_name="stagebedrijf")
    op.drop_table("stagebedrijf")
