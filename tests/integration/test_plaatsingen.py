"""Placements: a contract goes with the placement being arranged; a start retires the rest."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from tests.integration.builders import breng_naar, leg_vast, nieuwe_leerling
from trajectory.domain.invoer import LAATSTE_DATUM
from trajectory.store import tables as t
from trajectory.usecases import engine, vastleggen

PLAATSING = {
    "bedrijf": "Bakkerij Koster",
    "sector": "08",
    "startdatum": "2025-03-17",
    "einddatum": "2025-06-27",
    "afstand_km": 4.0,
}
ROOSTER = {  # stage I in leerjaar 3: two days of 5 hours
    dag: {"start": "09:00", "eind": "14:30", "pauzes": [30]} for dag in ("dinsdag", "donderdag")
}
CONTRACT = {
    "leeractiviteiten": "Brood bakken en de winkel bijvullen",
    "aanvangsdatum": "2025-03-17",
    "einddatum": "2025-06-27",
    "tijden": "di en do 9:00-14:30",
    "begeleidingsregeling": "Praktijkbegeleider dagelijks, stagebegeleider om de 3 weken",
    "beoordeling_door_bedrijf": "Stagebeoordeling aan het eind",
    "inspectie_regeling": "Ja",
    "verzekering_ongevallen": "School",
    "verzekering_aansprakelijkheid": "School",
    "kosten_door": "School",
    "getekend_school": True,
    "getekend_leerling": True,
    "getekend_bedrijf": True,
    "getekend_ouder": True,
}


def _plaatsingen(sessions, leerling_id):
    with sessions() as session:
        rows = session.scalars(
            select(t.Plaatsing)
            .where(t.Plaatsing.leerling_id == leerling_id)
            .order_by(t.Plaatsing.id)
        )
        return [(p.bedrijf, p.status) for p in rows]


def test_een_contract_hoort_bij_de_stage_in_voorbereiding_ook_tijdens_de_groepsstage(
    sessions, clock, staff
):
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, staff.teamleider, sem, "groepsstage")
    nieuw = vastleggen.add_plaatsing(
        sessions, sem, PLAATSING, actor=staff.stagebegeleider, clock=clock
    )

    contract = leg_vast(
        sessions, clock, staff.stagebegeleider, sem, "stage_overeenkomst", **CONTRACT
    )

    with sessions() as session:
        assert session.get(t.Vastlegging, contract).plaatsing_id == nieuw


def test_wie_een_stage_start_laat_de_andere_geplande_stages_vervallen(sessions, clock, staff):
    sem = nieuwe_leerling(
        sessions,
        clock,
        staff.teamleider,
        leerjaar="3",
        klas="3A",
        geboortedatum=date(2010, 4, 2),
        stagebegeleider_id=staff.stagebegeleider.id,
    )
    versie = breng_naar(sessions, clock, staff.teamleider, sem, "stage_zoeken")
    eerste = vastleggen.add_plaatsing(
        sessions,
        sem,
        {**PLAATSING, "bedrijf": "Buurtsuper"},
        actor=staff.stagebegeleider,
        clock=clock,
    )
    tweede = vastleggen.add_plaatsing(
        sessions, sem, {**PLAATSING, "rooster": ROOSTER}, actor=staff.stagebegeleider, clock=clock
    )
    leg_vast(
        sessions,
        clock,
        staff.stagebegeleider,
        sem,
        "stage_overeenkomst",
        plaatsing_id=tweede,
        **CONTRACT,
    )

    result = engine.advance(
        sessions, sem, "stage_starten", actor=staff.stagebegeleider, version=versie, clock=clock
    )

    assert isinstance(result, engine.Overgegaan), result
    assert result.state == "individuele_stage"
    assert eerste < tweede
    assert ("Buurtsuper", "vervallen") in _plaatsingen(sessions, sem)
    assert ("Bakkerij Koster", "lopend") in _plaatsingen(sessions, sem)


def test_een_stage_die_op_de_laatste_toegestane_dag_begint_kan_starten_zonder_overloop(
    sessions, clock, staff
):
    """#14: startdatum 9999-12-31 made the reminder planning overflow; the date range ends
    at LAATSTE_DATUM, and a start there still plans its reminders."""
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    versie = breng_naar(sessions, clock, staff.teamleider, sem, "stage_zoeken")
    laatste = {**PLAATSING, "startdatum": LAATSTE_DATUM.isoformat(), "einddatum": None}
    with pytest.raises(ValidationError, match="controleer het jaar"):
        vastleggen.add_plaatsing(
            sessions,
            sem,
            {**laatste, "startdatum": "9999-12-31"},
            actor=staff.teamleider,
            clock=clock,
        )
    vastleggen.add_plaatsing(sessions, sem, laatste, actor=staff.teamleider, clock=clock)

    result = engine.advance(
        sessions,
        sem,
        "stage_starten",
        actor=staff.teamleider,
        version=versie,
        clock=clock,
        motivatie="Test van de uiterste datum.",
    )

    assert isinstance(result, engine.Overgegaan), result
