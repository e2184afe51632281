"""Request and response bodies of the JSON API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from trajectory.domain.invoer import (
    GROOTSTE_ID,
    MAX_ITEMS,
    MAX_TEKST,
    Datum,
    Geheel,
    Id,
    Invoer,
    Korte,
)


class LeerlingIn(Invoer):
    naam: Korte
    geboortedatum: Datum
    leerjaar: Literal["1", "2", "3", "4", "5", "entree"]
    klas: str | None = Field(default=None, max_length=20)
    stagebegeleider_id: Id | None = None
    stage_ondersteuning: bool = False


class TriggerIn(Invoer):
    version: Geheel = Field(
        ge=0, le=GROOTSTE_ID, description="De versie van de leerling die de gebruiker zag"
    )
    payload: dict[str, Any] | None = Field(default=None, max_length=MAX_ITEMS)
    motivatie: str | None = Field(
        default=None,
        max_length=MAX_TEKST,
        description="Alleen teamleider: doorzetten ondanks falende guards",
    )


class VerdictOut(BaseModel):
    guard: str
    ok: bool
    reden: str | None


class OptieOut(BaseModel):
    trigger: str
    label: str
    dest: str
    allowed: bool
    failing: list[VerdictOut]


class PlaatsingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    soort: str
    status: str
    bedrijf: str
    sector: str | None
    startdatum: date
    einddatum: date | None
    dagdelen: list[str]
    # the company of the register (#17; its SBB erkenning is on the company: GET
    # /api/bedrijven/{id}); None for the school's own groepsstage
    stagebedrijf_id: int | None = None
    praktijkbegeleider_id: int | None = None
    afstand_km: float | None
    perioden_afgerond: int
    # corrections (#16): the version it replaces; when and why it was replaced or voided
    vervangt_id: int | None = None
    vervallen: datetime | None = None
    vervallen_reden: str | None = None
    dagbesteding: bool = False


class LeerlingKort(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    naam: str
    leerjaar: str
    klas: str | None
    state: str
    version: int


class UrenStandOut(BaseModel):
    """Entree: hours so far against the ≥ 21 h/week line and the 650 needed for the exam."""

    totaal: float
    lijn: float
    achter: bool
    tempo_per_week: float
    prognose: float
    haalbaar: bool
    gehaald: bool = Field(description="Het totaal haalt de uren die het examen vraagt")


class LeerlingOut(LeerlingKort):
    geboortedatum: date
    fase: str
    stagebegeleider_id: int | None
    stage_ondersteuning: bool
    definitieve_sector: str | None
    vertrekdatum: date | None
    trajectory_version: str
    triggers: list[OptieOut]
    plaatsingen: list[PlaatsingOut]
    waarschuwingen: list[str] = Field(description="Schoolbeleid: getoond, niet blokkerend")
    entree_uren: UrenStandOut | None = None
    nt2: bool = False
    verzorgers: list[dict[str, Any]] = Field(
        default_factory=list, description="Ouders/verzorgers: naam, relatie, e-mail, telefoon"
    )
    stappen_nu_geweigerd: list[str] = Field(
        default_factory=list,
        description="Gezette stappen die met de gewijzigde gegevens nu geweigerd zouden worden",
    )


class Pagina(BaseModel):
    items: list[LeerlingKort]
    totaal: int
    pagina: int
    per_pagina: int


class Overgang(BaseModel):
    van: str
    state: str
    version: int
    event_id: int
    override: bool


class Aangemaakt(BaseModel):
    id: int


class AuditEventOut(BaseModel):
    id: int
    tijd: str
    actor_id: int | None
    actor_rol: str
    soort: str
    trigger: str | None
    van: str | None
    naar: str | None
    guards: list[dict[str, Any]]
    override: bool
    payload: dict[str, Any] | None
    hash: str


class VerificatieOut(BaseModel):
    intact: bool
    eerste_fout_event: int | None = None
    reden: str | None = None
    keten: str | None = Field(
        default=None,
        description="De keten van de fout: leerling-<nummer>, school of tot-0028.",
        examples=["leerling-17"],
    )
    volgnummer: int | None = Field(
        default=None, description="De plaats van het event in zijn keten, vanaf 1."
    )
