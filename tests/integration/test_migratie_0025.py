"""Migration 0025 (signatures as events, issue #18): on a database the previous version's
demo built, every ticked `getekend_*` box of a placement's current contract becomes a
signature marked `overgenomen` (no PDF hash) on the current version, so every running
placement keeps a complete contract even without its boxes; down and up again loses nothing."""

from __future__ import annotations

from dataclasses import replace

from alembic import command
from sqlalchemy import select, update

from tests.integration.migraties import naar as _naar
from trajectory.demo import build_demo_school
from trajectory.domain.overeenkomst_handtekeningen import VINKJES, ontbrekende_partijen
from trajectory.store import tables as t
from trajectory.usecases.laden import snapshot_van

VORIGE = "0025-1"


def _als_de_vorige_demo(engine) -> None:
    """The previous version's demo ticked the boxes of every contract (this one signs the
    running placements' contracts digitally, and those rows went with the downgrade)."""
    vastlegging = t.Vastlegging.__table__
    with engine.begin() as conn:
        rijen = conn.execute(
            select(vastlegging.c.id, vastlegging.c.data).where(
                vastlegging.c.kind == "stage_overeenkomst"
            )
        ).all()
        for rid, data in rijen:
            vinkjes = {vinkje: True for vinkje in VINKJES.values()}
            conn.execute(
                update(vastlegging).where(vastlegging.c.id == rid).values(data={**data, **vinkjes})
            )


def _zonder_vinkjes(snapshot):
    records = tuple(
        r._replace(data={k: v for k, v in r.data.items() if k not in VINKJES.values()})
        if r.kind == "stage_overeenkomst"
        else r
        for r in snapshot.records
    )
    return replace(snapshot, records=records)


def _lopende_met_contract(session) -> list[tuple[t.Leerling, int]]:
    rijen = session.execute(
        select(t.Leerling, t.Plaatsing.id)
        .join(t.Plaatsing, t.Plaatsing.leerling_id == t.Leerling.id)
        .join(t.Vastlegging, t.Vastlegging.plaatsing_id == t.Plaatsing.id)
        .where(
            t.Plaatsing.status == "lopend",
            t.HUIDIGE_PLAATSING,
            t.Vastlegging.kind == "stage_overeenkomst",
            t.HUIDIG_RECORD,
        )
        .distinct()
    ).all()
    return [(leerling, pid) for leerling, pid in rijen]


def test_afgevinkte_handtekeningen_worden_overgenomen_handtekeningen(sessions, engine):
    build_demo_school(sessions, leerlingen=24, seed=7)
    _naar(engine, VORIGE, command.downgrade)
    _als_de_vorige_demo(engine)
    _naar(engine, "head", command.upgrade)

    with sessions() as session:
        lopend = _lopende_met_contract(session)
        assert lopend, "the demo has running placements with a contract"
        for leerling, pid in lopend:
            snapshot = _zonder_vinkjes(snapshot_van(session, leerling, bezetting=False))
            plaatsing = next(p for p in snapshot.plaatsingen if p.id == pid)
            assert ontbrekende_partijen(snapshot, plaatsing) == [], (leerling.id, pid)
        rijen = session.scalars(select(t.OvereenkomstHandtekening)).all()
    assert rijen
    assert {(h.wijze, h.pdf_sha256, h.document_id) for h in rijen} == {("overgenomen", None, None)}
    assert all(h.naam.startswith("(overgenomen") for h in rijen)


def test_terug_en_opnieuw_geeft_dezelfde_overgenomen_handtekeningen(sessions, engine):
    build_demo_school(sessions, leerlingen=8, seed=3)
    _naar(engine, VORIGE, command.downgrade)
    _als_de_vorige_demo(engine)
    _naar(engine, "head", command.upgrade)
    with sessions() as session:
        eerst = session.execute(
            select(t.OvereenkomstHandtekening.contract_id, t.OvereenkomstHandtekening.partij)
        ).all()
    _naar(engine, VORIGE, command.downgrade)
    _naar(engine, "head", command.upgrade)
    with sessions() as session:
        daarna = session.execute(
            select(t.OvereenkomstHandtekening.contract_id, t.OvereenkomstHandtekening.partij)
        ).all()
    assert sorted(eerst) == sorted(daarna)
    assert eerst
