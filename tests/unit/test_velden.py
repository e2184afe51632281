"""Web forms from the API's models and back: flat dotted names, nested data, Dutch messages."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from starlette.datastructures import FormData

from service.pages.foutteksten import per_veld, plaats
from service.pages.velden import Groep, alle_velden, gegevens, velden, waarden
from trajectory.domain.invoer import DATUM_FOUT, TEKST_FOUT
from trajectory.domain.records import Beoordeling, PlaatsingIn, Rooster, Vragenlijst


def soorten(model) -> dict[str, str]:
    return {v.naam: v.soort for v in alle_velden(velden(model))}


def test_een_weekrooster_wordt_een_veld_per_dag_met_begin_eind_en_pauzes():
    assert soorten(Rooster)["dagen.maandag.start"] == "tijd"
    assert soorten(Rooster)["dagen.zondag.pauzes"] == "getallen"
    assert soorten(Rooster)["motivatie"] == "tekstvak"
    dagen = next(v for v in velden(Rooster) if v.naam == "dagen")
    assert isinstance(dagen, Groep)
    assert not any(v.verplicht for v in alle_velden(dagen.velden))  # a day may stay empty


def test_keuzes_ja_nee_en_vinkjes_volgen_het_type_van_het_model():
    assert soorten(Beoordeling)["uitslag"] == "keuze"
    assert soorten(Beoordeling)["criteria.werkhouding"] == "keuze"
    assert soorten(Vragenlijst)["besproken"] == "janee"
    assert soorten(PlaatsingIn)["kassawerk"] == "vinkje"
    assert soorten(PlaatsingIn)["dagdelen"] == "vinkjes"
    assert soorten(PlaatsingIn)["bedrijf"] == "tekst"
    assert "plaatsing_id" not in soorten(Beoordeling)  # the running placement is the default


def test_lege_velden_vallen_weg_en_de_rest_wordt_geneste_data():
    items = velden(Rooster)
    form = FormData(
        [
            ("dagen.maandag.start", "09:00"),
            ("dagen.maandag.eind", "15:00"),
            ("dagen.maandag.pauzes", "15, 15"),
            ("dagen.dinsdag.start", ""),
            ("datum", ""),
        ]
    )

    data = gegevens(items, waarden(items, form))

    assert data == {
        "dagen": {"maandag": {"start": "09:00", "eind": "15:00", "pauzes": ["15", "15"]}}
    }
    assert Rooster.model_validate(data).dagen["maandag"].pauzes == [15, 15]


def test_ja_nee_en_een_vinkje_worden_waar_of_onwaar():
    vragenlijst = velden(Vragenlijst)
    plaatsing = velden(PlaatsingIn)

    assert gegevens(vragenlijst, {"besproken": "nee"}) == {"besproken": False}
    assert gegevens(plaatsing, {"kassawerk": "on", "afstand_km": "4,5"}) == {
        "kassawerk": True,
        "afstand_km": "4.5",
    }


def test_een_fout_van_het_model_staat_bij_het_veld_met_dezelfde_naam_in_het_nederlands():
    items = velden(Rooster)
    data = gegevens(items, {"dagen.maandag.start": "09:00", "dagen.maandag.eind": "laat"})

    with pytest.raises(ValidationError) as fout:
        Rooster.model_validate(data)

    assert per_veld(fout.value) == {"dagen.maandag.eind": ["Dit is geen tijd (uu:mm)."]}


def test_een_regel_van_het_hele_model_staat_boven_het_formulier():
    with pytest.raises(ValidationError) as fout:
        PlaatsingIn.model_validate(
            {"bedrijf": "X", "sector": "04", "startdatum": "2025-03-03", "einddatum": "2025-01-01"}
        )

    assert plaats(per_veld(fout.value), {"bedrijf", "einddatum"}) == {
        "": ["Einddatum ligt voor de startdatum."]
    }


def test_een_datum_buiten_het_bereik_en_een_nul_teken_krijgen_op_het_formulier_hun_eigen_uitleg():
    with pytest.raises(ValidationError) as fout:
        PlaatsingIn.model_validate({"bedrijf": "X\x00", "sector": "04", "startdatum": "9999-12-31"})

    assert per_veld(fout.value) == {
        "bedrijf": [TEKST_FOUT],
        "startdatum": [DATUM_FOUT],
    }
