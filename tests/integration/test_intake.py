"""Go-live intake (#16 part 3): a leerling entered at its current state with the minimum history
that state implies, audited as `intake` by the teamleider; the next step is then judged by the
guards like any other, and the timers run from the intake."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from tests.integration.builders import audit_events, leg_vast, versie
from trajectory.domain.intake import IntakeIn
from trajectory.machines import STATES
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import engine, intake, timers, vastleggen
from trajectory.usecases.fouten import NotPermitted
from trajectory.usecases.laden import snapshot_van

GEBOREN = date(2009, 4, 2)
PLAATS = {"bedrijf": "Bakkerij Koster", "sector": "03", "startdatum": "2024-09-02"}
ROOSTER = {
    dag: {"start": "09:00", "eind": "14:30", "pauzes": [30]} for dag in ("dinsdag", "donderdag")
}
CONTRACT = {
    "leeractiviteiten": "Brood bakken en de winkel bijvullen",
    "aanvangsdatum": "2025-03-17",
    "einddatum": "2025-06-27",
    "tijden": "di en do 9-15",
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


def _stage_zoeken_klaar(sessions, clock, actor, lid) -> None:
    plaatsing = {
        **PLAATS,
        "startdatum": "2025-03-17",
        "einddatum": "2025-06-27",
        "rooster": ROOSTER,
    }
    plaatsing["afstand_km"] = 4.0
    pid = vastleggen.add_plaatsing(sessions, lid, plaatsing, actor=actor, clock=clock)
    leg_vast(sessions, clock, actor, lid, "stage_overeenkomst", plaatsing_id=pid, **CONTRACT)


def _beoordeling(soort: str, **extra: Any):
    def leg(sessions, clock, actor, lid) -> None:
        leg_vast(
            sessions, clock, actor, lid, "beoordeling", soort=soort, uitslag="voldoende", **extra
        )

    return leg


def _verdieping_periode(sessions, clock, actor, lid) -> None:
    _beoordeling("tussentijds", periode=1)(sessions, clock, actor, lid)
    for nummer in (1, 2):
        leg_vast(
            sessions, clock, actor, lid, "praktijkopdracht", periode=1, nummer=nummer, afgerond=True
        )


# state -> (what the intake takes over, what is recorded before the next step, the next step
# with its payload, where it leads, the day it is taken)
SNUFFEL = {
    "beroepsvaardigheden": "voldoende",
    "instructies_volgen": "voldoende",
    "werkhouding": "voldoende",
}
GEVALLEN: dict[str, tuple[dict, Any, str, dict, str, date | None]] = {
    "interne_stage": (
        {"leerjaar": "2"},
        _beoordeling("interne_stage"),
        "interne_stage_afronden",
        {},
        "snuffelstage",
        None,
    ),
    "snuffelstage": (
        {"leerjaar": "2"},
        _beoordeling("snuffelstage", criteria=SNUFFEL),
        "snuffelstage_afronden",
        {},
        "stage_advies",
        None,
    ),
    "stage_advies": (
        {"leerjaar": "2"},
        None,
        "advies_groepsstage",
        {"reden": "nt2", "dagdelen": ["ma_ochtend"]},
        "groepsstage",
        None,
    ),
    "groepsstage": (
        {"leerjaar": "3", "startdatum": "2024-09-02", "dagdelen": ["di_ochtend"]},
        None,
        "uitvallen",
        {"code": "verzuim"},
        "uitgevallen",
        None,
    ),
    "stage_zoeken": (
        {"leerjaar": "3"},
        _stage_zoeken_klaar,
        "stage_starten",
        {},
        "individuele_stage",
        None,
    ),
    "individuele_stage": (
        {"leerjaar": "3", **PLAATS, "rooster": ROOSTER},
        _beoordeling("stagebeoordeling"),
        "stage_afronden",
        {},
        "stage_zoeken",
        None,
    ),
    "verdieping": (
        {"leerjaar": "4", **PLAATS},
        _verdieping_periode,
        "periode_afronden",
        {},
        "verdieping",
        None,
    ),
    "entree": (
        {
            "leerjaar": "entree",
            **PLAATS,
            "erkend_leerbedrijf": True,
            "uren": 660,
            "studieadvies_positief": True,
        },
        _beoordeling("tussentijds", periode=2),
        "examen_aanmelden",
        {},
        "praktijkexamen",
        date(2025, 5, 12),
    ),
    "praktijkexamen": (
        {"leerjaar": "entree", **PLAATS, "uren": 700},
        None,
        "examen_afronden",
        {"geslaagd": True},
        "uitstroom",
        None,
    ),
    "uitgevallen": ({"leerjaar": "3"}, None, "nieuwe_stage_zoeken", {}, "stage_zoeken", None),
    "alternatief_programma": (
        {"leerjaar": "4", "definitieve_sector": "04"},
        None,
        "alternatief_afronden",
        {"vervolg": "stage_zoeken"},
        "stage_zoeken",
        None,
    ),
    "uitstroom": (
        {"leerjaar": "5", "definitieve_sector": "04"},
        None,
        "uitstromen",
        {"profiel": "arbeid", "bestemming": "Groenbedrijf Jansen", "vertrekdatum": "2025-07-01"},
        "nazorg",
        None,
    ),
    "nazorg": (
        {
            "leerjaar": "entree",
            "vertrekdatum": "2024-07-01",
            "uitstroomprofiel": "arbeid",
            "bestemming": "Bakkerij Koster",
        },
        None,
        "nazorg_contact",
        {"met_wie": "ex_leerling", "hoe_gaat_het": "Het gaat goed op het werk."},
        "nazorg",
        None,
    ),
}


def _intake(staff, state: str, **gegevens: Any) -> IntakeIn:
    return IntakeIn.model_validate(
        {
            "naam": f"Intake {state}",
            "geboortedatum": GEBOREN,
            "klas": "3A",
            "stagebegeleider_id": staff.stagebegeleider.id,
            "state": state,
            **gegevens,
        }
    )


def test_elke_fase_van_de_machine_heeft_een_intakegeval():
    assert set(GEVALLEN) | {"afgesloten"} == set(STATES)


@pytest.mark.parametrize("state", list(GEVALLEN))
def test_een_leerling_overgenomen_in_elke_fase_zet_daarna_de_volgende_stap(
    sessions, clock, staff, state
):
    gegevens, vooraf, trigger, payload, naar, dag = GEVALLEN[state]
    if dag is not None:
        clock.set(dag)
    lid = intake.neem_op(
        sessions, _intake(staff, state, **gegevens), actor=staff.teamleider, clock=clock
    )

    ((event, inhoud),) = audit_events(sessions, lid, soort="intake")
    assert (event.naar, event.actor_rol) == (state, "teamleider")
    assert inhoud["verklaring"].startswith("Overgenomen uit de administratie op ")
    if vooraf is not None:
        vooraf(sessions, clock, staff.stagebegeleider, lid)
    result = engine.advance(
        sessions,
        lid,
        trigger,
        actor=staff.stagebegeleider,
        version=versie(sessions, lid),
        clock=clock,
        payload=payload or None,
    )

    assert isinstance(result, engine.Overgegaan), result
    assert result.state == naar
    assert not result.override


def test_een_overgenomen_leerling_moet_de_guards_van_de_volgende_stap_halen(sessions, clock, staff):
    """Intake in entree with 600 hours: the guards judge the hours as for anyone."""
    clock.set(date(2025, 5, 12))
    gegevens = {"leerjaar": "entree", **PLAATS, "erkend_leerbedrijf": True, "uren": 600}
    lid = intake.neem_op(
        sessions, _intake(staff, "entree", **gegevens), actor=staff.teamleider, clock=clock
    )

    result = engine.advance(
        sessions, lid, "examen_aanmelden", actor=staff.stagebegeleider, version=1, clock=clock
    )

    assert isinstance(result, engine.Geweigerd)
    assert "Er zijn 600,0 stage-uren geregistreerd; voor het examen zijn er 650 nodig." in (
        result.redenen
    )


def test_een_leerling_overgenomen_in_de_nazorg_sluit_op_tijd_af(sessions, clock, staff):
    clock.set(date(2025, 3, 3))
    gegevens = {"leerjaar": "5", "definitieve_sector": "04", "vertrekdatum": "2024-07-01"}
    gegevens |= {"uitstroomprofiel": "arbeid", "bestemming": "Groenbedrijf Jansen"}
    lid = intake.neem_op(
        sessions, _intake(staff, "nazorg", **gegevens), actor=staff.teamleider, clock=clock
    )

    clock.set(date(2026, 6, 30))
    assert timers.close_finished_nazorg(sessions, clock).gesloten == 0
    clock.set(date(2026, 7, 1))
    assert timers.close_finished_nazorg(sessions, clock).gesloten == 1
    with sessions() as session:
        assert session.get(t.Leerling, lid).state == "afgesloten"
        assert repo.verify_audit(session) is None


def test_de_intake_plant_de_herinneringen_vanaf_de_intake(sessions, clock, staff):
    gegevens = {"leerjaar": "3", **PLAATS, "rooster": ROOSTER}
    lid = intake.neem_op(
        sessions,
        _intake(staff, "individuele_stage", **gegevens),
        actor=staff.teamleider,
        clock=clock,
    )
    with sessions() as session:
        soorten = {h.soort for h in session.query(t.Herinnering).filter_by(leerling_id=lid)}
        snapshot = snapshot_van(session, session.get(t.Leerling, lid))
    assert {"bezoek", "stagemap"} <= soorten
    assert snapshot.lopende_plaatsing.bedrijf == "Bakkerij Koster"
    assert snapshot.laatste("voorlopig_advies").data["advies"] == "zelfstandig"


def test_alleen_de_teamleider_neemt_leerlingen_over(sessions, clock, staff):
    with pytest.raises(NotPermitted):
        intake.neem_op(
            sessions,
            _intake(staff, "uitgevallen", leerjaar="3"),
            actor=staff.stagebegeleider,
            clock=clock,
        )


@pytest.mark.parametrize(
    ("state", "gegevens", "fout"),
    [
        ("verdieping", {"leerjaar": "3", **PLAATS}, "in de fase verdieping is het leerjaar 4, 5"),
        ("entree", {"leerjaar": "entree"}, "de startdatum van de stage nodig"),
        ("nazorg", {"leerjaar": "entree"}, "de vertrekdatum nodig"),
        ("uitstroom", {"leerjaar": "4"}, "de definitieve sector nodig"),
        ("stage_zoeken", {"leerjaar": "3", "uren": 12}, "stage-uren neemt u alleen over"),
    ],
)
def test_een_intake_die_niet_bij_de_fase_past_wordt_in_het_nederlands_geweigerd(
    staff, state, gegevens, fout
):
    with pytest.raises(ValidationError, match=fout):
        _intake(staff, state, **gegevens)
