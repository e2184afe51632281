"""Stagevoorbereiding in leerjaar 2: interne stage and snuffelstage (beleidsplan 2.1)."""

from __future__ import annotations

import pytest

from tests.builders import a_leerling, reden
from trajectory.guards.voorbereiding import SNUFFELSTAGE_CRITERIA

ALLE_CRITERIA = dict.fromkeys(SNUFFELSTAGE_CRITERIA, "voldoende")


def test_de_interne_stage_afronden_vraagt_een_beoordeling():
    leerling = a_leerling(leerjaar="2", state="interne_stage").build()
    assert reden("interne_stage_beoordeeld", leerling) == (
        "De beoordeling van de interne stage (kantinedienst) is nog niet vastgelegd."
    )


@pytest.mark.parametrize("uitslag", ["voldoende", "onvoldoende"])
def test_een_vastgelegde_beoordeling_van_de_interne_stage_is_genoeg_om_af_te_ronden(uitslag):
    leerling = (
        a_leerling(leerjaar="2", state="interne_stage")
        .with_beoordeling("interne_stage", uitslag)
        .build()
    )
    assert reden("interne_stage_beoordeeld", leerling) is None


def test_de_snuffelstage_afronden_vraagt_een_beoordeling():
    leerling = a_leerling(leerjaar="2", state="snuffelstage").build()
    assert reden("snuffelstage_beoordeeld", leerling) == (
        "De beoordeling van de snuffelstage is nog niet vastgelegd."
    )


def test_een_snuffelstage_beoordeeld_op_de_drie_criteria_is_compleet():
    leerling = (
        a_leerling(leerjaar="2", state="snuffelstage")
        .with_beoordeling("snuffelstage", criteria=ALLE_CRITERIA)
        .build()
    )
    assert reden("snuffelstage_beoordeeld", leerling) is None


@pytest.mark.parametrize("criterium", SNUFFELSTAGE_CRITERIA)
def test_een_snuffelstage_zonder_een_criterium_noemt_dat_criterium(criterium):
    criteria = {k: v for k, v in ALLE_CRITERIA.items() if k != criterium}
    leerling = (
        a_leerling(leerjaar="2", state="snuffelstage")
        .with_beoordeling("snuffelstage", criteria=criteria)
        .build()
    )
    assert reden("snuffelstage_beoordeeld", leerling) == (
        f"De beoordeling van de snuffelstage mist: {criterium.replace('_', ' ')}."
    )


def test_een_snuffelstage_zonder_criteria_noemt_ze_alle_drie():
    leerling = (
        a_leerling(leerjaar="2", state="snuffelstage").with_beoordeling("snuffelstage").build()
    )
    assert reden("snuffelstage_beoordeeld", leerling) == (
        "De beoordeling van de snuffelstage mist: "
        "beroepsvaardigheden, instructies volgen, werkhouding."
    )
