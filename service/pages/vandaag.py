"""Vandaag: the first page after logging in."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from service.deps import ActorDep, Sessions
from service.templating import page
from trajectory.machines import STATE_LABELS, STATES
from trajectory.store import queries

router = APIRouter(include_in_schema=False)


@router.get("/")
def vandaag(request: Request, sessions: Sessions, actor: ActorDep) -> Response:
    with sessions() as session:
        aantallen = queries.per_state(session, actor)
        ongelezen = queries.ongelezen(session, actor)
    groepen = [(STATE_LABELS[s], aantallen[s]) for s in STATES if aantallen.get(s)]
    return page(request, "vandaag/vandaag.html", {"groepen": groepen, "ongelezen": ongelezen})
