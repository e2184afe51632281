"""Which records fit which state: the table next to the machine, judged like a guard."""

from __future__ import annotations

import pytest

from tests.builders import a_leerling
from trajectory.domain.records import RECORD_KINDS
from trajectory.guards.vastlegging import vastlegging_past
from trajectory.machines import STATES
from trajectory.machines.vastleggingen import VASTLEGGINGEN


def test_de_tabel_kent_elke_soort_vastlegging_en_de_stageplaats():
    assert set(VASTLEGGINGEN) == {*RECORD_KINDS, "plaatsing"}


def test_de_tabel_noemt_alleen_toestanden_van_de_machine():
    for kind, regel in VASTLEGGINGEN.items():
        assert regel.staten, kind
        assert set(regel.staten) <= set(STATES), kind


@pytest.mark.parametrize(
    ("kind", "state", "past"),
    [
        ("noa_test", "stage_advies", True),
        ("noa_test", "groepsstage", False),
        ("praktijkopdracht", "verdieping", True),
        ("praktijkopdracht", "interne_stage", False),
        ("beoordeling", "nazorg", True),
        ("beoordeling", "afgesloten", False),
        ("studieadvies", "entree", True),
        ("studieadvies", "verdieping", False),
        ("afsluitbesluit", "nazorg", True),
    ],
)
def test_een_vastlegging_past_alleen_in_de_fasen_van_de_tabel(kind, state, past):
    assert vastlegging_past(kind, a_leerling(state=state).build()).ok is past


def test_een_vastlegging_die_niet_past_zegt_in_het_nederlands_waarom():
    verdict = vastlegging_past("noa_test", a_leerling(state="groepsstage").build())

    assert verdict.guard == "past_bij_fase"
    assert verdict.reden == "'Noa interessetest' past niet bij de fase 'Groepsstage'."


def test_een_stagebezoek_vraagt_een_lopende_stage():
    zonder = a_leerling(state="individuele_stage").build()
    gepland = a_leerling(state="individuele_stage").with_plaatsing().build()
    lopend = a_leerling(state="individuele_stage").with_plaatsing("individueel", "lopend").build()

    assert vastlegging_past("bezoek", zonder).reden == (
        "'Stagebezoek' kan alleen tijdens een lopende stage."
    )
    assert not vastlegging_past("bezoek", gepland).ok
    assert vastlegging_past("bezoek", lopend).ok


def test_een_stage_overeenkomst_kan_al_bij_een_geplande_stageplaats():
    zonder = a_leerling().build()
    gepland = a_leerling().with_plaatsing().build()

    assert vastlegging_past("stage_overeenkomst", zonder).reden == (
        "'Stage-overeenkomst' kan pas als er een stageplaats is."
    )
    assert vastlegging_past("stage_overeenkomst", gepland).ok


@pytest.mark.parametrize(
    ("state", "leerjaar", "past"),
    [
        ("uitgevallen", "entree", True),
        ("stage_zoeken", "entree", True),
        ("entree", "entree", True),
        ("uitgevallen", "4", False),
        ("nazorg", "entree", False),
    ],
)
def test_een_verlenging_na_uitval_bij_entree_past_alleen_bij_een_entree_leerling(
    state, leerjaar, past
):
    """Beleidsplan 4.5: a leerling of the Entree-opleiding who loses the stage "kan ... een
    verlenging krijgen"."""
    verdict = vastlegging_past("verlenging", a_leerling(state=state, leerjaar=leerjaar).build())
    assert verdict.ok is past
    if leerjaar != "entree":
        assert verdict.reden == "'Verlenging Entree-jaar' is er alleen in leerjaar entree."
