"""The stage-overeenkomst as a PDF (issue #18): HTML/CSS from a Jinja2 template a school can
adapt, typeset by WeasyPrint (docs/OVEREENKOMST.md says why).

The same inputs give the same bytes: the template carries no date of rendering and
WeasyPrint writes no creation date or random document id unless asked (the embedded fonts'
timestamp is fixed below), so the SHA-256 a party
signs is the hash of the contract's content and can be checked again later.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from trajectory.domain.fouten import Conflict

SJABLONEN = Path(__file__).parent / "sjablonen"
SJABLOON = "stage_overeenkomst.html"
# a school's own templates: a directory whose stage_overeenkomst.html wins over ours
EIGEN_SJABLONEN = "TRAJECTORY_SJABLONEN"


@dataclass(frozen=True)
class School:
    """The school's details on the contract; a school sets them in its environment."""

    naam: str = "Praktijkschool De Viaan"
    adres: str = "Schoolstraat 1"
    postcode_plaats: str = "1234 AB Voorbeeld"
    telefoon: str = "010-1234567"
    email: str = "stage@deviaan.example"

    @classmethod
    def uit(cls, environ: Mapping[str, str]) -> School:
        standaard = cls()
        return cls(
            **{
                veld: environ.get(f"TRAJECTORY_SCHOOL_{veld.upper()}", getattr(standaard, veld))
                for veld in ("naam", "adres", "postcode_plaats", "telefoon", "email")
            }
        )


@dataclass(frozen=True)
class Contractgegevens:
    """Everything the PDF shows, as plain values (the use case reads them)."""

    school: School
    leerling_naam: str
    geboortedatum: date
    klas: str
    bedrijf: Mapping[str, Any]  # naam, adres, postcode, plaats, kvk, telefoon, email
    praktijkbegeleider: Mapping[str, Any]  # naam, functie, telefoon, email (may be empty)
    plaatsing: Mapping[str, Any]  # soort, sector, startdatum, einddatum
    rooster: Mapping[str, Mapping[str, Any]]  # dag -> start, eind, pauzes
    contract: Mapping[str, Any]  # the WVO art. 35 fields of the record
    velden: Mapping[str, str]  # field -> its Dutch label, in order
    partijen: tuple[str, ...] = field(default=())  # who signs, Dutch


def _omgeving(environ: Mapping[str, str]) -> Environment:
    mappen = [SJABLONEN]
    if eigen := environ.get(EIGEN_SJABLONEN):
        mappen.insert(0, Path(eigen))
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(str(m)) for m in mappen]),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
    )


def html(gegevens: Contractgegevens, environ: Mapping[str, str] | None = None) -> str:
    sjabloon = _omgeving(os.environ if environ is None else environ).get_template(SJABLOON)
    return sjabloon.render(g=gegevens)


class GeenPdf(Conflict):
    """This server cannot draw PDFs: WeasyPrint's Pango library is missing (README)."""

    bericht = (
        "Op deze server kan geen PDF van de overeenkomst gemaakt worden (de bibliotheek Pango "
        "ontbreekt; zie de README). Laat op papier tekenen en voeg de scan toe."
    )


@cache
def pdf_beschikbaar() -> bool:
    """Whether WeasyPrint loads: it needs the system's Pango (Debian libpango-1.0-0 and
    libpangoft2-1.0-0), which `make run`/`make test` install when they can."""
    try:
        _weasyprint()
    except (ImportError, OSError):
        return False
    return True


def _weasyprint() -> Any:
    with warnings.catch_warnings():  # Debian 12's HarfBuzz has no subset library: not needed
        warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
        import weasyprint  # type: ignore[import-untyped]  # imported on use (Pango)
    return weasyprint


def pdf(gegevens: Contractgegevens, environ: Mapping[str, str] | None = None) -> bytes:
    if not pdf_beschikbaar():
        raise GeenPdf()
    HTML = _weasyprint().HTML

    # fontTools stamps each embedded font subset with the time of rendering unless
    # SOURCE_DATE_EPOCH is set (the reproducible-builds convention): fixed, the bytes are too
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    return bytes(HTML(string=html(gegevens, environ)).write_pdf())


def sha256(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()
