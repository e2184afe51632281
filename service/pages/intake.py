"""Go-live intake (#16): one leerling by form, or a CSV export with a preview, each placed at
its current state by the teamleider (`usecases.intake`, `usecases.intake_import`).

As the leerlingen import: the preview carries the file back in the form, and the confirmation
reads and checks it again from scratch; all rows are taken in, or none.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, FormDep, Sessions
from service.foutsoorten import status_van
from service.pages.aangeboden_formulieren import Formulier
from service.pages.foutteksten import per_veld, plaats
from service.pages.leerlingpagina_laden import Ingevuld
from service.pages.velden import Veld, gegevens, velden, waarden
from service.templating import page
from trajectory.domain.access import Actor, may_take_in
from trajectory.domain.intake import IntakeIn
from trajectory.store import queries
from trajectory.usecases import intake, intake_import
from trajectory.usecases.fouten import FieldError, NotPermitted
from trajectory.usecases.importeren import MAX_BYTES, ImportFout

router = APIRouter(include_in_schema=False)
NIET_OPGESLAGEN = "De leerling is niet overgenomen. Kijk bij de velden wat er niet klopt."


def teamleider(actor: ActorDep) -> Actor:
    if not may_take_in(actor):
        raise NotPermitted(intake.ALLEEN_TEAMLEIDER)
    return actor


IntakerDep = Annotated[Actor, Depends(teamleider)]


def _formulier(sessions: Sessions) -> Formulier:
    """IntakeIn's fields; the stagebegeleider chosen by name."""
    with sessions() as session:
        keuzes = tuple((str(i), naam) for i, naam in queries.begeleiders(session))
    items = tuple(
        Veld(v.naam, "Stagebegeleider", "keuze", keuzes) if v.naam == "stagebegeleider_id" else v
        for v in velden(IntakeIn)
    )
    return Formulier("intake", "Eén leerling overnemen", "/intake", items, "Leerling overnemen")


def _pagina(
    request: Request,
    sessions: Sessions,
    ingevuld: Ingevuld | None = None,
    *,
    melding: str | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "formulier": _formulier(sessions),
        "ingevuld": ingevuld or Ingevuld(""),
        "melding": melding,
        "kolommen": intake_import.KOLOMMEN,
    }
    return page(request, "intake/intake.html", context, status_code=status_code)


@router.get("/intake")
def intake_pagina(request: Request, sessions: Sessions, actor: IntakerDep) -> Response:
    return _pagina(request, sessions)


@router.post("/intake")
def neem_op(
    request: Request, sessions: Sessions, actor: IntakerDep, clock: ClockDep, form: FormDep
) -> Response:
    formulier = _formulier(sessions)
    typed = waarden(formulier.velden, form)
    ingevuld = Ingevuld("intake", typed)
    try:
        leerling_id = intake.neem_op(
            sessions,
            IntakeIn.model_validate(gegevens(formulier.velden, typed)),
            actor=actor,
            clock=clock,
        )
    except ValidationError as exc:
        ingevuld.fouten = plaats(per_veld(exc), formulier.namen)
        return _pagina(request, sessions, ingevuld, melding=NIET_OPGESLAGEN, status_code=422)
    except FieldError as exc:
        ingevuld.fouten = {exc.veld or "": [exc.bericht]}
        return _pagina(
            request, sessions, ingevuld, melding=NIET_OPGESLAGEN, status_code=status_van(exc)
        )
    return RedirectResponse(f"/leerlingen/{leerling_id}?gelukt=intake", status_code=303)


def _voorbeeld(
    request: Request, voorbeeld: intake_import.Voorbeeld, inhoud: bytes, ids: Sequence[int] = ()
) -> Response:
    context = {"voorbeeld": voorbeeld, "inhoud": base64.b64encode(inhoud).decode(), "ids": ids}
    klaar = voorbeeld.in_orde or bool(ids)
    return page(request, "intake/voorbeeld.html", context, status_code=200 if klaar else 422)


@router.post("/intake/import")
async def csv_voorbeeld(
    request: Request,
    sessions: Sessions,
    actor: IntakerDep,
    clock: ClockDep,
    bestand: Annotated[UploadFile, File()],
) -> Response:
    inhoud = await bestand.read(MAX_BYTES + 1)
    try:
        voorbeeld = intake_import.bekijk(sessions, inhoud, actor=actor, clock=clock)
    except ImportFout as exc:
        return _pagina(request, sessions, melding=exc.bericht, status_code=status_van(exc))
    return _voorbeeld(request, voorbeeld, inhoud)


@router.post("/intake/import/bevestigen")
def csv_bevestigen(
    request: Request,
    sessions: Sessions,
    actor: IntakerDep,
    clock: ClockDep,
    inhoud: Annotated[str, Form(max_length=3 * MAX_BYTES)],
) -> Response:
    try:
        ruw = base64.b64decode(inhoud, validate=True)
        uitkomst = intake_import.importeer(sessions, ruw, actor=actor, clock=clock)
    except binascii.Error:
        melding = "Het bestand kwam niet goed mee; upload het opnieuw."
        return _pagina(request, sessions, melding=melding, status_code=422)
    except ImportFout as exc:
        return _pagina(request, sessions, melding=exc.bericht, status_code=status_van(exc))
    if isinstance(uitkomst, intake_import.Voorbeeld):
        return _voorbeeld(request, uitkomst, ruw)
    return _voorbeeld(request, intake_import.Voorbeeld(), ruw, uitkomst)
