"""The erased leavers' part in the uitstroom report: `uitstroom_telling` (cohort, category,
the outcomes after one and two years, how many), filled by the retention run before it erases.

Leerlingen erased before this version can no longer be counted as they were: their uitstroom
record and nazorg contacts are gone. Until now the report counted them, from their leaving date,
as category `onbekend` with unknown outcomes; they are carried over as exactly that, so the
report's figures stay what they were. Their real bestemming cannot be recovered.

Revision ID: 0018
Revises: 0020
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0020"
branch_labels = None
depends_on = None


def _cohort(vertrek: date) -> str:  # the school year from 1 August (domain.schooljaar)
    begin = vertrek.year if (vertrek.month, vertrek.day) >= (8, 1) else vertrek.year - 1
    return f"{begin}-{begin + 1}"


def _uitkomst(vertrek: date, jaren: int, vandaag: date) -> str:
    try:
        dag = vertrek.replace(year=vertrek.year + jaren)
    except ValueError:  # 29 February
        dag = vertrek.replace(year=vertrek.year + jaren, day=28)
    return "nog_niet" if dag > vandaag else "onbekend"


def upgrade() -> None:
    telling = op.create_table(
        "uitstroom_telling",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort", sa.String(9), nullable=False),
        sa.Column("categorie", sa.String(20), nullable=False),
        sa.Column("na_1_jaar", sa.String(20), nullable=False),
        sa.Column("na_2_jaar", sa.String(20), nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.UniqueConstraint(
            "cohort", "categorie", "na_1_jaar", "na_2_jaar", name="uq_uitstroom_telling_sleutel"
        ),
    )
    vandaag = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    tellingen: dict[tuple[str, str, str, str], int] = {}
    for (vertrek,) in op.get_bind().execute(
        sa.text(
            "SELECT vertrekdatum FROM leerling "
            "WHERE gewist IS NOT NULL AND vertrekdatum IS NOT NULL"
        )
    ):
        if isinstance(vertrek, str):  # SQLite hands back text
            vertrek = date.fromisoformat(vertrek)
        sleutel = (
            _cohort(vertrek),
            "onbekend",
            _uitkomst(vertrek, 1, vandaag),
            _uitkomst(vertrek, 2, vandaag),
        )
        tellingen[sleutel] = tellingen.get(sleutel, 0) + 1
    if tellingen:
        op.bulk_insert(
            telling,
            [
                {"cohort": c, "categorie": k, "na_1_jaar": u1, "na_2_jaar": u2, "aantal": n}
                for (c, k, u1, u2), n in tellingen.items()
            ],
        )


def downgrade() -> None:
    op.drop_table("uitstroom_telling")
