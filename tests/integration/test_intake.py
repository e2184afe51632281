"""Go-live intake (#16 part 3): a leerling entered at its current state with the minimum history
that state implies, audited as `intake` by the teamleider; the next step is then judged by the
guards like any other, and the timers run from the intake."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from tests.integration.builders import audit_events, groepsstage_contract, leg_vast, versie
from trajectory.domain.intake import IntakeIn
from trajectory.machines import STATES
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import bewaartermijn, engine, intake, intake_import, timers, vastleggen
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
        groepsstage_contract,
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
    gegevens = {"leerjaar": "entree", **PLAATS, "uren": 600}
    lid = intake.neem_op(
        sessions, _intake(staff, "entree", **gegevens), actor=staff.teamleider, clock=clock
    )

    result = engine.advance(
        sessions, lid, "examen_aanmelden", actor=staff.stagebegeleider, version=1, clock=clock
    )

    assert isinstance(result, engine.Geweigerd)
    assert (
        "Er zijn in het opleidingsjaar (01-08-2024 t/m 31-07-2025) 600,0 stage-uren "
        "geregistreerd; voor het examen zijn er 650 nodig." in result.redenen
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
        gepland = {
            h.soort: h.verschuldigd
            for h in session.query(t.Herinnering)
            .filter_by(leerling_id=lid)
            .order_by(t.Herinnering.verschuldigd.desc())
        }
        snapshot = snapshot_van(session, session.get(t.Leerling, lid))
    assert {"bezoek", "stagemap"} <= set(gepland)
    # the placement started in September; the visits count from the intake, not from then
    assert gepland["bezoek"] > clock.now().date()
    assert "bezoek_achterstand" not in gepland or gepland["bezoek_achterstand"] > gepland["bezoek"]
    with sessions() as session:
        open_ = session.query(t.Herinnering).filter_by(leerling_id=lid, status="gepland").all()
    assert all(h.verschuldigd >= clock.now().date() for h in open_)  # nothing overdue at once
    assert any(h.soort == "stagemap" for h in open_)  # the weekly series goes on
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


CSV = (
    "naam;geboortedatum;klas;leerjaar;fase;stagebegeleider;bedrijf;sector;startdatum;"
    "rooster;uren;studieadvies;definitieve_sector;vertrekdatum;uitstroomprofiel;bestemming\n"
    "Ada Entree;01-05-2007;E1;Entree;entree;sb@school.test;Bakkerij Koster;3;02-09-2024;"
    "di 09:00-16:00 30;412,5;positief;;;;\n"
    "Bo Verdieping;2008-02-03;4B;4;verdieping;sb@school.test;Groen BV;04;2024-09-02;;;;4;;;\n"
    "Cas Nazorg;12-12-2005;;5;nazorg;;;;;;;;09;01-07-2024;arbeid;Bouwbedrijf Smit\n"
)


def test_de_csv_intake_slaat_op_wat_het_voorbeeld_liet_zien(sessions, clock, staff):
    voorbeeld = intake_import.bekijk(sessions, CSV.encode(), actor=staff.teamleider, clock=clock)
    assert voorbeeld.in_orde, [r.fouten for r in voorbeeld.rijen]

    ids = intake_import.importeer(sessions, CSV.encode(), actor=staff.teamleider, clock=clock)

    assert len(ids) == 3
    with sessions() as session:
        for lid, rij in zip(ids, voorbeeld.rijen, strict=True):
            leerling = session.get(t.Leerling, lid)
            snapshot = snapshot_van(session, leerling)
            verwacht = rij.intake
            assert (leerling.naam, leerling.state, leerling.leerjaar) == (
                verwacht.naam,
                verwacht.state,
                verwacht.leerjaar,
            )
            assert leerling.stagebegeleider_id == verwacht.stagebegeleider_id
            if verwacht.bedrijf:
                assert snapshot.lopende_plaatsing.bedrijf == verwacht.bedrijf
        ada = snapshot_van(session, session.get(t.Leerling, ids[0]))
        assert sum(r.data["uren"] for r in ada.records_van("uren")) == 412.5
        assert session.get(t.Leerling, ids[2]).vertrekdatum == date(2024, 7, 1)
    assert len(audit_events(sessions, soort="intake")) == 3


def test_een_foute_regel_in_de_csv_intake_wordt_in_het_nederlands_geweigerd_en_niets_opgeslagen(
    sessions, clock, staff
):
    fout = CSV + (
        "Dirk Dubbel;01-05-2007;E1;Entree;entree;;Bakkerij;3;02-09-2024;;;;;;;\n"
        "Eva Fout;31-02-2008;3A;3;op stage;onbekend@school.test;;;;ma 9-;;;;;;\n"
        "Ada Entree;01-05-2007;E1;Entree;uitstroom;;;;;;;;;;;\n"
    )
    voorbeeld = intake_import.bekijk(sessions, fout.encode(), actor=staff.teamleider, clock=clock)

    fouten = {r.regel: r.fouten for r in voorbeeld.foute_rijen}
    assert set(fouten) == {6, 7}
    assert "geboortedatum '31-02-2008' is geen datum (dd-mm-jjjj of jjjj-mm-dd)" in fouten[6]
    assert "fase 'op stage' bestaat niet (bijvoorbeeld: stage zoeken, entree, nazorg)" in fouten[6]
    assert "'onbekend@school.test' is geen (actieve) stagebegeleider hier" in fouten[6]
    assert "deze leerling staat al eerder in het bestand (regel 2)" in fouten[7]
    uitkomst = intake_import.importeer(sessions, fout.encode(), actor=staff.teamleider, clock=clock)
    assert isinstance(uitkomst, intake_import.Voorbeeld)
    with sessions() as session:
        assert session.query(t.Leerling).count() == 0


def test_alleen_de_teamleider_bekijkt_een_csv_intake(sessions, clock, staff):
    with pytest.raises(NotPermitted):
        intake_import.bekijk(sessions, CSV.encode(), actor=staff.stagebegeleider, clock=clock)


def test_overgenomen_als_afgesloten_heeft_geen_volgende_stap_en_valt_onder_de_bewaartermijn(
    sessions, clock, staff
):
    gegevens = {"leerjaar": "5", "definitieve_sector": "04", "vertrekdatum": "2022-07-01"}
    lid = intake.neem_op(
        sessions, _intake(staff, "afgesloten", **gegevens), actor=staff.teamleider, clock=clock
    )

    with sessions() as session:
        snapshot = snapshot_van(session, session.get(t.Leerling, lid))
        assert engine.options(snapshot, date(2025, 3, 3)) == []
        later = clock.now() + timedelta(days=366 * 2)
        assert bewaartermijn.verlopen_leerlingen(session, later, 2) == [lid]
        assert bewaartermijn.verlopen_leerlingen(session, clock.now(), 2) == []
