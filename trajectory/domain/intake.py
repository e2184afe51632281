"""Go-live intake: a leerling entered at its current state with the minimum history that state
implies (DOMAIN.md, Corrections and intake), as data and pure functions.

What a state implies, and nothing more: the leerjaar, the running placement with its company,
rooster and completed periodes (on a placement, and at the praktijkexamen) and the last visit
(the visits count from there, or from the intake), the Entree hours so far, the voorlopig
advies given (after the Stagevoorbereiding), the definitieve sector (leerjaar 4 and 5), the
positive studieadvies the praktijkexamen presupposes, and for nazorg the vertrekdatum with the
uitstroom. Everything else (earlier beoordelingen, visits) is recorded afterwards as usual; the
guards of the next steps then judge the leerling like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from trajectory.domain.effects import GROEPSSTAGE_LOCATIE
from trajectory.domain.invoer import Datum, Geheel, Id, Invoer, Korte
from trajectory.domain.records import (
    RECORD_KINDS,
    Dagdeel,
    RecordIn,
    RoosterDag,
    Sector,
    Uren,
    Weekdag,
)
from trajectory.domain.snapshot import LEERJAREN, Record
from trajectory.guards.nazorg import UITSTROOMPROFIELEN
from trajectory.machines.definition import (
    BIJ_EEN_BEDRIJF,
    OP_STAGE,
    PHASES,
    STATES,
    VOORBEREIDING,
)

if TYPE_CHECKING:
    Toestand = str
    Leerjaar = str
else:
    Toestand = Literal[STATES]
    Leerjaar = Literal[LEERJAREN]

MAX_UREN = 2000.0  # more than a school year of Entree stage: a typing error
# the running placement a state implies, by the placement's soort
MET_PLAATSING = {**{state: state for state in OP_STAGE}, "praktijkexamen": "entree"}
MET_UREN = PHASES["Entree"]  # the Entree hours so far
MET_VERTREK = PHASES["Nazorg"]


class UrenTotNu(Uren):
    """The intake's one line of the Entree hours so far (`overgenomen`): a total, not a day of
    the presentielijst, so it is corrected as a total (up to MAX_UREN), not against the
    rooster of its day."""

    uren: float = Field(gt=0, le=MAX_UREN, description="Stage-uren tot nu toe (totaal)")


def correctie_schema(kind: str, data: Mapping[str, Any]) -> type[RecordIn]:
    """The schema a correction of this record is validated with: its kind's, except for the
    intake's hours so far."""
    if kind == "uren" and data.get("overgenomen"):
        return UrenTotNu
    return RECORD_KINDS[kind]


# the leerjaren a leerling can be in, in each state (the leerjaar follows the trajectory)
LEERJAREN_IN: dict[str, tuple[str, ...]] = {
    **{state: ("1", "2") for state in VOORBEREIDING},
    "groepsstage": ("3", "4", "5"),
    "individuele_stage": ("3",),
    "stage_zoeken": ("3", "4", "5", "entree"),
    "verdieping": ("4", "5"),
    "entree": ("entree",),
    "praktijkexamen": ("entree",),
    "uitgevallen": ("3", "4", "5", "entree"),
    "alternatief_programma": ("3", "4", "5", "entree"),
    "uitstroom": ("4", "5", "entree"),
    "nazorg": ("3", "4", "5", "entree"),
    "afgesloten": ("3", "4", "5", "entree"),
}
MET_SECTOR = ("4", "5")  # a definitieve sector from sector_kiezen on


def verklaring(op: date) -> str:
    return f"Overgenomen uit de administratie op {op:%d-%m-%Y}."


class IntakeIn(Invoer):
    """One leerling as the administration has it today."""

    naam: Korte
    geboortedatum: Datum
    leerjaar: Leerjaar
    klas: str | None = Field(default=None, max_length=20)
    stagebegeleider_id: Id | None = None
    stage_ondersteuning: bool = False
    state: Toestand
    advies: Literal["zelfstandig", "groepsstage"] | None = None
    bedrijf: Korte | None = None
    sector: Sector | None = None
    startdatum: Datum | None = None
    einddatum: Datum | None = None
    dagdelen: list[Dagdeel] = Field(default_factory=list, max_length=10)
    rooster: dict[Weekdag, RoosterDag] | None = None
    perioden_afgerond: Geheel = Field(default=0, ge=0, le=3)
    laatste_bezoek: Datum | None = Field(
        default=None, description="Het laatste stagebezoek; leeg: de visites tellen vanaf vandaag"
    )
    uren: float | None = Field(default=None, ge=0, le=MAX_UREN)
    studieadvies_positief: bool | None = None
    definitieve_sector: Sector | None = None
    vertrekdatum: Datum | None = None
    uitstroomprofiel: Literal[UITSTROOMPROFIELEN] | None = None  # type: ignore[valid-type]
    bestemming: Korte | None = None

    @model_validator(mode="after")
    def _wat_de_fase_vraagt(self) -> IntakeIn:
        if fouten := intake_fouten(self):
            raise ValueError("; ".join(fouten))
        return self


