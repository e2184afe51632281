"""Finding a leerling: the visible leerlingen, or those whose name matches a search term.

The term is posted (never in the URL, so never in a log or the browser history).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from service.deps import ActorDep, Sessions
from service.templating import page
from trajectory.machines import STATE_LABELS
from trajectory.store import queries

router = APIRouter(include_in_schema=False)
PER_PAGINA = 50


def _lijst(request: Request, sessions: Sessions, actor: ActorDep, zoek: str) -> Response:
    with sessions() as session:
        rows, totaal = queries.list_leerlingen(
            session, actor, queries.Filter(zoek=zoek or None), page=1, per_page=PER_PAGINA
        )
        leerlingen = [
            {
                "id": r.id,
                "naam": r.naam,
                "klas": r.klas,
                "leerjaar": r.leerjaar,
                "toestand": STATE_LABELS[r.state],
            }
            for r in rows
        ]
    context = {"leerlingen": leerlingen, "totaal": totaal, "zoek": zoek, "per_pagina": PER_PAGINA}
    return page(request, "zoeken/zoeken.html", context)


@router.get("/leerlingen")
def leerlingen(request: Request, sessions: Sessions, actor: ActorDep) -> Response:
    return _lijst(request, sessions, actor, "")


@router.post("/leerlingen")
def zoeken(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    zoek: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    return _lijst(request, sessions, actor, zoek.strip())
