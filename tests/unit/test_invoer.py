"""The bounds of every input (trajectory/domain/invoer.py): one rule for text, whole numbers
and dates, used by the models, the form readers and the CSV import."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from trajectory.domain.invoer import EERSTE_DATUM, GROOTSTE_ID, LAATSTE_DATUM, geheel_getal
from trajectory.domain.records import Beoordeling, Bezoek, Praktijkopdracht


@pytest.mark.parametrize(
    "tekst", ["²", "١٢", "1²", "-1", "0", "1.0", " ", "", str(GROOTSTE_ID + 1)]
)
def test_alleen_ascii_cijfers_binnen_de_kolom_zijn_een_geheel_getal(tekst):
    assert geheel_getal(tekst) is None


def test_een_gewoon_getal_tot_de_grootste_id_wordt_gelezen():
    assert geheel_getal(" 42 ") == 42
    assert geheel_getal(str(GROOTSTE_ID)) == GROOTSTE_ID
    assert geheel_getal("7", grootste=5) is None


@pytest.mark.parametrize("notitie", ["a\x00b", "\ud800", "x\udfffy"])
def test_een_nul_teken_of_losse_surrogaat_wordt_in_het_nederlands_geweigerd(notitie):
    with pytest.raises(ValidationError, match="ongeldig teken"):
        Bezoek.model_validate({"notitie": notitie})


def test_de_grenzen_van_het_datumbereik_zelf_mogen():
    assert Bezoek.model_validate({"datum": EERSTE_DATUM.isoformat()}).datum == EERSTE_DATUM
    assert Bezoek.model_validate({"datum": LAATSTE_DATUM}).datum == LAATSTE_DATUM
    with pytest.raises(ValidationError, match="controleer het jaar"):
        Bezoek.model_validate({"datum": date(LAATSTE_DATUM.year + 1, 1, 1)})


@pytest.mark.parametrize("waarde", [2.0, True])
def test_een_kommagetal_of_waarheidswaarde_is_geen_geheel_getal(waarde):
    with pytest.raises(ValidationError):
        Praktijkopdracht.model_validate({"periode": waarde, "nummer": 1, "afgerond": True})


def test_nan_is_geen_getal_in_een_model():
    with pytest.raises(ValidationError):
        Beoordeling.model_validate(
            {"soort": "tussentijds", "uitslag": "voldoende", "periode": float("nan")}
        )
