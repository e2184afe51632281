"""Builders for the overview pages' tests: leerlingen on a running stage, in Entree with hours,
uitgevallen. Through the real code (recording, engine.advance); only test set-up that the
trajectory has no step for (stage-ondersteuning, starting in Entree) is written directly."""

from __future__ import annotations

from datetime import date, timedelta

from tests.integration.builders import breng_naar, nieuwe_leerling
from trajectory.store import tables as t
from trajectory.usecases import engine, vastleggen


def maak(sessions, clock, staff, naam, *, klas="3A", begeleider=None, leerjaar="2"):
    return nieuwe_leerling(
        sessions, clock, staff.teamleider, naam=naam, klas=klas, leerjaar=leerjaar,
        stagebegeleider_id=(begeleider or staff.stagebegeleider).id,
    )  # fmt: skip


def advance(sessions, clock, actor, leerling_id, trigger, versie, **kwargs):
    result = engine.advance(
        sessions, leerling_id, trigger, actor=actor, version=versie, clock=clock, **kwargs
    )
    assert isinstance(result, engine.Overgegaan), result
    return result.version


def naar_uitgevallen(sessions, clock, staff, leerling_id):
    versie = breng_naar(sessions, clock, staff.teamleider, leerling_id, "groepsstage")
    advance(sessions, clock, staff.stagebegeleider, leerling_id, "uitvallen", versie,
            payload={"reden": "Weggestuurd na een conflict."})  # fmt: skip


def naar_groepsstage(sessions, clock, staff, leerling_id, dagdelen):
    """advies_groepsstage on the chosen dagdelen (takes a place on each)."""
    versie = breng_naar(sessions, clock, staff.teamleider, leerling_id, "stage_advies")
    advance(sessions, clock, staff.teamleider, leerling_id, "advies_groepsstage", versie,
            payload={"reden": "nt2", "dagdelen": list(dagdelen)},
            motivatie="Speciaal geval.")  # fmt: skip


def lopende_stage(
    sessions, clock, staff, leerling_id, *, ondersteuning=False, leerjaar=None,
    einddatum: date | None = None,
):  # fmt: skip
    """A running placement from today (individuele stage; Entree when leerjaar='entree')."""
    versie = breng_naar(sessions, clock, staff.teamleider, leerling_id, "stage_zoeken")
    with sessions.begin() as session:
        leerling = session.get(t.Leerling, leerling_id)
        leerling.stage_ondersteuning = ondersteuning
        leerling.leerjaar = leerjaar or leerling.leerjaar
    plaatsing = {
        "bedrijf": "Bakkerij De Korrel", "sector": "08",
        "startdatum": clock.now().date().isoformat(),
        "einddatum": einddatum.isoformat() if einddatum else None,
    }  # fmt: skip
    plaatsing_id = vastleggen.add_plaatsing(
        sessions, leerling_id, plaatsing, actor=staff.teamleider, clock=clock
    )
    advance(sessions, clock, staff.teamleider, leerling_id, "stage_starten", versie,
            motivatie="Speciaal geval.")  # fmt: skip
    return plaatsing_id


def uren(sessions, clock, staff, leerling_id, start: date, dagen: int, per_dag: float):
    """`per_dag` hours on each of `dagen` consecutive weekdays from `start`."""
    datums, dag = [], start
    while len(datums) < dagen:
        if dag.weekday() < 5:
            datums.append(dag)
        dag += timedelta(days=1)
    regels = [
        {"datum": d.isoformat(), "uren": per_dag, "toelichting": "presentielijst"} for d in datums
    ]
    vastleggen.add_uren(sessions, leerling_id, regels, actor=staff.teamleider, clock=clock)
