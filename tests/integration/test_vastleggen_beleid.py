"""The records the stagebeleidsplan names, stored on both databases, and the reminders they
satisfy (issue #15, "Records the seed names that have no kind yet")."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from tests.integration.builders import breng_naar, leg_vast, nieuwe_leerling
from trajectory.store import tables as t
from trajectory.usecases.geweigerd import Geweigerd

TWEE_DOELEN = "Op tijd komen\nVragen stellen"


def _gepland(sessions, lid: int, soort: str) -> list[date]:  # noqa: ANN001
    with sessions() as session:
        return list(
            session.scalars(
                select(t.Herinnering.verschuldigd).where(
                    t.Herinnering.leerling_id == lid,
                    t.Herinnering.soort == soort,
                    t.Herinnering.status == "gepland",
                )
            )
        )


def _in_groepsstage(sessions, clock, staff) -> int:  # noqa: ANN001
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, staff.teamleider, lid, "groepsstage")
    return lid


def test_een_reflectiegesprek_in_de_groepsstage_voldoet_aan_de_zeswekelijkse_herinnering(
    sessions, clock, staff
):
    clock.set(date(2025, 9, 1))
    lid = _in_groepsstage(sessions, clock, staff)
    assert _gepland(sessions, lid, "reflectiegesprek") == [date(2025, 10, 13)]

    clock.set(date(2025, 10, 8))
    leg_vast(sessions, clock, staff.stagebegeleider, lid, "reflectiegesprek",
             besproken="Op tijd komen gaat goed.", klaar_voor_individueel=False)  # fmt: skip

    assert _gepland(sessions, lid, "reflectiegesprek") == [date(2025, 10, 8) + timedelta(weeks=6)]


def test_een_stage_agenda_kan_alleen_op_een_lopende_stage(sessions, clock, staff):
    lid = nieuwe_leerling(sessions, clock, staff.teamleider)
    result = leg_vast(sessions, clock, staff.teamleider, lid, "stage_agenda", week_van="2025-03-03")
    assert isinstance(result, Geweigerd)
    assert result.redenen == ("'Stage-agenda afgetekend' past niet bij de fase 'Interne stage'.",)


def test_de_nieuwe_vastleggingen_worden_opgeslagen_met_hun_inhoud(sessions, clock, staff):
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    doelen = leg_vast(sessions, clock, staff.stagebegeleider, lid, "doelen", soort="leerdoelen",
                      doelen=TWEE_DOELEN, afgesproken_met_leerling=True)  # fmt: skip
    bezoek = leg_vast(sessions, clock, staff.stagebegeleider, lid, "bedrijfsbezoek",
                      bedrijf="Bakkerij Bol", sector="08")  # fmt: skip
    vragen = leg_vast(sessions, clock, staff.stagebegeleider, lid, "vragenlijst", besproken=True,
                      interesses="Koken", belemmeringen="Geen", voorkeuren="Dichtbij")  # fmt: skip
    with sessions() as session:
        data = {
            r.kind: r.data
            for r in session.scalars(
                select(t.Vastlegging).where(t.Vastlegging.id.in_([doelen, bezoek, vragen]))
            )
        }
    assert data["doelen"]["doelen"] == TWEE_DOELEN
    assert (data["bedrijfsbezoek"]["bedrijf"], data["bedrijfsbezoek"]["sector"]) == (
        "Bakkerij Bol",
        "08",
    )
    assert (data["vragenlijst"]["interesses"], data["vragenlijst"]["voorkeuren"]) == (
        "Koken",
        "Dichtbij",
    )
