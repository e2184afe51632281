"""The records the stagebeleidsplan names (issue #15, "Records the seed names that have no kind
yet"): each a bounded model, fitting the states where the seed places it."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from service.pages.velden import alle_velden, velden
from tests.builders import a_leerling
from trajectory.domain.invoer import MAX_TEKST
from trajectory.domain.records import (
    COMPETENTIEGEBIEDEN,
    RECORD_KINDS,
    Beoordeling,
    Eindgesprek,
    Vragenlijst,
)
from trajectory.guards.vastlegging import vastlegging_past

NIEUW = (
    "reflectiegesprek",
    "stage_agenda",
    "kennismakingsgesprek",
    "bedrijfsbezoek",
    "doelen",
    "proeve",
    "eindgesprek",
)


def _tekstvelden(kind: str) -> list[str]:
    return [
        v.naam for v in alle_velden(velden(RECORD_KINDS[kind])) if v.soort in ("tekst", "tekstvak")
    ]


@pytest.mark.parametrize("kind", sorted(RECORD_KINDS))
def test_elk_tekstveld_van_elke_vastlegging_heeft_een_maximum(kind):
    for naam in _tekstvelden(kind):
        if "." in naam:
            continue  # a key of a dict (criteria): bounded by Korte
        with pytest.raises(ValidationError) as fout:
            RECORD_KINDS[kind].model_validate({naam: "x" * (MAX_TEKST + 1)})
        soorten = {e["type"] for e in fout.value.errors() if e["loc"] == (naam,)}
        assert soorten == {"string_too_long"}, (kind, naam)


def test_de_beoordeling_kent_de_vijf_competentiegebieden_van_het_beleidsplan():
    """Beleidsplan 3.3: 'persoonlijk, arbeid, sociaal, onderzoek en leren'."""
    assert COMPETENTIEGEBIEDEN == ("persoonlijk", "arbeid", "sociaal", "onderzoek", "leren")
    gebieden = dict.fromkeys(COMPETENTIEGEBIEDEN, "voldoende")
    beoordeling = Beoordeling.model_validate(
        {
            "soort": "stagebeoordeling",
            "uitslag": "voldoende",
            "competenties": gebieden,
            "zelfbeoordeling": {**gebieden, "sociaal": "onvoldoende"},
        }
    )
    assert beoordeling.zelfbeoordeling["sociaal"] == "onvoldoende"
    with pytest.raises(ValidationError):
        Beoordeling.model_validate(
            {"soort": "stagebeoordeling", "uitslag": "voldoende", "competenties": {"vrij": "goed"}}
        )


def test_een_oude_vrije_beoordeling_blijft_leesbaar():
    oud = {"soort": "mentor", "uitslag": "voldoende", "criteria": {"inzet": "voldoende"}}
    assert Beoordeling.model_validate(oud).competenties == {}


def test_de_vragenlijst_legt_interesses_belemmeringen_en_voorkeuren_vast():
    """Beleidsplan 2.2: 'interesses, hobby's, verwachtingen van de stage, eventuele
    belemmeringen en voorkeuren wat betreft stageplaatsing'."""
    lijst = Vragenlijst.model_validate(
        {"besproken": True, "interesses": "dieren", "belemmeringen": "geen", "voorkeuren": "buiten"}
    )
    assert (lijst.interesses, lijst.belemmeringen, lijst.voorkeuren) == ("dieren", "geen", "buiten")
    assert Vragenlijst.model_validate({"besproken": False}).interesses == ""


def test_in_het_eindgesprek_spreken_leerling_ouders_en_school_het_uitstroomprofiel_af():
    gesprek = Eindgesprek.model_validate(
        {"profiel": "dagbesteding", "akkoord_leerling": True, "akkoord_ouders": True,
         "akkoord_school": False}
    )  # fmt: skip
    assert gesprek.profiel == "dagbesteding"
    with pytest.raises(ValidationError):
        Eindgesprek.model_validate({"profiel": "dagbesteding", "akkoord_leerling": True})


@pytest.mark.parametrize(
    ("kind", "state", "past"),
    [
        ("reflectiegesprek", "groepsstage", True),
        ("reflectiegesprek", "individuele_stage", False),
        ("stage_agenda", "individuele_stage", True),
        ("stage_agenda", "groepsstage", True),
        ("stage_agenda", "stage_zoeken", False),
        ("kennismakingsgesprek", "stage_zoeken", True),
        ("kennismakingsgesprek", "uitgevallen", True),
        ("kennismakingsgesprek", "interne_stage", False),
        ("bedrijfsbezoek", "snuffelstage", True),
        ("bedrijfsbezoek", "stage_zoeken", False),
        ("doelen", "interne_stage", True),
        ("doelen", "verdieping", True),
        ("doelen", "nazorg", False),
        ("proeve", "praktijkexamen", True),
        ("proeve", "entree", False),
        ("eindgesprek", "uitstroom", True),
        ("eindgesprek", "verdieping", False),
    ],
)
def test_een_nieuwe_vastlegging_past_waar_het_beleidsplan_haar_plaatst(kind, state, past):
    leerling = a_leerling(state=state)
    if state in ("groepsstage", "individuele_stage"):
        leerling.with_plaatsing(state, "lopend", startdatum=date(2025, 2, 3))
    assert vastlegging_past(kind, leerling.build()).ok is past


def test_de_nieuwe_soorten_staan_in_de_tabel():
    assert set(NIEUW) <= set(RECORD_KINDS)
