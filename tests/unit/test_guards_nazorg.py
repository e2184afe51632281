"""Uitstroom and nazorg: profiel and bestemming, contacts, two years (beleidsplan 7)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import a_leerling, reden
from trajectory.guards.nazorg import UITSTROOMPROFIELEN

VERTREK = date(2025, 7, 11)


@pytest.mark.parametrize("profiel", UITSTROOMPROFIELEN)
def test_uitstromen_kan_met_profiel_bestemming_en_vertrekdatum(profiel):
    leerling = a_leerling(leerjaar="5", state="uitstroom").with_record(
        "uitstroom", profiel=profiel, bestemming="Albert Heijn", vertrekdatum=VERTREK, nieuw=True
    )
    assert reden("uitstroomprofiel_vastgelegd", leerling.build()) is None


@pytest.mark.parametrize(
    ("gegevens", "ontbreekt"),
    [
        pytest.param(
            {"bestemming": "ROC Entree", "vertrekdatum": VERTREK},
            "het uitstroomprofiel",
            id="zonder_profiel",
        ),
        pytest.param(
            {"profiel": "vakantie", "bestemming": "ROC", "vertrekdatum": VERTREK},
            "het uitstroomprofiel",
            id="onbekend_profiel",
        ),
        pytest.param(
            {"profiel": "leren", "bestemming": "  ", "vertrekdatum": VERTREK},
            "de bestemming",
            id="lege_bestemming",
        ),
        pytest.param(
            {"profiel": "arbeid", "bestemming": "Albert Heijn"},
            "de datum van vertrek",
            id="zonder_vertrekdatum",
        ),
        pytest.param({}, "het uitstroomprofiel, de bestemming, de datum van vertrek", id="niets"),
    ],
)
def test_uitstromen_noemt_wat_er_ontbreekt(gegevens, ontbreekt):
    leerling = a_leerling(leerjaar="5", state="uitstroom").with_record(
        "uitstroom", nieuw=True, **gegevens
    )
    assert reden("uitstroomprofiel_vastgelegd", leerling.build()) == f"Leg vast: {ontbreekt}."


@pytest.mark.parametrize(
    ("nieuw", "ok"),
    [pytest.param(True, True, id="in_deze_stap"), pytest.param(False, False, id="een_oud_contact")],
)
def test_een_nazorgcontact_vraagt_een_nieuw_vastgelegd_contact(nieuw, ok):
    leerling = a_leerling(state="nazorg", vertrekdatum=VERTREK).with_record(
        "nazorg_contact", met_wie="werkgever", hoe_gaat_het="Goed", nieuw=nieuw
    )
    uitleg = reden("nazorgcontact_vastgelegd", leerling.build())
    assert uitleg == (None if ok else "Leg het nazorgcontact vast (met wie, hoe het gaat, actie).")


@pytest.mark.parametrize(
    ("vertrek", "op", "einde"),
    [
        pytest.param(VERTREK, date(2027, 7, 10), "11-07-2027", id="de_dag_voor_twee_jaar"),
        pytest.param(VERTREK, date(2027, 7, 11), None, id="twee_jaar_op_de_dag"),
        pytest.param(VERTREK, date(2028, 1, 1), None, id="later"),
        pytest.param(date(2024, 2, 29), date(2026, 2, 27), "28-02-2026", id="29_feb_dag_ervoor"),
        pytest.param(date(2024, 2, 29), date(2026, 2, 28), None, id="29_feb_op_28_feb"),
    ],
)
def test_de_nazorg_sluit_twee_jaar_na_vertrek(vertrek, op, einde):
    leerling = a_leerling(leerjaar="5", state="nazorg", vertrekdatum=vertrek).build()
    uitleg = reden("nazorg_twee_jaar_of_besluit", leerling, op)
    if einde is None:
        assert uitleg is None
    else:
        assert uitleg == (
            f"De nazorg loopt tot {einde} (twee jaar na vertrek); eerder afsluiten "
            "kan alleen met een besluit van de teamleider."
        )


@pytest.mark.parametrize("vertrek", [VERTREK, None], ids=["met_vertrekdatum", "zonder"])
def test_met_een_afsluitbesluit_sluit_de_nazorg_eerder(vertrek):
    leerling = (
        a_leerling(leerjaar="5", state="nazorg", vertrekdatum=vertrek)
        .with_record("afsluitbesluit", reden="Verhuisd naar het buitenland", nieuw=True)
        .build()
    )
    assert reden("nazorg_twee_jaar_of_besluit", leerling, date(2025, 9, 1)) is None


def test_zonder_vertrekdatum_en_besluit_sluit_de_nazorg_niet():
    leerling = a_leerling(leerjaar="5", state="nazorg").build()
    assert reden("nazorg_twee_jaar_of_besluit", leerling) == "De datum van vertrek is niet bekend."
