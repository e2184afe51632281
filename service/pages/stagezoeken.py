"""Stage zoeken on the leerling page (issue #17): the companies that fit, the kandidaat list and
its actions, and a candidate that becomes the placement in one step.

The section sits on the leerling page in state `stage_zoeken` (its top matches); the page
`/leerlingen/{id}/stage-zoeken` shows more, for another start date. Every post goes through
`usecases/stagezoeken.py`; what is refused or invalid shows that page again with the reason,
success redirects (POST-redirect-GET) with a sentence.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, FormDep, Sessions
from service.foutsoorten import STATUS, status_van
from service.pages.foutteksten import per_veld
from service.templating import page
from trajectory.domain.access import Actor, may_read_bedrijven, may_record
from trajectory.domain.invoer import PadId
from trajectory.domain.snapshot import SECTOREN
from trajectory.domain.stagezoeken import AFGESLOTEN, KANDIDAAT_STATUSSEN
from trajectory.usecases import stagezoeken
from trajectory.usecases.fouten import Ongeldig, VersionConflict
from trajectory.usecases.geweigerd import Geweigerd
from trajectory.usecases.laden import zichtbare_leerling

router = APIRouter(include_in_schema=False)

OP_DE_LEERLINGPAGINA = 5  # matches in the section; the page shows up to MAX_GETOOND
GELUKT = {
    "kandidaat": "Het bedrijf staat op de lijst van benaderde bedrijven.",
    "status": "De nieuwe stand van het contact is vastgelegd.",
}
NIET_OPGESLAGEN = "Dit is niet opgeslagen."
# the statuses a person picks for an open candidate (accepting goes through "wordt de stage")
KEUZES = {s: label for s, label in KANDIDAAT_STATUSSEN.items() if s != "geaccepteerd"}


def sectie(request: Request, leerling: dict[str, Any]) -> dict[str, Any]:
    """The leerling page's "Stage zoeken" section, for a leerling in `stage_zoeken` and a
    viewer who may read the register; else nothing."""
    actor: Actor = request.state.actor
    if leerling["state"] != stagezoeken.ZOEKEN or not may_read_bedrijven(actor):
        return {"stage_zoeken": None}
    return {"stage_zoeken": _inhoud(request, leerling["id"], None, OP_DE_LEERLINGPAGINA)}


def _inhoud(request: Request, leerling_id: int, start: date | None, aantal: int) -> dict[str, Any]:
    state, actor = request.app.state, request.state.actor
    zoek = stagezoeken.zoek(
        state.sessions, leerling_id, actor=actor, clock=state.clock, start=start, aantal=aantal
    )
    afstanden = {m.bedrijf_id: m.afstand.km for m in zoek.matches}
    return {
        "zoek": zoek,
        "leerling_id": leerling_id,
        "sectoren": [(s, SECTOREN[s]) for s in zoek.sectoren],
        "alle_sectoren": SECTOREN,
        "limiet": f"{zoek.limiet_km:g}".replace(".", ","),
        "mag": may_record(actor, "kandidaat"),
        "keuzes": KEUZES,
        "statussen": KANDIDAAT_STATUSSEN,
        "afgesloten": AFGESLOTEN,
        "afstanden": afstanden,
        "meer": zoek.gevonden > len(zoek.matches),
        "op_de_leerlingpagina": aantal < stagezoeken.MAX_GETOOND,
    }


def _toon(
    request: Request,
    leerling_id: int,
    *,
    start: date | None = None,
    melding: str | None = None,
    fouten: dict[str, list[str]] | None = None,
    gelukt: str | None = None,
    status_code: int = 200,
) -> Response:
    sessions, actor = request.app.state.sessions, request.state.actor
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        kop = {"id": leerling.id, "naam": leerling.naam, "state": leerling.state}
    context = {
        "leerling": kop,
        "stage_zoeken": _inhoud(request, leerling_id, start, stagezoeken.MAX_GETOOND),
        "melding": melding,
        "fouten": fouten or {},
        "gelukt": GELUKT.get(gelukt or ""),
    }
    return page(request, "leerling/stage_zoeken.html", context, status_code=status_code)


@router.get("/leerlingen/{leerling_id}/stage-zoeken")
def stage_zoeken_pagina(
    request: Request,
    leerling_id: PadId,
    actor: ActorDep,
    start: date | None = None,
    gelukt: str | None = None,
) -> Response:
    return _toon(request, leerling_id, start=start, gelukt=gelukt)


def _tekst(form: FormData, veld: str) -> str:
    return str(form.get(veld, "")).strip()


def _uitvoeren(request: Request, leerling_id: int, poging: Any, gelukt: str) -> Response:
    try:
        result = poging()
    except ValidationError as exc:
        fouten = per_veld(exc)
        melding = " ".join([NIET_OPGESLAGEN, *(m for ms in fouten.values() for m in ms)])
        return _toon(request, leerling_id, melding=melding, fouten=fouten, status_code=422)
    except (Ongeldig, VersionConflict) as exc:
        melding = f"{NIET_OPGESLAGEN} {exc.bericht}"
        return _toon(request, leerling_id, melding=melding, status_code=status_van(exc))
    if isinstance(result, Geweigerd):
        melding = " ".join([result.inleiding, *result.redenen])
        return _toon(request, leerling_id, melding=melding, status_code=STATUS["geweigerd"])
    if gelukt == "plaatsing":  # the placement: the leerling page confirms it (and its rooster)
        return RedirectResponse(f"/leerlingen/{leerling_id}?gelukt=plaatsing", status_code=303)
    return RedirectResponse(
        f"/leerlingen/{leerling_id}/stage-zoeken?gelukt={gelukt}#kandidaten", status_code=303
    )


@router.post("/leerlingen/{leerling_id}/kandidaten")
def kandidaat_toevoegen(
    request: Request,
    leerling_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    data = {"stagebedrijf_id": _tekst(form, "stagebedrijf_id"), "notitie": _tekst(form, "notitie")}
    return _uitvoeren(
        request,
        leerling_id,
        lambda: stagezoeken.leg_kandidaat_vast(
            sessions, leerling_id, data, actor=actor, clock=clock
        ),
        "kandidaat",
    )


@router.post("/leerlingen/{leerling_id}/kandidaten/{stagebedrijf_id}/status")
def kandidaat_status(
    request: Request,
    leerling_id: PadId,
    stagebedrijf_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    data = {
        "stagebedrijf_id": stagebedrijf_id,
        "status": _tekst(form, "status"),
        "gesprek_op": _tekst(form, "gesprek_op") or None,
        "notitie": _tekst(form, "notitie"),
    }
    return _uitvoeren(
        request,
        leerling_id,
        lambda: stagezoeken.leg_kandidaat_vast(
            sessions, leerling_id, data, actor=actor, clock=clock
        ),
        "status",
    )


@router.post("/leerlingen/{leerling_id}/kandidaten/{stagebedrijf_id}/stage")
def wordt_de_stage(
    request: Request,
    leerling_id: PadId,
    stagebedrijf_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    plaatsing = {
        "sector": _tekst(form, "sector"),
        "startdatum": _tekst(form, "startdatum"),
        "einddatum": _tekst(form, "einddatum") or None,
        "afstand_km": _tekst(form, "afstand_km").replace(",", ".") or None,
    }
    return _uitvoeren(
        request,
        leerling_id,
        lambda: stagezoeken.wordt_de_stage(
            sessions,
            leerling_id,
            stagebedrijf_id,
            plaatsing,
            actor=actor,
            clock=clock,
            notitie=_tekst(form, "notitie"),
        ),
        "plaatsing",
    )
