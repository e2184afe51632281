"""Mijn meldingen: the whole inbox, unread first, paged; mark one or all read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, Sessions
from service.templating import page
from trajectory.domain.invoer import PadId
from trajectory.usecases.inbox import alles_gelezen, markeer_gelezen, mijn_meldingen

router = APIRouter(include_in_schema=False)
PER_PAGINA = 25
TERUG = {"vandaag": "/#meldingen", "meldingen": "/meldingen"}


@router.get("/meldingen")
def meldingen(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    with sessions() as session:
        rows, totaal = mijn_meldingen(session, actor, page=pagina, per_page=PER_PAGINA)
    context = {"meldingen": rows, "totaal": totaal, "pagina": pagina, "per_pagina": PER_PAGINA}
    return page(request, "meldingen/meldingen.html", context)


@router.post("/meldingen/{melding_id}/gelezen")
def gelezen(
    melding_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    terug: Annotated[str, Form(max_length=20)] = "vandaag",
) -> Response:
    if not markeer_gelezen(sessions, melding_id, actor, clock.now()):
        raise HTTPException(404, "Melding niet gevonden.")
    return RedirectResponse(TERUG.get(terug, "/"), status_code=303)


@router.post("/meldingen/alles-gelezen")
def alles(sessions: Sessions, actor: ActorDep, clock: ClockDep) -> Response:
    alles_gelezen(sessions, actor, clock.now())
    return RedirectResponse("/meldingen", status_code=303)
