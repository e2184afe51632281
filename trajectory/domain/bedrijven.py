"""The register of stagebedrijven and their praktijkbegeleiders (issue #17, DOMAIN.md
*Stagebedrijven and praktijkbegeleiders*): what a company is, how it is asked for, and the one
rule by which two typed names are the same company.

A company's row is its current state, like a leerling's: an edit is a compare-and-set on the
version the user saw and one audit event with every field's old and new value
(usecases/bedrijven.py). The placements at a company are its history; they are never changed by
an edit of the company.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from trajectory.domain.bedrijfsregels import (  # the rules guards read, here for the register
    GEEN_NIEUWE_PLAATSING as GEEN_NIEUWE_PLAATSING,
)
from trajectory.domain.bedrijfsregels import erkend_op as erkend_op
from trajectory.domain.bedrijfsregels import vrije_plaatsen as vrije_plaatsen
from trajectory.domain.gegevens import Email, Telefoon
from trajectory.domain.invoer import MAX_TEKST, Datum, Geheel, Invoer, Korte
from trajectory.domain.snapshot import SECTOREN

# the ten Noa sectors and dagbesteding (beleidsplan 3.4: a dagbestedingsinstantie)
DAGBESTEDING = "dagbesteding"
BEDRIJFSSECTOREN: dict[str, str] = {**SECTOREN, DAGBESTEDING: "Dagbesteding"}
STATUSSEN: dict[str, str] = {
    "actief": "actief",
    "gepauzeerd": "gepauzeerd",
    "geblokkeerd": "geblokkeerd",
}
# the school's own groepsstage (domain/effects.py, GROEPSSTAGE_LOCATIE) is at no company
ZONDER_BEDRIJF = "groepsstage"
MAX_PLAATSEN = 500  # places at one company at a time: beyond it a typing error
MAX_PRAKTIJKBEGELEIDERS = 50

_SPATIES = re.compile(r"\s+")
_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")
_POSTCODE_FOUT = "Een postcode is vier cijfers en twee letters, zoals 3811 AB."
_KVK_FOUT = "Een KvK-nummer bestaat uit 8 cijfers."


def schone_naam(naam: str) -> str:
    """A typed name as written, with its runs of whitespace made one space."""
    return _SPATIES.sub(" ", unicodedata.normalize("NFC", naam)).strip()


def naam_sleutel(naam: str) -> str:
    """The one rule by which two typed names are the same company: case, accents' composed or
    decomposed form and runs of whitespace do not count ("Bakkerij  de Korrel " is
    "bakkerij de korrel")."""
    return schone_naam(naam).casefold()


@dataclass(frozen=True)
class Samenvoeging:
    """One company made from free-text names: the name it gets (the most used spelling, then
    the first in sort order) and every spelling it takes in, with its number of placements."""

    sleutel: str
    naam: str
    spellingen: tuple[tuple[str, int], ...]

    @property
    def plaatsingen(self) -> int:
        return sum(aantal for _, aantal in self.spellingen)


def samenvoegen(namen: Iterable[str]) -> list[Samenvoeging]:
    """The companies the free-text `bedrijf` values of placements become (migration 0020 and
    `trajectory migrate --dry-run` call this same function), by name."""
    tellingen: dict[str, dict[str, int]] = {}
    for naam in namen:
        schoon = schone_naam(naam)
        if not schoon:
            continue
        per_spelling = tellingen.setdefault(naam_sleutel(schoon), {})
        per_spelling[schoon] = per_spelling.get(schoon, 0) + 1
    uitkomst = []
    for sleutel, per_spelling in tellingen.items():
        spellingen = tuple(sorted(per_spelling.items(), key=lambda s: (-s[1], s[0])))
        uitkomst.append(Samenvoeging(sleutel, spellingen[0][0], spellingen))
    return sorted(uitkomst, key=lambda s: s.sleutel)


def postcode(waarde: str) -> str:
    """A Dutch postcode in its written form (3811 AB); ValueError with the Dutch rule."""
    gevonden = _POSTCODE.match(waarde.strip())
    if gevonden is None:
        raise ValueError(_POSTCODE_FOUT)
    return f"{gevonden[1]} {gevonden[2].upper()}"


def kvk_nummer(waarde: str) -> str:
    schoon = waarde.replace(" ", "").replace(".", "")
    if not (len(schoon) == 8 and schoon.isascii() and schoon.isdigit()):
        raise ValueError(_KVK_FOUT)
    return schoon


if TYPE_CHECKING:  # Literals built from the tables at run time: a str to the type checker
    Bedrijfssector = str
    Status = str
else:
    Bedrijfssector = Literal[tuple(BEDRIJFSSECTOREN)]
    Status = Literal[tuple(STATUSSEN)]

Kort = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Notitie = Annotated[str, StringConstraints(max_length=MAX_TEKST)]
Website = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200, pattern=r"^$|^https?://\S+$")
]
Graden = Annotated[float, Field(ge=-90, le=90)]
Lengte = Annotated[float, Field(ge=-180, le=180)]

# the fields of a company a person fills in, in the order the form shows them (the status has
# its own step, with a reason)
VELDEN = (
    "naam",
    "kvk",
    "adres",
    "postcode",
    "plaats",
    "sectoren",
    "telefoon",
    "email",
    "website",
    "notities",
    "erkenning_nummer",
    "erkenning_sectoren",
    "erkenning_geldig_tot",
    "erkenning_gecontroleerd_op",
    "samenwerkingsovereenkomst",
    "capaciteit",
    "breedtegraad",
    "lengtegraad",
)
VELD_LABELS = {
    "naam": "naam",
    "kvk": "KvK-nummer",
    "adres": "bezoekadres",
    "postcode": "postcode",
    "plaats": "plaats",
    "sectoren": "sectoren",
    "telefoon": "telefoon",
    "email": "e-mail",
    "website": "website",
    "notities": "notities",
    "erkenning_nummer": "SBB-erkenningsnummer",
    "erkenning_sectoren": "sectoren van de erkenning",
    "erkenning_geldig_tot": "erkenning geldig tot en met",
    "erkenning_gecontroleerd_op": "erkenning gecontroleerd op",
    "samenwerkingsovereenkomst": "samenwerkingsovereenkomst (WVO art. 36) van",
    "capaciteit": "stageplaatsen tegelijk",
    "breedtegraad": "breedtegraad",
    "lengtegraad": "lengtegraad",
}


class StagebedrijfIn(Invoer):
    """A company as registered; every field but the name may stay empty."""

    naam: Korte
    kvk: Kort = ""
    adres: Kort = ""
    postcode: Kort = ""
    plaats: Kort = ""
    sectoren: list[Bedrijfssector] = Field(default_factory=list, max_length=len(BEDRIJFSSECTOREN))
    telefoon: Telefoon = ""
    email: Email = ""
    website: Website = ""
    notities: Notitie = ""
    erkenning_nummer: Kort = ""
    erkenning_sectoren: list[Bedrijfssector] = Field(
        default_factory=list, max_length=len(BEDRIJFSSECTOREN)
    )
    erkenning_geldig_tot: Datum | None = None
    erkenning_gecontroleerd_op: Datum | None = None
    samenwerkingsovereenkomst: Datum | None = Field(
        default=None, description="Datum van de samenwerkingsovereenkomst (WVO art. 36)"
    )
    capaciteit: Annotated[Geheel, Field(ge=0, le=MAX_PLAATSEN)] | None = Field(
        default=None, description="Stageplaatsen tegelijk; leeg is onbeperkt"
    )
    breedtegraad: Graden | None = None
    lengtegraad: Lengte | None = None

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, waarde: str) -> str:
        return postcode(waarde) if waarde else ""

    @field_validator("kvk")
    @classmethod
    def _kvk(cls, waarde: str) -> str:
        return kvk_nummer(waarde) if waarde else ""

    @field_validator("sectoren", "erkenning_sectoren")
    @classmethod
    def _uniek(cls, waarde: list[str]) -> list[str]:
        return sorted(set(waarde))


class StagebedrijfWijziging(StagebedrijfIn):
    """An edit: the whole company as the form shows it, the version seen and a reason."""

    version: Geheel
    reden: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEKST)] = ""


class StatusIn(Invoer):
    status: Status
    reden: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEKST)]
    version: Geheel


class PraktijkbegeleiderIn(Invoer):
    """A praktijkbegeleider: the school's contact at the company (DOMAIN.md)."""

    naam: Korte
    functie: Kort = ""
    telefoon: Telefoon = ""
    email: Email = ""
    opgeleid: bool = Field(
        default=False, description="Heeft voorlichting en onderricht gehad (beleidsplan 5.2)"
    )
    actief: bool = Field(default=True, description="Uit dienst of gestopt: niet meer actief")


class PraktijkbegeleiderWijziging(PraktijkbegeleiderIn):
    version: Geheel
