"""Migration 0020 (the company register): the free-text companies of a database built by the
previous version become companies, merged by name whatever the case or spacing, without losing
a placement; the dry run shows exactly what the run makes."""

from __future__ import annotations

from alembic import command
from sqlalchemy import func, select, text

from tests.integration.migraties import naar as _naar
from trajectory.demo import build_demo_school
from trajectory.store import tables as t
from trajectory.usecases.bedrijfsomzetting import omzetting, zet_om

VORIGE = "0020-1"  # the revision before 0020, whatever it is called after merging


def _plaatsingen(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT id, leerling_id, bedrijf, soort, status FROM plaatsing ORDER BY id")
        ).all()


def _typ_anders(engine) -> None:
    """Make the previous version's data as typed by people: one company in three spellings,
    one of them ticked as erkend."""
    with engine.begin() as conn:
        ids = [
            r.id
            for r in conn.execute(
                text("SELECT id FROM plaatsing WHERE soort <> 'groepsstage' ORDER BY id LIMIT 3")
            )
        ]
        for pid, naam in zip(
            ids, ("Bakkerij de Korrel", "bakkerij  De Korrel ", "BAKKERIJ DE KORREL"), strict=True
        ):
            conn.execute(
                text("UPDATE plaatsing SET bedrijf = :n, sector = '08' WHERE id = :p"),
                {"n": naam, "p": pid},
            )
        conn.execute(
            text("UPDATE plaatsing SET erkend_leerbedrijf = :ja WHERE id = :p"),
            {"ja": True, "p": ids[0]},
        )


def test_de_proef_toont_wat_de_migratie_van_een_vorige_demo_maakt(sessions, engine):
    build_demo_school(sessions, leerlingen=16, seed=5)
    _naar(engine, VORIGE, command.downgrade)
    _typ_anders(engine)
    voor = _plaatsingen(engine)

    proef = omzetting(engine)
    _naar(engine, "head", command.upgrade)
    uitkomst = zet_om(sessions)

    assert [(s.naam, s.spellingen) for s in proef] == [(s.naam, s.spellingen) for s in uitkomst]
    assert _plaatsingen(engine) == voor  # no placement lost or changed
    korrel = next(s for s in uitkomst if s.sleutel == "bakkerij de korrel")
    assert korrel.plaatsingen == 3
    assert len(korrel.spellingen) == 3
    with sessions() as session:
        zonder = session.scalar(
            select(func.count())
            .select_from(t.Plaatsing)
            .where(t.Plaatsing.stagebedrijf_id.is_(None), t.Plaatsing.soort != "groepsstage")
        )
        groepsstage_met = session.scalar(
            select(func.count())
            .select_from(t.Plaatsing)
            .where(t.Plaatsing.stagebedrijf_id.is_not(None), t.Plaatsing.soort == "groepsstage")
        )
        bedrijf = session.scalar(
            select(t.Stagebedrijf).where(t.Stagebedrijf.naam_sleutel == "bakkerij de korrel")
        )
    assert zonder == 0
    assert groepsstage_met == 0
    assert bedrijf is not None
    assert bedrijf.erkenning_sectoren == ["08"]
    assert bedrijf.erkenning_geldig_tot is None  # nobody recorded it: the guard will ask
    assert bedrijf.status == "actief"


def test_de_migratie_terugdraaien_en_opnieuw_houdt_elke_plaatsing(sessions, engine):
    build_demo_school(sessions, leerlingen=8, seed=3)
    voor = _plaatsingen(engine)
    _naar(engine, VORIGE, command.downgrade)
    _naar(engine, "head", command.upgrade)
    assert _plaatsingen(engine) == voor
