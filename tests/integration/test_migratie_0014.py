"""Migration 0014: the placements stored before it keep loading, with "no" for the new
werkzaamheden and no toezichthouder, and the new fields are stored after it."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import select

from tests.integration.builders import breng_naar, nieuwe_leerling
from tests.integration.migraties import naar as _naar
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import vastleggen


def _plaatsing(sessions, clock, staff, **velden) -> int:
    lid = nieuwe_leerling(sessions, clock, staff.teamleider, geboortedatum=date(2008, 6, 1))
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    return vastleggen.add_plaatsing(
        sessions,
        lid,
        {"bedrijf": "Kwekerij Groen", "sector": "04", "startdatum": "2025-03-10", **velden},
        actor=staff.teamleider,
        clock=clock,
    )


def _plaatsing_rij(pid):
    return (
        select(*repo.PLAATSING_KOLOMMEN).select_from(repo.MET_BEDRIJF).where(t.Plaatsing.id == pid)
    )


def test_een_plaatsing_van_voor_migratie_0014_laadt_met_nee_en_zonder_toezichthouder(
    engine, sessions, clock, staff
):
    pid = _plaatsing(sessions, clock, staff, risicovol=True, deskundig_toezicht=True)
    _naar(engine, "0012", command.downgrade)
    _naar(engine, "head", command.upgrade)

    with sessions() as session:
        row = session.execute(_plaatsing_rij(pid)).one()
    plaatsing = repo.to_plaatsing(row)
    assert (plaatsing.risicovol, plaatsing.deskundig_toezicht) == (True, True)
    assert plaatsing.toezichthouder is None
    assert not any(
        (
            plaatsing.gedwongen_houding,
            plaatsing.gewasbeschermingsmiddelen,
            plaatsing.toezichthouder_18_plus,
            plaatsing.toezichthouder_direct_beschikbaar,
        )
    )


def test_de_nieuwe_velden_van_een_plaatsing_worden_opgeslagen(sessions, clock, staff):
    pid = _plaatsing(
        sessions,
        clock,
        staff,
        gedwongen_houding=True,
        gewasbeschermingsmiddelen=True,
        toezichthouder="Jan Bakker",
        toezichthouder_18_plus=True,
        toezichthouder_direct_beschikbaar=True,
    )

    with sessions() as session:
        plaatsing = repo.to_plaatsing(session.execute(_plaatsing_rij(pid)).one())
    assert plaatsing.toezichthouder == "Jan Bakker"
    assert plaatsing.gedwongen_houding
    assert plaatsing.gewasbeschermingsmiddelen
    assert plaatsing.toezichthouder_18_plus
    assert plaatsing.toezichthouder_direct_beschikbaar
