"""Voorlopig advies: zelfstandig stagelopen (beleidsplan 2.2)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import OP, a_leerling, reden


def _met_startdatum(geboren: date, start: date | None):
    leerling = a_leerling(geboren=geboren, leerjaar="2", state="stage_advies")
    if start is not None:
        leerling.with_record(
            "voorlopig_advies", advies="zelfstandig", geplande_startdatum=start, nieuw=True
        )
    return leerling.build()


@pytest.mark.parametrize(
    ("geboren", "start", "op", "leeftijd"),
    [
        pytest.param(date(2011, 3, 10), date(2025, 3, 10), OP, None, id="op_de_14e_verjaardag"),
        pytest.param(date(2011, 3, 10), date(2025, 3, 9), OP, 13, id="de_dag_ervoor"),
        pytest.param(date(2012, 2, 29), date(2026, 2, 28), OP, 13, id="29_februari_op_28_feb"),
        pytest.param(date(2012, 2, 29), date(2026, 3, 1), OP, None, id="29_februari_op_1_maart"),
        pytest.param(date(2011, 3, 10), None, date(2025, 3, 9), 13, id="zonder_start_telt_vandaag"),
        pytest.param(
            date(2011, 3, 10), None, date(2025, 3, 10), None, id="zonder_start_14_vandaag"
        ),
    ],
)
def test_een_leerling_moet_op_de_startdatum_minstens_14_zijn(geboren, start, op, leeftijd):
    uitleg = reden("minstens_14_bij_start", _met_startdatum(geboren, start), op)
    if leeftijd is None:
        assert uitleg is None
    else:
        gepland = start or op
        assert uitleg == (
            f"Op de geplande startdatum ({gepland:%d-%m-%Y}) is de leerling {leeftijd} jaar; "
            "zelfstandig stagelopen kan vanaf 14 jaar."
        )


BEOORDELINGEN = [
    ("sociale_vaardigheden_voldoende", "sociale_vaardigheden", "sociale vaardigheden"),
    ("werkhouding_voldoende", "werkhouding", "leer- en werkhouding"),
    ("docentenadvies_positief", "docentenadvies", "advies van de betrokken docenten"),
    ("interne_stage_positief", "interne_stage", "interne stage"),
    ("snuffelstage_positief", "snuffelstage", "snuffelstage"),
    ("mentorbeoordeling_positief", "mentor", "de mentor"),
]


@pytest.mark.parametrize(
    ("guard", "soort", "wat"), BEOORDELINGEN, ids=[b[0] for b in BEOORDELINGEN]
)
def test_zonder_beoordeling_zegt_de_guard_dat_die_nog_niet_is_vastgelegd(guard, soort, wat):
    uitleg = reden(guard, a_leerling(state="stage_advies").build())
    assert uitleg is not None
    assert wat in uitleg
    assert uitleg.endswith("is nog niet vastgelegd.")


@pytest.mark.parametrize(
    ("guard", "soort", "wat"), BEOORDELINGEN, ids=[b[0] for b in BEOORDELINGEN]
)
def test_een_onvoldoende_beoordeling_houdt_zelfstandig_stagelopen_tegen(guard, soort, wat):
    leerling = a_leerling(state="stage_advies").with_beoordeling(soort, "onvoldoende").build()
    uitleg = reden(guard, leerling)
    assert uitleg is not None
    assert wat in uitleg
    assert uitleg.endswith("is onvoldoende.")


@pytest.mark.parametrize(
    ("guard", "soort", "wat"), BEOORDELINGEN, ids=[b[0] for b in BEOORDELINGEN]
)
def test_een_latere_voldoende_telt_boven_een_eerdere_onvoldoende(guard, soort, wat):
    leerling = (
        a_leerling(state="stage_advies")
        .with_beoordeling(soort, "onvoldoende", datum=date(2025, 1, 10))
        .with_beoordeling(soort, "voldoende", datum=date(2025, 2, 10))
        .build()
    )
    assert reden(guard, leerling) is None


def test_een_voldoende_voor_iets_anders_telt_niet():
    leerling = a_leerling(state="stage_advies").with_beoordeling("interne_stage").build()
    assert reden("snuffelstage_positief", leerling) == (
        "De beoordeling van de snuffelstage is nog niet vastgelegd."
    )


@pytest.mark.parametrize(
    ("sectoren", "verwacht"),
    [
        pytest.param(None, "De Noa interessetest is nog niet gedaan.", id="niet_gedaan"),
        pytest.param(
            ["03"], "De Noa interessetest moet twee voorlopige sectoren opleveren.", id="een"
        ),
        pytest.param(
            ["03", "03"],
            "De Noa interessetest moet twee voorlopige sectoren opleveren.",
            id="twee_keer_dezelfde",
        ),
        pytest.param(["03", "04"], None, id="twee_sectoren"),
    ],
)
def test_de_noa_test_levert_twee_voorlopige_sectoren(sectoren, verwacht):
    leerling = a_leerling(state="stage_advies")
    if sectoren is not None:
        leerling.with_record("noa_test", sectoren=sectoren)
    assert reden("noa_test_twee_sectoren", leerling.build()) == verwacht


@pytest.mark.parametrize(
    ("besproken", "ok"),
    [pytest.param(None, False, id="geen"), (False, False), (True, True)],
)
def test_de_orientatie_vragenlijst_moet_besproken_zijn(besproken, ok):
    leerling = a_leerling(state="stage_advies")
    if besproken is not None:
        leerling.with_record("vragenlijst", besproken=besproken)
    uitleg = reden("vragenlijst_besproken", leerling.build())
    assert (uitleg is None) is ok
    if not ok:
        assert "vragenlijst" in uitleg
