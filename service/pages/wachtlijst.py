"""Put a leerling on a full groepsstage dagdeel's waiting list (the form on the grid page)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from service.deps import ActorDep, ClockDep, Sessions
from service.pages.overzicht import groepsstage_pagina
from service.templating import page
from trajectory.usecases import wachtlijst

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
        wachtlijst.zet_op_wachtlijst(sessions, leerling_id, dagdeel, actor=actor, clock=clock)
    except PermissionError as exc:
        return groepsstage_pagina(request, sessions, actor, str(exc), status_code=403)
    except LookupError:  # a leerling the user may not see: as if it does not exist
        return page(request, "leerling/niet_gevonden.html", status_code=404)
    except wachtlijst.WachtlijstFout as exc:
        return groepsstage_pagina(request, sessions, actor, str(exc), status_code=409)
    return RedirectResponse("/overzicht/groepsstage", status_code=303)
