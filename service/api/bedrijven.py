"""JSON API for the register of stagebedrijven and their praktijkbegeleiders (issue #17): list
with filters, one company, register, edit with the version seen (a stale one is a 409), set the
status with a reason, and add or edit a praktijkbegeleider. The teamleider and the
stagebegeleiders manage the register; mentors read it (`domain.access`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from service import csv_export
from service.api.antwoorden import FOUTEN
from service.api.gegevens import GewijzigdOut
from service.api.schemas import Aangemaakt
from service.deps import ActorDep, ClockDep, Sessions
from trajectory.domain.bedrijven import (
    Bedrijfssector,
    PraktijkbegeleiderIn,
    PraktijkbegeleiderWijziging,
    StagebedrijfIn,
    StagebedrijfWijziging,
    Status,
    StatusIn,
)
from trajectory.domain.invoer import GROOTSTE_ID, Datum, PadId
from trajectory.usecases import bedrijven, bedrijvenlijst

router = APIRouter(tags=["stagebedrijven"], responses=FOUTEN)
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "Versieconflict: iemand anders wijzigde dit intussen"}
}

VOORBEELD_BEDRIJF: dict[str, Any] = {
    "naam": "Bakkerij De Korrel",
    "kvk": "12345678",
    "adres": "Korenstraat 12",
    "postcode": "3811 AB",
    "plaats": "Amersfoort",
    "sectoren": ["08"],
    "telefoon": "033-1234567",
    "email": "info@dekorrel.example",
    "website": "https://dekorrel.example",
    "erkenning_nummer": "100234",
    "erkenning_sectoren": ["08"],
    "erkenning_geldig_tot": "2027-07-31",
    "capaciteit": 2,
}
VOORBEELD_PB: dict[str, Any] = {
    "naam": "Anja de Wit",
    "functie": "Chef bakker",
    "telefoon": "06-12345678",
    "email": "anja@dekorrel.example",
    "opgeleid": True,
    "actief": True,
}


class BedrijfKortOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "naam": "Bakkerij De Korrel",
                    "plaats": "Amersfoort",
                    "sectoren": ["08"],
                    "status": "actief",
                    "erkenning_sectoren": ["08"],
                    "erkenning_geldig_tot": "2027-07-31",
                    "capaciteit": 2,
                    "bezet": 1,
                    "vrije_plaatsen": 1,
                    "version": 3,
                }
            ]
        },
    )
    id: int
    naam: str
    plaats: str
    sectoren: list[str]
    status: str
    erkenning_sectoren: list[str]
    erkenning_geldig_tot: date | None
    capaciteit: int | None = Field(description="Stageplaatsen tegelijk; leeg is onbeperkt")
    bezet: int = Field(description="Lopende plaatsingen nu")
    vrije_plaatsen: int | None = Field(description="Leeg: geen grens vastgelegd")
    version: int


class BedrijvenPagina(BaseModel):
    items: list[BedrijfKortOut]
    totaal: int
    pagina: int
    per_pagina: int


class PraktijkbegeleiderOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"id": 3, **VOORBEELD_PB}]})
    id: int
    naam: str
    functie: str
    telefoon: str
    email: str
    opgeleid: bool
    actief: bool
    version: int


class BedrijfOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    **VOORBEELD_BEDRIJF,
                    "notities": "",
                    "erkenning_gecontroleerd_op": "2025-09-01",
                    "samenwerkingsovereenkomst": "2025-08-25",
                    "breedtegraad": None,
                    "lengtegraad": None,
                    "status": "actief",
                    "status_reden": "",
                    "status_sinds": None,
                    "bezet": 1,
                    "vrije_plaatsen": 1,
                    "version": 3,
                    "praktijkbegeleiders": [{"id": 3, **VOORBEELD_PB, "version": 1}],
                }
            ]
        }
    )
    id: int
    naam: str
    kvk: str
    adres: str
    postcode: str
    plaats: str
    sectoren: list[str]
    telefoon: str
    email: str
    website: str
    notities: str
    erkenning_nummer: str
    erkenning_sectoren: list[str]
    erkenning_geldig_tot: date | None
    erkenning_gecontroleerd_op: date | None
    samenwerkingsovereenkomst: date | None
    capaciteit: int | None
    breedtegraad: float | None
    lengtegraad: float | None
    status: str
    status_reden: str
    status_sinds: datetime | None
    bezet: int
    vrije_plaatsen: int | None
    version: int
    praktijkbegeleiders: list[PraktijkbegeleiderOut]


Sector = Annotated[Bedrijfssector | None, Query(description="Een van de sectoren (01–10)")]
ErkendOp = Annotated[
    Datum | None,
    Query(description="Alleen bedrijven met een SBB-erkenning die op deze dag geldt (voor de "
          "gekozen sector, anders voor een sector)"),
]  # fmt: skip
Zoek = Annotated[str | None, Query(max_length=100, description="Deel van de naam")]
Pagina = Annotated[int, Query(ge=1, le=GROOTSTE_ID)]
PerPagina = Annotated[int, Query(ge=1, le=200)]
CSV: dict[int | str, dict[str, Any]] = {
    200: {"description": "Het register als CSV (puntkomma's, UTF-8 met BOM)",
          "content": {"text/csv": {"schema": {"type": "string"}}}},
}  # fmt: skip


def _filter(
    sector: str | None, status: str | None, erkend_op: date | None, vrij: bool, q: str | None
) -> bedrijvenlijst.Filter:
    return bedrijvenlijst.Filter(sector, status, erkend_op, vrij, (q or "").strip() or None)


@router.get("/api/bedrijven", response_model=BedrijvenPagina)
def lijst(
    sessions: Sessions,
    actor: ActorDep,
    sector: Sector = None,
    status: Annotated[Status | None, Query()] = None,
    erkend_op: ErkendOp = None,
    vrije_plaatsen: Annotated[bool, Query(description="Alleen met een vrije plaats")] = False,
    q: Zoek = None,
    pagina: Pagina = 1,
    per_pagina: PerPagina = 50,
) -> BedrijvenPagina:
    """The register by name, filtered; the mentor reads it too."""
    filt = _filter(sector, status, erkend_op, vrije_plaatsen, q)
    regels, totaal = bedrijvenlijst.lijst(
        sessions, filt, actor=actor, pagina=pagina, per_pagina=per_pagina
    )
    return BedrijvenPagina(
        items=[BedrijfKortOut.model_validate(r) for r in regels],
        totaal=totaal,
        pagina=pagina,
        per_pagina=per_pagina,
    )


@router.get("/api/bedrijven.csv", response_class=StreamingResponse, responses=CSV)
def lijst_csv(
    sessions: Sessions,
    actor: ActorDep,
    sector: Sector = None,
    status: Annotated[Status | None, Query()] = None,
    erkend_op: ErkendOp = None,
    vrije_plaatsen: Annotated[bool, Query(description="Alleen met een vrije plaats")] = False,
    q: Zoek = None,
) -> StreamingResponse:
    """The same list as CSV, every company the filter finds (the columns of the import)."""
    filt = _filter(sector, status, erkend_op, vrije_plaatsen, q)
    return csv_antwoord(bedrijvenlijst.export_rijen(sessions, filt, actor=actor))


def csv_antwoord(rijen: Any) -> StreamingResponse:
    """The register as a CSV download (also the page /bedrijven/export.csv)."""
    return StreamingResponse(
        csv_export.regels(bedrijvenlijst.EXPORT_KOLOMMEN, rijen),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="stagebedrijven.csv"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/api/bedrijven/{bedrijf_id}", response_model=BedrijfOut)
def toon(bedrijf_id: PadId, sessions: Sessions, actor: ActorDep) -> BedrijfOut:
    gevonden = bedrijvenlijst.bedrijf(sessions, bedrijf_id, actor=actor)
    return BedrijfOut(
        **gevonden.velden,
        bezet=gevonden.bezet,
        vrije_plaatsen=gevonden.vrije_plaatsen,
        praktijkbegeleiders=[PraktijkbegeleiderOut(**pb) for pb in gevonden.praktijkbegeleiders],
    )


@router.post("/api/bedrijven", status_code=201, response_model=Aangemaakt)
def registreer(
    body: Annotated[
        StagebedrijfIn,
        Body(
            openapi_examples={"bakkerij": {"summary": "Een bakkerij", "value": VOORBEELD_BEDRIJF}}
        ),
    ],
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> Aangemaakt:
    """A new company; a name already in the register (whatever its case or spacing) is 422."""
    data = body.model_dump(mode="json")
    return Aangemaakt(id=bedrijven.registreer(sessions, data, actor=actor, clock=clock))


@router.put("/api/bedrijven/{bedrijf_id}", response_model=GewijzigdOut, responses=CONFLICT)
def wijzig(
    bedrijf_id: PadId,
    body: Annotated[
        StagebedrijfWijziging,
        Body(
            openapi_examples={
                "capaciteit": {
                    "summary": "Een plaats erbij",
                    "value": {
                        **VOORBEELD_BEDRIJF,
                        "capaciteit": 3,
                        "version": 3,
                        "reden": "Nieuwe afspraak met de eigenaar.",
                    },
                }
            }
        ),
    ],
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> GewijzigdOut:
    """The whole company as it should be, with the version seen; each changed field is in
    the audit trail with its old and new value."""
    data = body.model_dump(mode="json")
    result = bedrijven.wijzig(sessions, bedrijf_id, data, actor=actor, clock=clock)
    return GewijzigdOut(
        version=result.version, wijzigingen=result.wijzigingen, event_id=result.event_id
    )


@router.post("/api/bedrijven/{bedrijf_id}/status", response_model=GewijzigdOut, responses=CONFLICT)
def zet_status(
    bedrijf_id: PadId,
    body: Annotated[
        StatusIn,
        Body(
            openapi_examples={
                "blokkeren": {
                    "summary": "Blokkeren na een incident",
                    "value": {
                        "status": "geblokkeerd",
                        "reden": "Onveilige situatie op de werkvloer gemeld.",
                        "version": 3,
                    },
                }
            }
        ),
    ],
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> GewijzigdOut:
    """Actief, gepauzeerd or geblokkeerd with a reason; a blocked company gets no new
    placement."""
    data = body.model_dump(mode="json")
    result = bedrijven.zet_status(sessions, bedrijf_id, data, actor=actor, clock=clock)
    return GewijzigdOut(
        version=result.version, wijzigingen=result.wijzigingen, event_id=result.event_id
    )


@router.post(
    "/api/bedrijven/{bedrijf_id}/praktijkbegeleiders", status_code=201, response_model=Aangemaakt
)
def voeg_praktijkbegeleider_toe(
    bedrijf_id: PadId,
    body: Annotated[
        PraktijkbegeleiderIn,
        Body(openapi_examples={"chef": {"summary": "De chef bakker", "value": VOORBEELD_PB}}),
    ],
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> Aangemaakt:
    data = body.model_dump(mode="json")
    pb_id = bedrijven.voeg_praktijkbegeleider_toe(
        sessions, bedrijf_id, data, actor=actor, clock=clock
    )
    return Aangemaakt(id=pb_id)


@router.put(
    "/api/praktijkbegeleiders/{praktijkbegeleider_id}",
    response_model=GewijzigdOut,
    responses=CONFLICT,
)
def wijzig_praktijkbegeleider(
    praktijkbegeleider_id: PadId,
    body: Annotated[
        PraktijkbegeleiderWijziging,
        Body(
            openapi_examples={
                "vertrokken": {
                    "summary": "Uit dienst",
                    "value": {**VOORBEELD_PB, "actief": False, "version": 1},
                }
            }
        ),
    ],
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> GewijzigdOut:
    """A praktijkbegeleider who left is set inactive, never deleted (placements name them);
    the trail names the changed fields, not their personal values."""
    data = body.model_dump(mode="json")
    result = bedrijven.wijzig_praktijkbegeleider(
        sessions, praktijkbegeleider_id, data, actor=actor, clock=clock
    )
    return GewijzigdOut(
        version=result.version, wijzigingen=result.wijzigingen, event_id=result.event_id
    )
