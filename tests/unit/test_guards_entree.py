"""Entree (mbo-1): bindend studieadvies, 650 uren and the praktijkexamen (beleidsplan 5.2)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import a_leerling, reden
from trajectory.domain.snapshot import Beleid

JAAR = "Er zijn in het opleidingsjaar (01-08-2024 t/m 31-07-2025)"


def _in_entree(*uren: float, beleid: Beleid | None = None):
    leerling = (
        a_leerling(
            geboren=date(2007, 5, 1), leerjaar="entree", state="entree", beleid=beleid or Beleid()
        )
        .with_plaatsing("individuele_stage", "afgerond")
        .with_plaatsing("entree", "lopend", erkend_leerbedrijf=True)
    )
    for u in uren:
        leerling.with_record("uren", uren=u, plaatsing_id=2)
    return leerling


@pytest.mark.parametrize(
    ("op", "ok"),
    [
        pytest.param(date(2024, 8, 1), False, id="begin_schooljaar"),
        pytest.param(date(2024, 11, 30), False, id="30_november"),
        pytest.param(date(2024, 12, 1), True, id="1_december"),
        pytest.param(date(2025, 1, 15), True, id="januari"),
        pytest.param(date(2025, 7, 31), True, id="eind_schooljaar"),
        pytest.param(date(2025, 8, 1), False, id="volgend_schooljaar"),
    ],
)
def test_het_bindend_studieadvies_kan_vanaf_1_december(op, ok):
    uitleg = reden("studieadvies_in_december", _in_entree().build(), op)
    if ok:
        assert uitleg is None
    else:
        december = date(op.year, 12, 1)
        assert uitleg == (
            f"Het bindend studieadvies wordt gegeven vanaf 1 december ({december:%d-%m-%Y})."
        )


@pytest.mark.parametrize(
    ("advies", "vastgelegd", "positief"),
    [
        pytest.param(None, False, False, id="geen_advies"),
        pytest.param(False, True, False, id="negatief"),
        pytest.param(True, True, True, id="positief"),
    ],
)
def test_het_studieadvies_moet_vastgelegd_en_voor_het_examen_positief_zijn(
    advies, vastgelegd, positief
):
    leerling = _in_entree()
    if advies is not None:
        leerling.with_record("studieadvies", positief=advies)
    snapshot = leerling.build()
    assert (reden("studieadvies_vastgelegd", snapshot) is None) is vastgelegd
    assert reden("studieadvies_positief", snapshot) == (
        None if positief else "Voor het examen is een positief bindend studieadvies nodig."
    )


@pytest.mark.parametrize(
    ("uren", "verwacht"),
    [
        pytest.param(
            [],
            f"{JAAR} 0,0 stage-uren geregistreerd; voor het examen zijn er 650 nodig.",
            id="geen_uren",
        ),
        pytest.param(
            [600, 49.5],
            f"{JAAR} 649,5 stage-uren geregistreerd; voor het examen zijn er 650 nodig.",
            id="649_5_uur",
        ),
        pytest.param([600, 50], None, id="650_uur"),
        pytest.param([21] * 31, None, id="31_weken_van_21_uur"),
    ],
)
def test_voor_het_examen_zijn_650_uren_nodig(uren, verwacht):
    assert reden("uren_650", _in_entree(*uren).build()) == verwacht


def test_uren_van_een_andere_stage_tellen_niet_mee_voor_het_examen():
    leerling = _in_entree(600).with_record("uren", uren=100, plaatsing_id=1).build()
    assert reden("uren_650", leerling) == (
        f"{JAAR} 600,0 stage-uren geregistreerd; voor het examen zijn er 650 nodig."
    )


def test_minimaal_650_stage_werkuren_gedurende_dit_opleidingsjaar_over_alle_entree_stages():
    # an uitval in November and a new Entree placement: both placements' hours count
    leerling = (
        a_leerling(geboren=date(2007, 5, 1), leerjaar="entree", state="entree")
        .with_plaatsing("entree", "afgebroken", startdatum=date(2024, 9, 2))
        .with_plaatsing("entree", "lopend", startdatum=date(2024, 12, 2))
        .with_record("uren", datum=date(2024, 10, 1), uren=300, plaatsing_id=1)
        .with_record("uren", datum=date(2025, 3, 3), uren=350, plaatsing_id=2)
        .build()
    )
    assert reden("uren_650", leerling, date(2025, 5, 1)) is None


def test_uren_van_een_vorig_opleidingsjaar_tellen_niet_mee():
    leerling = (
        a_leerling(geboren=date(2007, 5, 1), leerjaar="entree", state="entree")
        .with_plaatsing("entree", "afgebroken", startdatum=date(2024, 3, 4))
        .with_plaatsing("entree", "lopend", startdatum=date(2024, 9, 2))
        .with_record("uren", datum=date(2024, 7, 31), uren=300, plaatsing_id=1)
        .with_record("uren", datum=date(2024, 8, 1), uren=350, plaatsing_id=2)
        .build()
    )
    assert reden("uren_650", leerling, date(2025, 5, 1)) == (
        f"{JAAR} 350,0 stage-uren geregistreerd; voor het examen zijn er 650 nodig."
    )


def _verlengd(examendatum: date):
    """An uitval in Entree in May 2025, a verlenging to `examendatum`, a new placement."""
    return (
        a_leerling(geboren=date(2007, 5, 1), leerjaar="entree", state="entree")
        .with_plaatsing("entree", "afgebroken", startdatum=date(2024, 9, 2))
        .with_record("uren", datum=date(2025, 3, 3), uren=500, plaatsing_id=1)
        .with_record("verlenging", datum=date(2025, 5, 20), examendatum=examendatum)
        .with_plaatsing("entree", "lopend", startdatum=date(2025, 9, 1))
        .with_record("uren", datum=date(2025, 10, 6), uren=150, plaatsing_id=2)
    )


@pytest.mark.parametrize(
    ("op", "verwacht"),
    [
        pytest.param(date(2025, 12, 19), None, id="op_de_nieuwe_examendatum"),
        pytest.param(
            date(2025, 12, 20),
            "Er zijn in het opleidingsjaar (01-08-2025 t/m 31-07-2026) 150,0 stage-uren "
            "geregistreerd; voor het examen zijn er 650 nodig.",
            id="na_de_nieuwe_examendatum",
        ),
    ],
)
def test_na_uitval_in_entree_verlengt_een_verlenging_het_opleidingsjaar_tot_de_nieuwe_examendatum(
    op, verwacht
):
    assert reden("uren_650", _verlengd(date(2025, 12, 19)).build(), op) == verwacht


def test_na_een_verlenging_kan_aanmelden_voor_de_nieuwe_examendatum_zonder_op_mei_te_wachten():
    leerling = _verlengd(date(2025, 12, 19)).build()
    assert reden("vanaf_mei", leerling, date(2025, 12, 1)) is None
    assert reden("vanaf_mei", leerling, date(2025, 12, 20)) == (
        "Aanmelden voor het praktijkexamen kan vanaf mei (01-05-2026)."
    )


def test_de_uren_staan_in_de_reden_met_een_punt_voor_duizendtallen():
    leerling = _in_entree(1000, 234.5, beleid=Beleid(entree_uren_examen=1600)).build()
    assert reden("uren_650", leerling) == (
        f"{JAAR} 1.234,5 stage-uren geregistreerd; voor het examen zijn er 1600 nodig."
    )


@pytest.mark.parametrize(
    ("beoordelingen", "verwacht"),
    [
        pytest.param([], "De Entree-stage is nog niet beoordeeld.", id="geen"),
        pytest.param([("tussentijds", "voldoende", 1)], None, id="tussentijds_voldoende"),
        pytest.param(
            [("tussentijds", "voldoende", 1), ("stagebeoordeling", "onvoldoende", 2)],
            "De laatste beoordeling van de Entree-stage is onvoldoende.",
            id="laatste_onvoldoende",
        ),
        pytest.param(
            [("tussentijds", "onvoldoende", 1), ("tussentijds", "voldoende", 2)],
            None,
            id="eerst_onvoldoende_dan_voldoende",
        ),
        pytest.param(
            [("mentor", "voldoende", 1)],
            "De Entree-stage is nog niet beoordeeld.",
            id="een_mentorbeoordeling_telt_niet",
        ),
    ],
)
def test_voor_het_examen_moet_de_stage_voldoende_zijn(beoordelingen, verwacht):
    leerling = _in_entree()
    for soort, uitslag, maand in beoordelingen:
        leerling.with_beoordeling(
            soort, uitslag, plaatsing_id=2, datum=date(2025, maand, 1), periode=1
        )
    assert reden("stage_voldoende", leerling.build()) == verwacht


def test_zonder_lopende_entree_stage_is_de_stage_niet_voldoende():
    leerling = a_leerling(leerjaar="entree", state="entree").build()
    assert reden("stage_voldoende", leerling) == "Er is geen lopende Entree-stage."


@pytest.mark.parametrize(
    ("op", "ok"),
    [
        pytest.param(date(2025, 4, 30), False, id="30_april"),
        pytest.param(date(2025, 5, 1), True, id="1_mei"),
        pytest.param(date(2025, 7, 31), True, id="31_juli"),
        pytest.param(date(2025, 8, 1), True, id="herkansing_na_de_zomer"),
        pytest.param(date(2024, 12, 1), False, id="december"),
    ],
)
def test_aanmelden_voor_het_praktijkexamen_kan_vanaf_mei(op, ok):
    uitleg = reden("vanaf_mei", _in_entree().build(), op)
    assert uitleg == (
        None if ok else "Aanmelden voor het praktijkexamen kan vanaf mei (01-05-2025)."
    )


@pytest.mark.parametrize(("geslaagd", "ok"), [(True, True), (False, True), (None, False)])
def test_het_examen_afronden_vraagt_de_uitslag(geslaagd, ok):
    leerling = a_leerling(leerjaar="entree", state="praktijkexamen")
    if geslaagd is not None:
        leerling.with_record("examenresultaat", geslaagd=geslaagd, nieuw=True)
    uitleg = reden("examenresultaat_vastgelegd", leerling.build())
    assert uitleg == (None if ok else "De uitslag van het praktijkexamen is nog niet vastgelegd.")
