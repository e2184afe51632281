"""An uitval carries a coded reason (for mail and reports) and free text (only in the app)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from trajectory.domain.records import UITVAL_CODES, Uitval


def test_een_gecodeerde_reden_heeft_geen_toelichting_nodig():
    assert Uitval.model_validate({"code": "verzuim"}).reden == ""


def test_bij_overig_of_zonder_code_is_de_toelichting_verplicht():
    for data in ({"code": "overig"}, {"reden": "   "}, {}):
        with pytest.raises(ValidationError) as fout:
            Uitval.model_validate(data)
        assert [e["loc"] for e in fout.value.errors()] == [("reden",)]


def test_een_onbekende_code_wordt_geweigerd_en_de_lijst_is_vast_en_nederlands():
    with pytest.raises(ValidationError):
        Uitval.model_validate({"code": "ruzie", "reden": "x"})
    assert "overig" in UITVAL_CODES
    assert all(label == label.strip() and label for label in UITVAL_CODES.values())
