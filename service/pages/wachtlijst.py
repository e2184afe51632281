"""Put a leerling on a full groepsstage dagdeel's waiting list (the form on the grid page)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from service.deps import ActorDep, ClockDep, Sessions
from service.foutsoorten import STATUS, status_van
from service.pages.overzicht import groepsstage_pagina
from trajectory.usecases import wachtlijst
from trajectory.usecases.fouten import GeenToegang, Ongeldig
from trajectory.usecases.geweigerd import Geweigerd

router = APIRouter(include_in_schema=False)


@router.post("/overzicht/groepsstage/wachtlijst")
def op_wachtlijst(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    leerling_id: Annotated[int, Form()],
    dagdeel: Annotated[str, Form(max_length=12)],
) -> Response:
    try:
        result = wachtlijst.zet_op_wachtlijst(
            sessions, leerling_id, dagdeel, actor=actor, clock=clock
        )
    except (GeenToegang, Ongeldig) as exc:  # not found: the error page, as for every leerling
        return groepsstage_pagina(request, sessions, actor, exc.bericht, status_van(exc))
    if isinstance(result, Geweigerd):
        fout = " ".join(result.redenen)
        return groepsstage_pagina(request, sessions, actor, fout, STATUS["geweigerd"])
    return RedirectResponse("/overzicht/groepsstage", status_code=303)
