"""The stage-overeenkomst as a signed document (issue #18): signatures are events.

Three new tables: `overeenkomst_document` (each signed version's PDF and its SHA-256),
`overeenkomst_handtekening` (one row per signature: party, name, how, when, which version,
the hash of the PDF signed) and `overeenkomst_scan` (scanned paper contracts, in the database
so backups hold them).

Carried over: every ticked `getekend_*` box of a placement's current contract record becomes
a signature of wijze `overgenomen` (no PDF hash, clearly marked as taken over) on the current
version (that record and the placement's current rooster), so a running placement keeps its
complete contract. A box the guard no longer honoured (the rooster was changed on a later
day than the contract was recorded) is not carried over. Downgrade drops the tables; the
boxes were never removed from the records, so nothing is lost either way.

Revision ID: 0025
Revises: 0023
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

PARTIJEN = ("school", "leerling", "bedrijf", "ouder")
OVERGENOMEN = "(overgenomen: afgevinkt op het contract)"

vastlegging = sa.table(
    "vastlegging",
    sa.column("id", sa.Integer),
    sa.column("leerling_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("datum", sa.Date),
    sa.column("plaatsing_id", sa.Integer),
    sa.column("data", sa.JSON),
    sa.column("door_id", sa.Integer),
    sa.column("aangemaakt", sa.DateTime(timezone=True)),
    sa.column("vervallen", sa.DateTime(timezone=True)),
)


def _tabellen() -> None:
    op.create_table(
        "overeenkomst_document",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("leerling_id", sa.Integer(), sa.ForeignKey("leerling.id"), nullable=False),
        sa.Column("plaatsing_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("rooster_id", sa.Integer(), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("gemaakt_op", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_overeenkomst_document_plaatsing",
        "overeenkomst_document",
        ["plaatsing_id", "contract_id"],
    )
    op.create_table(
        "overeenkomst_scan",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("leerling_id", sa.Integer(), sa.ForeignKey("leerling.id"), nullable=False),
        sa.Column("plaatsing_id", sa.Integer(), nullable=False),
        sa.Column("mime", sa.String(40), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("grootte", sa.Integer(), nullable=False),
        sa.Column("door_id", sa.Integer(), sa.ForeignKey("gebruiker.id"), nullable=True),
        sa.Column("geupload_op", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_overeenkomst_scan_leerling", "overeenkomst_scan", ["leerling_id"])
    op.create_table(
        "overeenkomst_handtekening",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("leerling_id", sa.Integer(), sa.ForeignKey("leerling.id"), nullable=False),
        sa.Column("plaatsing_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("rooster_id", sa.Integer(), nullable=True),
        sa.Column("partij", sa.String(20), nullable=False),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("wijze", sa.String(20), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("scan_id", sa.Integer(), nullable=True),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.Column("door_id", sa.Integer(), nullable=True),
        sa.Column("getekend_op", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_overeenkomst_handtekening_leerling", "overeenkomst_handtekening", ["leerling_id"]
    )


def _huidige(conn: sa.Connection, kind: str) -> dict[int, sa.Row]:
    """Per placement the current record of a kind (latest by date, then by recording)."""
    rijen = conn.execute(
        sa.select(vastlegging)
        .where(
            vastlegging.c.kind == kind,
            vastlegging.c.vervallen.is_(None),
            vastlegging.c.plaatsing_id.is_not(None),
        )
        .order_by(vastlegging.c.datum, vastlegging.c.id)
    ).all()
    return {rij.plaatsing_id: rij for rij in rijen}


def _overnemen(conn: sa.Connection) -> None:
    roosters = _huidige(conn, "rooster")
    handtekening = sa.table(
        "overeenkomst_handtekening",
        *(
            sa.column(c)
            for c in (
                "leerling_id",
                "plaatsing_id",
                "contract_id",
                "rooster_id",
                "partij",
                "naam",
                "wijze",
                "door_id",
                "getekend_op",
            )
        ),
    )
    for pid, contract in _huidige(conn, "stage_overeenkomst").items():
        rooster = roosters.get(pid)
        if rooster is not None and rooster.datum > contract.datum:
            continue  # the rooster changed after it: the boxes no longer held
        data = contract.data or {}
        for partij in PARTIJEN:
            if data.get(f"getekend_{partij}"):
                conn.execute(
                    handtekening.insert().values(
                        leerling_id=contract.leerling_id,
                        plaatsing_id=pid,
                        contract_id=contract.id,
                        rooster_id=rooster.id if rooster is not None else None,
                        partij=partij,
                        naam=OVERGENOMEN,
                        wijze="overgenomen",
                        door_id=contract.door_id,
                        getekend_op=contract.aangemaakt or datetime.now(UTC),
                    )
                )


def upgrade() -> None:
    _tabellen()
    _overnemen(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_overeenkomst_handtekening_leerling", table_name="overeenkomst_handtekening")
    op.drop_table("overeenkomst_handtekening")
    op.drop_index("ix_overeenkomst_scan_leerling", table_name="overeenkomst_scan")
    op.drop_table("overeenkomst_scan")
    op.drop_index("ix_overeenkomst_document_plaatsing", table_name="overeenkomst_document")
    op.drop_table("overeenkomst_document")
