"""Dagbestedingsstages (beleidsplan 3.4; issue #15 item 11) on both databases: the placement
type, the guard on `stage_starten`, and migration 0015 carrying existing placements over."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import select, text

from tests.integration.builders import breng_naar, versie
from tests.integration.migraties import naar as _naar
from trajectory.store import tables as t
from trajectory.usecases import engine, vastleggen

DAGBESTEDING = {
    "bedrijf": "Zorgboerderij De Hoeve",
    "sector": "04",
    "startdatum": "2025-03-10",
    "dagbesteding": True,
    "afstand_km": 4.0,
}


def _leerling(sessions, clock, staff, ondersteuning: bool) -> int:  # noqa: ANN001
    nieuw = vastleggen.NieuweLeerling(
        naam="Noor Jansen",
        geboortedatum=date(2010, 4, 2),
        leerjaar="2",
        klas="2A",
        stagebegeleider_id=staff.stagebegeleider.id,
        stage_ondersteuning=ondersteuning,
    )
    lid = vastleggen.create_leerling(sessions, nieuw, actor=staff.teamleider, clock=clock)
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    return lid


def _falend_bij_start(sessions, clock, staff, lid: int) -> set[str]:  # noqa: ANN001
    result = engine.advance(
        sessions, lid, "stage_starten", actor=staff.stagebegeleider,
        version=versie(sessions, lid), clock=clock,
    )  # fmt: skip
    assert isinstance(result, engine.Geweigerd)  # no contract or rooster yet
    return {v.guard for v in result.failing}


def test_een_dagbestedingsstage_is_er_voor_een_leerling_met_stage_ondersteuning(
    sessions, clock, staff
):
    zonder = _leerling(sessions, clock, staff, ondersteuning=False)
    met = _leerling(sessions, clock, staff, ondersteuning=True)
    for lid in (zonder, met):
        vastleggen.add_plaatsing(sessions, lid, DAGBESTEDING, actor=staff.stagebegeleider,
                                 clock=clock)  # fmt: skip

    assert "dagbesteding_met_ondersteuning" in _falend_bij_start(sessions, clock, staff, zonder)
    assert "dagbesteding_met_ondersteuning" not in _falend_bij_start(sessions, clock, staff, met)
    with sessions() as session:
        rijen = session.scalars(
            select(t.Plaatsing.dagbesteding).where(t.Plaatsing.leerling_id == met)
        )
        assert list(rijen) == [True]


def test_migratie_0015_neemt_bestaande_stageplaatsen_mee_als_geen_dagbesteding(
    engine, sessions, clock, staff
):
    lid = _leerling(sessions, clock, staff, ondersteuning=False)
    gewone = {**DAGBESTEDING, "bedrijf": "Bakkerij Bol", "dagbesteding": False}
    plaatsing_id = vastleggen.add_plaatsing(sessions, lid, gewone, actor=staff.stagebegeleider,
                                            clock=clock)  # fmt: skip
    _naar(engine, "0012", command.downgrade)
    with engine.begin() as connection:  # a placement written by the previous version
        connection.execute(
            text(
                "INSERT INTO plaatsing (leerling_id, soort, status, bedrijf, sector, startdatum, "
                "dagdelen, erkend_leerbedrijf, risicovol, deskundig_toezicht, kassawerk, "
                "tillen_10kg, duwen_trekken_20kg, psa, zondag_door_aard, perioden_afgerond) "
                "VALUES (:lid, 'gepland', 'gepland', 'Oud Bedrijf', '03', '2025-04-01', '[]', "
                "false, false, false, false, false, false, false, false, 0)"
            ),
            {"lid": lid},
        )
    _naar(engine, "head", command.upgrade)

    with sessions() as session:
        rijen = session.execute(
            select(t.Plaatsing.bedrijf, t.Plaatsing.dagbesteding)
            .where(t.Plaatsing.leerling_id == lid)
            .order_by(t.Plaatsing.id)
        ).all()
        assert [tuple(r) for r in rijen] == [("Bakkerij Bol", False), ("Oud Bedrijf", False)]
        assert session.get(t.Plaatsing, plaatsing_id).sector == "04"
