"""engine.choose and engine.options: which edge a trigger takes, and the buttons a user sees."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import a_leerling
from trajectory.usecases.engine import choose, options


def _klaar_om_te_starten(leerjaar: str):
    return (
        a_leerling(geboren=date(2008, 9, 1), leerjaar=leerjaar, definitieve_sector="04")
        .with_plaatsing("verdieping", "afgerond", sector="04")  # stagevaardig, for Entree
        .with_beoordeling("stagebeoordeling", plaatsing_id=1)
        .with_plaatsing(sector="04", erkend_leerbedrijf=True, afstand_km=8)
        .with_overeenkomst()
        .with_rooster()
        .build()
    )


@pytest.mark.parametrize(
    ("leerjaar", "dest"),
    [
        ("3", "individuele_stage"),
        ("4", "verdieping"),
        ("5", "verdieping"),
        ("entree", "entree"),
    ],
)
def test_stage_starten_gaat_naar_de_stage_van_het_leerjaar(leerjaar, dest):
    leerling = _klaar_om_te_starten(leerjaar)
    assert choose(leerling, "stage_starten", date(2025, 3, 3)).dest == dest
    (optie,) = [o for o in options(leerling, date(2025, 3, 3)) if o.trigger == "stage_starten"]
    assert optie.dest == dest
    assert optie.allowed, optie.failing


def test_een_leerling_die_als_entree_is_ingeschreven_komt_alleen_via_naar_entree_in_entree():
    """Issue 15: not through `stage_starten` past the `stagevaardig` guard of `entree_starten`."""
    leerling = (
        a_leerling(geboren=date(2008, 9, 1), leerjaar="entree")
        .with_plaatsing(sector="04", erkend_leerbedrijf=True, afstand_km=8)
        .with_overeenkomst()
        .with_rooster()
        .build()
    )
    (optie,) = [o for o in options(leerling, date(2025, 3, 3)) if o.trigger == "stage_starten"]
    assert [(v.guard, v.reden) for v in optie.failing] == [
        (
            "via_naar_entree",
            "Naar Entree gaat via 'Naar Entree', voor een stagevaardige leerling: De leerling "
            "heeft nog geen stage afgerond; Entree vraagt een stagevaardige leerling.",
        )
    ]


def test_na_uitval_in_entree_start_een_nieuwe_entree_stage_zonder_opnieuw_naar_entree():
    leerling = (
        a_leerling(geboren=date(2008, 9, 1), leerjaar="entree")
        .with_plaatsing("entree", "afgebroken", erkend_leerbedrijf=True)
        .with_plaatsing(sector="04", erkend_leerbedrijf=True, afstand_km=8)
        .with_overeenkomst()
        .with_rooster()
        .build()
    )
    (optie,) = [o for o in options(leerling, date(2025, 3, 3)) if o.trigger == "stage_starten"]
    assert optie.allowed, optie.failing


def test_een_verdiepingsstage_buiten_de_definitieve_sector_wordt_geweigerd_met_reden():
    leerling = (
        a_leerling(geboren=date(2008, 9, 1), leerjaar="4", definitieve_sector="04")
        .with_plaatsing(sector="03")
        .with_overeenkomst()
        .with_rooster()
        .build()
    )
    (optie,) = [o for o in options(leerling, date(2025, 3, 3)) if o.trigger == "stage_starten"]
    assert optie.dest == "verdieping"
    assert [v.guard for v in optie.failing] == ["sector_is_definitieve_sector"]
    assert "Groen" in optie.failing[0].reden


def test_options_geeft_elke_trigger_uit_de_huidige_toestand_een_keer():
    leerling = _klaar_om_te_starten("3")
    triggers = [o.trigger for o in options(leerling, date(2025, 3, 3))]
    assert triggers == ["stage_starten", "sector_kiezen"]


@pytest.mark.parametrize(
    ("positief", "dest"),
    [(True, "entree"), (False, "uitstroom"), (None, "entree")],
    ids=["positief_blijft_in_entree", "negatief_naar_uitstroom", "nog_geen_advies"],
)
def test_het_studieadvies_bepaalt_waar_de_leerling_heen_gaat(positief, dest):
    leerling = a_leerling(geboren=date(2007, 5, 1), leerjaar="entree", state="entree")
    if positief is not None:
        leerling.with_record("studieadvies", positief=positief, nieuw=True)
    assert choose(leerling.build(), "studieadvies", date(2024, 12, 2)).dest == dest


@pytest.mark.parametrize(
    ("geslaagd", "dest"), [(True, "uitstroom"), (False, "entree")], ids=["geslaagd", "herkansing"]
)
def test_de_examenuitslag_bepaalt_waar_de_leerling_heen_gaat(geslaagd, dest):
    leerling = (
        a_leerling(leerjaar="entree", state="praktijkexamen")
        .with_record("examenresultaat", geslaagd=geslaagd, nieuw=True)
        .build()
    )
    assert choose(leerling, "examen_afronden", date(2025, 6, 1)).dest == dest


@pytest.mark.parametrize(
    ("vervolg", "dest"), [("stage_zoeken", "stage_zoeken"), ("uitstroom", "uitstroom")]
)
def test_de_evaluatie_van_het_alternatieve_programma_kiest_het_vervolg(vervolg, dest):
    leerling = (
        a_leerling(state="alternatief_programma")
        .with_record("plan_evaluatie", vervolg=vervolg, nieuw=True)
        .build()
    )
    assert choose(leerling, "alternatief_afronden", date(2025, 3, 3)).dest == dest


def test_een_trigger_die_vanuit_deze_toestand_niet_bestaat_kiest_niets():
    leerling = a_leerling(leerjaar="2", state="interne_stage").build()
    assert choose(leerling, "stage_starten", date(2025, 3, 3)) is None
