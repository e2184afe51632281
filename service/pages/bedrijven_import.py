"""Import stagebedrijven from a CSV file (upload, preview, confirm) and download the register
as CSV (issue #17).

The preview carries the file back in the form; the confirmation reads and checks it again from
scratch (nothing the browser sends is trusted as checked) and registers every new company in
one transaction or none. A register is thousands of rows at most, so the import runs within
the request (the leerlingen import counts along in the background because each leerling also
plans its reminders).
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.responses import Response

from service.api.bedrijven import csv_antwoord
from service.deps import ActorDep, ClockDep, Sessions
from service.foutsoorten import status_van
from service.templating import page
from trajectory.domain.access import Actor
from trajectory.domain.bedrijven import BEDRIJFSSECTOREN
from trajectory.domain.invoer import MAX_TEKST
from trajectory.usecases import bedrijvenimport, bedrijvenlijst, importeren
from trajectory.usecases.fouten import FieldError

router = APIRouter(include_in_schema=False)


def beheerder(actor: ActorDep) -> Actor:
    bedrijvenimport.mag_importeren(actor)
    return actor


BeheerderDep = Annotated[Actor, Depends(beheerder)]
SJABLOON = "bedrijven/importeren.html"
INTUSSEN = (
    "{fout} Iemand heeft dit bedrijf na uw voorbeeld in het register gezet. Er is niets "
    "geïmporteerd; upload het bestand opnieuw voor een nieuw voorbeeld."
)


def _pagina(request: Request, status_code: int = 200, **context: object) -> Response:
    context = {
        "kolommen": bedrijvenimport.KOLOMMEN,
        "sectoren": BEDRIJFSSECTOREN,
        "max_rijen": importeren.MAX_RIJEN,
        "voorbeeld": None,
        "fout": "",
        "klaar": None,
        **context,
    }
    return page(request, SJABLOON, context, status_code=status_code)


@router.get("/bedrijven/importeren")
def formulier(request: Request, actor: BeheerderDep) -> Response:
    return _pagina(request)


@router.post("/bedrijven/importeren")
async def voorbeeld(
    request: Request,
    sessions: Sessions,
    actor: BeheerderDep,
    bestand: Annotated[UploadFile, File()],
) -> Response:
    inhoud = await bestand.read(importeren.MAX_BYTES + 1)
    try:
        gelezen = bedrijvenimport.bekijk(sessions, inhoud, actor=actor)
    except importeren.ImportFout as exc:
        return _pagina(request, status_van(exc), fout=exc.bericht)
    return _pagina(
        request,
        200 if gelezen.in_orde else 422,
        voorbeeld=gelezen,
        inhoud=base64.b64encode(inhoud).decode(),
    )


@router.post("/bedrijven/importeren/bevestigen")
def bevestigen(
    request: Request,
    sessions: Sessions,
    actor: BeheerderDep,
    clock: ClockDep,
    inhoud: Annotated[str, Form(max_length=3 * importeren.MAX_BYTES)],
) -> Response:
    try:
        ruw = base64.b64decode(inhoud, validate=True)
    except binascii.Error:
        return _pagina(request, 422, fout="Het bestand kwam niet goed mee; upload het opnieuw.")
    try:
        uitkomst = bedrijvenimport.importeer(sessions, ruw, actor=actor, clock=clock)
    except importeren.ImportFout as exc:
        return _pagina(request, status_van(exc), fout=exc.bericht)
    except FieldError as exc:  # registered by someone else since the preview: rolled back
        return _pagina(request, 409, fout=INTUSSEN.format(fout=exc.bericht[:MAX_TEKST]))
    if isinstance(uitkomst, bedrijvenimport.Voorbeeld):
        return _pagina(request, 422, voorbeeld=uitkomst, inhoud=inhoud)
    return _pagina(request, klaar=uitkomst)


@router.get("/bedrijven/export.csv")
def export(sessions: Sessions, actor: ActorDep) -> Response:
    """The whole register as CSV, in the import's columns (and status and places taken)."""
    return csv_antwoord(bedrijvenlijst.export_rijen(sessions, bedrijvenlijst.Filter(), actor=actor))
