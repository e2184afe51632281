"""Periodes of verdieping and Entree: tussentijdse beoordeling and praktijkopdrachten."""

from __future__ import annotations

import pytest

from tests.builders import a_leerling, reden


def _op_verdieping(perioden_afgerond: int = 0):
    return (
        a_leerling(leerjaar="4", state="verdieping")
        .with_plaatsing("individuele_stage", "afgerond")
        .with_plaatsing("verdieping", "lopend", perioden_afgerond=perioden_afgerond)
    )


@pytest.mark.parametrize(
    ("afgerond", "beoordeeld", "plaatsing_id", "verwacht"),
    [
        pytest.param(0, 1, 2, None, id="periode_1_beoordeeld"),
        pytest.param(
            0,
            2,
            2,
            "De tussentijdse beoordeling van periode 1 is nog niet vastgelegd.",
            id="alleen_een_andere_periode",
        ),
        pytest.param(1, 2, 2, None, id="periode_2_beoordeeld"),
        pytest.param(
            1,
            1,
            2,
            "De tussentijdse beoordeling van periode 2 is nog niet vastgelegd.",
            id="periode_1_telt_niet_voor_periode_2",
        ),
        pytest.param(
            0,
            1,
            1,
            "De tussentijdse beoordeling van periode 1 is nog niet vastgelegd.",
            id="van_de_vorige_stage",
        ),
    ],
)
def test_een_periode_afronden_vraagt_de_tussentijdse_beoordeling_van_die_periode(
    afgerond, beoordeeld, plaatsing_id, verwacht
):
    leerling = _op_verdieping(afgerond).with_beoordeling(
        "tussentijds", periode=beoordeeld, plaatsing_id=plaatsing_id
    )
    assert reden("tussentijdse_beoordeling_vastgelegd", leerling.build()) == verwacht


@pytest.mark.parametrize(
    "guard",
    ["tussentijdse_beoordeling_vastgelegd", "praktijkopdrachten_gedaan"],
)
def test_zonder_lopende_stage_is_er_geen_periode_af_te_ronden(guard):
    leerling = a_leerling(leerjaar="4", state="verdieping").build()
    assert reden(guard, leerling) == "Er is geen lopende stage."


@pytest.mark.parametrize(
    ("opdrachten", "verwacht"),
    [
        pytest.param([], "In periode 1 zijn 0 van de 2 praktijkopdrachten gedaan.", id="geen"),
        pytest.param(
            [(1, 1, True)], "In periode 1 zijn 1 van de 2 praktijkopdrachten gedaan.", id="een"
        ),
        pytest.param([(1, 1, True), (1, 2, True)], None, id="twee"),
        pytest.param(
            [(1, 1, True), (1, 1, True)],
            "In periode 1 zijn 1 van de 2 praktijkopdrachten gedaan.",
            id="dezelfde_twee_keer",
        ),
        pytest.param(
            [(1, 1, True), (1, 2, False)],
            "In periode 1 zijn 1 van de 2 praktijkopdrachten gedaan.",
            id="een_niet_afgerond",
        ),
        pytest.param(
            [(1, 1, True), (2, 2, True)],
            "In periode 1 zijn 1 van de 2 praktijkopdrachten gedaan.",
            id="een_uit_een_andere_periode",
        ),
    ],
)
def test_een_periode_in_de_verdieping_vraagt_twee_praktijkopdrachten(opdrachten, verwacht):
    leerling = _op_verdieping()
    for periode, nummer, afgerond in opdrachten:
        leerling.with_record(
            "praktijkopdracht", plaatsing_id=2, periode=periode, nummer=nummer, afgerond=afgerond
        )
    assert reden("praktijkopdrachten_gedaan", leerling.build()) == verwacht


@pytest.mark.parametrize(
    ("afgerond", "verwacht"),
    [
        (0, "Er zijn 0 van de 3 periodes afgerond."),
        (2, "Er zijn 2 van de 3 periodes afgerond."),
        (3, None),
    ],
)
def test_de_verdieping_afronden_vraagt_drie_periodes(afgerond, verwacht):
    assert reden("drie_perioden_afgerond", _op_verdieping(afgerond).build()) == verwacht


@pytest.mark.parametrize(
    ("afgerond", "verwacht"),
    [
        pytest.param(2, None, id="de_derde_periode_is_nog_open"),
        pytest.param(3, "Alle 3 periodes zijn al afgerond.", id="na_de_derde_is_er_geen_meer"),
    ],
)
def test_na_drie_periodes_valt_er_geen_periode_meer_af_te_ronden(afgerond, verwacht):
    assert reden("periode_open", _op_verdieping(afgerond).build()) == verwacht
