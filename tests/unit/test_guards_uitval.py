"""Uitval and what follows: reden, ondersteuningsteam, plan, stagevaardig (beleidsplan 6)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import a_leerling, reden

UITVAL = date(2025, 3, 3)


@pytest.mark.parametrize(
    ("reden_", "plaatsing_id", "ok"),
    [
        pytest.param("Te vaak te laat gekomen", 2, True, id="reden_bij_deze_stage"),
        pytest.param("   ", 2, False, id="lege_reden"),
        pytest.param("Weggestuurd", 1, False, id="reden_bij_een_vorige_stage"),
        pytest.param(None, None, False, id="geen_reden"),
    ],
)
def test_uitval_melden_vraagt_de_reden(reden_, plaatsing_id, ok):
    leerling = (
        a_leerling(state="individuele_stage")
        .with_plaatsing("individuele_stage", "afgebroken")
        .with_plaatsing("individuele_stage", "lopend")
    )
    if reden_ is not None:
        leerling.with_record("uitval", reden=reden_, plaatsing_id=plaatsing_id, nieuw=True)
    uitleg = reden("uitvalreden_vastgelegd", leerling.build())
    assert uitleg == (None if ok else "Leg de reden van de uitval vast.")


@pytest.mark.parametrize(
    ("overleg_op", "ok"),
    [
        pytest.param(UITVAL, True, id="dezelfde_dag"),
        pytest.param(date(2025, 3, 10), True, id="een_week_later"),
        pytest.param(date(2025, 3, 2), False, id="de_dag_voor_de_uitval"),
        pytest.param(None, False, id="geen_overleg"),
    ],
)
def test_een_alternatief_programma_vraagt_overleg_na_de_uitval(overleg_op, ok):
    leerling = a_leerling(state="uitgevallen").with_record(
        "uitval", datum=UITVAL, reden="Weggestuurd"
    )
    if overleg_op is not None:
        leerling.with_record(
            "overleg", datum=overleg_op, met="ondersteuningsteam", uitkomst="positief"
        )
    uitleg = reden("overleg_ondersteuningsteam_vastgelegd", leerling.build())
    assert uitleg == (
        None
        if ok
        else "Het overleg met het ondersteuningsteam na de uitval is nog niet vastgelegd."
    )


def test_overleg_met_ouders_is_geen_overleg_met_het_ondersteuningsteam():
    leerling = (
        a_leerling(state="uitgevallen")
        .with_record("uitval", reden="Weggestuurd")
        .with_record("overleg", met="ouders_mentor_stagebegeleider", uitkomst="positief")
        .build()
    )
    assert reden("overleg_ondersteuningsteam_vastgelegd", leerling) is not None


@pytest.mark.parametrize(
    ("vervolg", "ok"),
    [("stage_zoeken", True), ("uitstroom", True), ("nazorg", False), (None, False)],
)
def test_het_alternatieve_programma_afronden_vraagt_een_evaluatie_met_vervolg(vervolg, ok):
    leerling = a_leerling(state="alternatief_programma")
    if vervolg is not None:
        leerling.with_record("plan_evaluatie", vervolg=vervolg, nieuw=True)
    uitleg = reden("plan_geevalueerd", leerling.build())
    assert (uitleg is None) is ok
    if not ok:
        assert "geëvalueerd" in uitleg


def _na_stages(*stages: tuple[str, str, str | None]):
    """stages: (soort, bedrijf, uitslag of the stagebeoordeling or None)."""
    leerling = a_leerling(leerjaar="5", state="uitstroom")
    for soort, bedrijf, uitslag in stages:
        leerling.with_plaatsing(soort, "afgerond", bedrijf=bedrijf)
        if uitslag is not None:
            leerling.with_beoordeling(
                "stagebeoordeling", uitslag, plaatsing_id=leerling.laatste_plaatsing_id
            )
    return leerling.build()


@pytest.mark.parametrize(
    ("stages", "verwacht"),
    [
        pytest.param(
            [
                ("individuele_stage", "Bakkerij Bol", "voldoende"),
                ("verdieping", "Hovenier", "voldoende"),
            ],
            None,
            id="alles_voldoende",
        ),
        pytest.param(
            [
                ("individuele_stage", "Bakkerij Bol", "onvoldoende"),
                ("verdieping", "Hovenier", "voldoende"),
            ],
            "Niet elke stage is met een voldoende afgerond: Bakkerij Bol.",
            id="een_onvoldoende",
        ),
        pytest.param(
            [("verdieping", "Hovenier", None)],
            "Niet elke stage is met een voldoende afgerond: Hovenier.",
            id="zonder_beoordeling",
        ),
        pytest.param(
            [("groepsstage", "Groepsstage De Viaan", "voldoende")],
            "De leerling heeft nog geen stage afgerond; Entree vraagt een stagevaardige leerling.",
            id="alleen_groepsstage",
        ),
        pytest.param(
            [],
            "De leerling heeft nog geen stage afgerond; Entree vraagt een stagevaardige leerling.",
            id="geen_stage",
        ),
    ],
)
def test_naar_entree_vraagt_een_stagevaardige_leerling(stages, verwacht):
    assert reden("stagevaardig", _na_stages(*stages)) == verwacht