def intake_fouten(i: IntakeIn) -> list[str]:
    """What the state asks that is missing or does not fit, in Dutch."""
    fouten = []
    fase = i.state.replace("_", " ")
    if i.leerjaar not in LEERJAREN_IN[i.state]:
        jaren = ", ".join(LEERJAREN_IN[i.state])
        fouten.append(f"in de fase {fase} is het leerjaar {jaren}, niet {i.leerjaar}")
    if i.state in MET_PLAATSING:
        if i.startdatum is None:
            fouten.append(f"in de fase {fase} is de startdatum van de stage nodig")
        if i.state != "groepsstage" and (i.bedrijf is None or i.sector is None):
            fouten.append(f"in de fase {fase} zijn het stagebedrijf en de sector nodig")
        if i.state == "groepsstage" and not i.dagdelen:
            fouten.append("in de groepsstage zijn de dagdelen nodig")
    if i.startdatum and i.einddatum and i.einddatum < i.startdatum:
        fouten.append("de einddatum van de stage ligt voor de startdatum")
    if i.startdatum and i.laatste_bezoek and i.laatste_bezoek < i.startdatum:
        fouten.append("het laatste stagebezoek ligt voor de startdatum van de stage")
    if i.uren and i.state not in MET_UREN:
        fouten.append("stage-uren neemt u alleen over in de fase entree of praktijkexamen")
    if i.leerjaar in MET_SECTOR and i.state not in VOORBEREIDING and not _sector(i):
        fouten.append(f"in leerjaar {i.leerjaar} is de definitieve sector nodig")
    if i.state in MET_VERTREK and i.vertrekdatum is None:
        fouten.append(f"in de fase {fase} is de vertrekdatum nodig")
    if i.state == "nazorg" and (i.uitstroomprofiel is None or i.bestemming is None):
        fouten.append("in de nazorg zijn het uitstroomprofiel en de bestemming nodig")
    return fouten


def _sector(i: IntakeIn) -> str | None:
    return i.definitieve_sector or (i.sector if i.state == "verdieping" else None)


@dataclass(frozen=True)
class Geschiedenis:
    """What the intake stores besides the leerling: its fields, a placement, records (the
    placement's id is filled in by the store; `plaatsing_id` -1 stands for it)."""

    leerling: dict[str, Any]
    plaatsing: dict[str, Any] | None
    records: tuple[Record, ...]


NIEUWE_PLAATSING = -1


def geschiedenis(i: IntakeIn, op: date) -> Geschiedenis:
    """The minimum history of the state, dated on the intake day (the hours on the start of
    the placement they were made on, so the pace of the weeks after the intake is its own)."""
    uitleg = {"overgenomen": True, "toelichting": verklaring(op)}
    records: list[Record] = []
    if i.state not in VOORBEREIDING:
        advies = i.advies or ("groepsstage" if i.state == "groepsstage" else "zelfstandig")
        records.append(Record("voorlopig_advies", op, {"advies": advies, **uitleg}))
    plaatsing = None
    if (soort := MET_PLAATSING.get(i.state)) and i.startdatum:
        plaatsing = {
            "soort": soort,
            "status": "lopend",
            "bedrijf": i.bedrijf or GROEPSSTAGE_LOCATIE,
            "sector": i.sector,
            "startdatum": i.startdatum,
            "einddatum": i.einddatum,
            "dagdelen": list(i.dagdelen),
            "perioden_afgerond": i.perioden_afgerond,
        }
        if soort in BIJ_EEN_BEDRIJF:  # the visits count from the last one, or from the intake
            bezoek = {"notitie": verklaring(op), "overgenomen": True}
            records.append(Record("bezoek", i.laatste_bezoek or op, bezoek, NIEUWE_PLAATSING))
        if i.rooster:
            dagen = {dag: d.model_dump(mode="json") for dag, d in i.rooster.items()}
            records.append(Record("rooster", op, {"dagen": dagen}, NIEUWE_PLAATSING))
        if i.uren:
            uren = {"uren": i.uren, **uitleg}
            records.append(Record("uren", i.startdatum, uren, NIEUWE_PLAATSING))
    if i.state == "praktijkexamen" or i.studieadvies_positief is not None:
        positief = i.state == "praktijkexamen" or bool(i.studieadvies_positief)
        records.append(Record("studieadvies", op, {"positief": positief, **uitleg}))
    if i.state == "nazorg" and i.vertrekdatum:
        uitstroom = {
            "profiel": i.uitstroomprofiel,
            "bestemming": i.bestemming,
            "vertrekdatum": i.vertrekdatum.isoformat(),
        }
        records.append(Record("uitstroom", op, {**uitstroom, **uitleg}))
    leerling = {
        "leerjaar": i.leerjaar,
        "definitieve_sector": _sector(i),
        "vertrekdatum": i.vertrekdatum if i.state in MET_VERTREK else None,
    }
    return Geschiedenis(leerling, plaatsing, tuple(records))
