"""The contract of a placement (WVO art. 35; beleidsplan 5.1, 5.2): its period covers the
placement's, its times are the rooster's, it names who insures, and for Entree an
arbeidsovereenkomst (duaal traject) may stand in for it."""

from __future__ import annotations

from datetime import date, time

import pytest

from tests.builders import START, a_leerling, reden
from trajectory.guards.overeenkomst import tijden_in

KLOPT_NIET = "De stage-overeenkomst klopt niet: "


def _met_overeenkomst(**velden):
    """A leerling of 14 with a placement from START to 27-06-2025 (di en do 9:00-15:00)."""
    return a_leerling().with_plaatsing().with_rooster().with_overeenkomst(**velden).build()


# --- "De aanvangsdatum, de einddatum en de tijden" (WVO art. 35 lid 2) ------------------------


@pytest.mark.parametrize(
    ("aanvang", "einde", "verwacht"),
    [
        pytest.param(START, date(2025, 6, 27), None, id="precies_de_stage"),
        pytest.param(date(2024, 9, 1), date(2025, 7, 31), None, id="ruimer_dan_de_stage"),
        pytest.param(
            date(2025, 3, 11),
            date(2025, 6, 27),
            KLOPT_NIET + "de aanvangsdatum (11-03-2025) ligt na de start van de stage "
            "(10-03-2025).",
            id="een_dag_na_de_start",
        ),
        pytest.param(
            START,
            date(2025, 6, 26),
            KLOPT_NIET + "de einddatum (26-06-2025) ligt voor het einde van de stage (27-06-2025).",
            id="een_dag_voor_het_einde",
        ),
        pytest.param(
            date(2020, 1, 1),
            date(2020, 6, 30),
            KLOPT_NIET + "de einddatum (30-06-2020) ligt voor het einde van de stage (27-06-2025).",
            id="een_overeenkomst_van_2020",
        ),
    ],
)
def test_de_aanvangsdatum_en_de_einddatum_van_de_overeenkomst_dekken_de_stage(
    aanvang, einde, verwacht
):
    leerling = _met_overeenkomst(aanvangsdatum=aanvang, einddatum=einde)
    assert reden("stage_overeenkomst_compleet", leerling) == verwacht


@pytest.mark.parametrize(
    ("tijden", "verwacht"),
    [
        pytest.param("di en do 9:00-15:00", None, id="zoals_het_rooster"),
        pytest.param("dinsdag en donderdag 9-15 uur", None, id="hele_uren"),
        pytest.param("di, do 09.00 tot 15.00, pauze 12.00-12.30", None, id="met_pauze"),
        pytest.param(
            "di en do 9:00-14:30",
            KLOPT_NIET + "de tijden passen niet bij het rooster (het rooster heeft dinsdag "
            "09:00–15:00, donderdag 09:00–15:00).",
            id="een_half_uur_korter",
        ),
        pytest.param(
            "in overleg",
            KLOPT_NIET + "de tijden passen niet bij het rooster (het rooster heeft dinsdag "
            "09:00–15:00, donderdag 09:00–15:00).",
            id="geen_tijden",
        ),
    ],
)
def test_de_tijden_van_de_overeenkomst_zijn_die_van_het_rooster(tijden, verwacht):
    assert reden("stage_overeenkomst_compleet", _met_overeenkomst(tijden=tijden)) == verwacht


def test_tijden_in_leest_de_werktijden_uit_de_tekst():
    assert tijden_in("ma 8:30-15:00, wo 9.15 tot 13.45; 25-99") == {
        (time(8, 30), time(15)),
        (time(9, 15), time(13, 45)),
    }


# --- "wie de verzekering ... zal sluiten en ten laste van wie de premie" (lid 3) ---------------


@pytest.mark.parametrize(
    "tekst",
    [
        "School (collectieve ongevallenverzekering)",
        "het stagebedrijf",
        "Werkgever",
        "ouders",
        "Polis 12-345 bij Centraal Beheer",
    ],
)
def test_de_overeenkomst_noemt_wie_verzekert_een_partij_of_een_polis(tekst):
    leerling = _met_overeenkomst(verzekering_ongevallen=tekst)
    assert reden("stage_overeenkomst_compleet", leerling) is None


@pytest.mark.parametrize("tekst", ["ja", "x", "n.v.t.", "polis", "geregeld"])
def test_willekeurige_tekst_is_geen_verzekering(tekst):
    leerling = _met_overeenkomst(verzekering_ongevallen=tekst, kosten_door=tekst)
    assert reden("stage_overeenkomst_compleet", leerling) == (
        KLOPT_NIET + "wie ongevallen verzekert en wie de kosten draagt: noem de school "
        "(collectieve verzekering), het stagebedrijf, de ouders/verzorgers of een polis "
        "(verzekeraar en nummer)."
    )


# --- duaal traject: "te werken met een arbeidsovereenkomst" (beleidsplan 5.2, Entree) ----------

ARBEIDSOVEREENKOMST = {
    "soort": "arbeidsovereenkomst",
    "aanvangsdatum": START.isoformat(),
    "tijden": "di en do 9:00-15:00",
    "getekend_leerling": True,
    "getekend_bedrijf": True,
    "getekend_ouder": True,
}


def _duaal(leerjaar: str, **velden):
    leerling = (
        a_leerling(geboren=date(2008, 5, 1), leerjaar=leerjaar)
        .with_plaatsing(erkend_leerbedrijf=True)
        .with_rooster()
    )
    data = {**ARBEIDSOVEREENKOMST, **velden}
    return leerling.with_record("stage_overeenkomst", plaatsing_id=1, **data).build()


def test_entree_mag_met_een_arbeidsovereenkomst_duaal_traject():
    assert reden("stage_overeenkomst_compleet", _duaal("entree")) is None


@pytest.mark.parametrize("leerjaar", ["3", "4", "5"])
def test_alleen_entree_mag_met_een_arbeidsovereenkomst(leerjaar):
    assert reden("stage_overeenkomst_compleet", _duaal(leerjaar)) == (
        "Een arbeidsovereenkomst (duaal traject) kan alleen bij Entree; "
        "deze stage vraagt een stage-overeenkomst."
    )


def test_een_arbeidsovereenkomst_vraagt_aanvang_tijden_en_de_handtekeningen():
    leerling = _duaal("entree", getekend_bedrijf=False, getekend_ouder=False, tijden="")
    assert reden("stage_overeenkomst_compleet", leerling) == (
        "De arbeidsovereenkomst is niet compleet; er ontbreekt: de tijden, de handtekening "
        "van de werkgever, de handtekening van een ouder/verzorger."
    )


def test_ook_een_arbeidsovereenkomst_begint_niet_na_de_stage():
    leerling = _duaal("entree", aanvangsdatum="2025-04-01")
    assert reden("stage_overeenkomst_compleet", leerling) == (
        "De arbeidsovereenkomst klopt niet: de aanvangsdatum (01-04-2025) ligt na de start van "
        "de stage (10-03-2025)."
    )
