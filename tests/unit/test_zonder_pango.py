"""Without Pango (a system library outside the project) WeasyPrint does not load: the server
says so in Dutch instead of failing, and the demo signs on paper (README, make run)."""

import sys

import pytest

from trajectory.documenten import overeenkomst as document
from trajectory.domain.fouten import Conflict


@pytest.fixture
def zonder_weasyprint(monkeypatch):
    monkeypatch.setitem(
        sys.modules, "weasyprint", None
    )  # `import weasyprint` fails as without Pango
    document.pdf_beschikbaar.cache_clear()
    yield
    document.pdf_beschikbaar.cache_clear()


def test_zonder_pango_geen_pdf_maar_een_nederlandse_uitleg(zonder_weasyprint):
    assert not document.pdf_beschikbaar()
    with pytest.raises(Conflict, match="Pango ontbreekt.*scan"):
        document.pdf(None)  # type: ignore[arg-type]  # refused before the data is read


@pytest.mark.pdf
def test_met_pango_wel():
    document.pdf_beschikbaar.cache_clear()
    assert document.pdf_beschikbaar()
