"""Import leerlingen from a CSV export of the administration: upload, preview, confirm.

The preview carries the file back in the form; the confirmation reads and checks it again from
scratch (nothing the browser sends is trusted as checked), and imports all rows in one
transaction or none. The import runs after the response; its page counts along and refreshes
itself (a meta refresh: no JavaScript).
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session, sessionmaker
from starlette.responses import Response

from service import importtaken
from service.deps import ClockDep, Sessions
from service.foutpagina import error_page
from service.foutsoorten import status_van
from service.pages import filterwaarden as f
from service.pages.toegang import ImporteurDep
from service.templating import page
from trajectory.domain.access import Actor
from trajectory.domain.clock import Clock
from trajectory.entrypoints.foutlog import exc_info
from trajectory.store import queries
from trajectory.usecases import importeren
from trajectory.usecases.fouten import FieldError, NotPermitted

router = APIRouter(include_in_schema=False)
ONDERBROKEN = (
    "Deze import is onderbroken: de server is herstart of gestopt terwijl hij liep. Er is "
    "dan niets opgeslagen (een import slaat alles of niets op). Kijk in het "
    "overzicht of de leerlingen er staan; zo niet, importeer het bestand opnieuw."
)
logger = logging.getLogger("stagetraject.import")


def _formulier(
    request: Request, sessions: Sessions, actor: Actor, fout: str = "", status_code: int = 200
) -> Response:
    with sessions() as session:
        begeleiders = queries.begeleiders(session) if actor.is_teamleider else []
    return page(
        request,
        "importeren/formulier.html",
        {"begeleiders": begeleiders, "fout": fout, "kolommen": importeren.KOLOMMEN},
        status_code=status_code,
    )


@router.get("/import")
def formulier(request: Request, sessions: Sessions, actor: ImporteurDep) -> Response:
    return _formulier(request, sessions, actor)


@router.post("/import")
async def voorbeeld(
    request: Request,
    sessions: Sessions,
    actor: ImporteurDep,
    clock: ClockDep,
    bestand: Annotated[UploadFile, File()],
    stagebegeleider: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    inhoud = await bestand.read(importeren.MAX_BYTES + 1)
    return _voorbeeld(request, sessions, actor, clock, inhoud, stagebegeleider)


def _voorbeeld(
    request: Request,
    sessions: Sessions,
    actor: Actor,
    clock: Clock,
    inhoud: bytes,
    stagebegeleider: str,
) -> Response:
    try:
        gelezen = importeren.bekijk(sessions, inhoud, actor=actor, clock=clock)
    except importeren.ImportFout as exc:
        return _formulier(request, sessions, actor, exc.bericht, status_code=status_van(exc))
    return page(
        request,
        "importeren/voorbeeld.html",
        {
            "voorbeeld": gelezen,
            "inhoud": base64.b64encode(inhoud).decode(),
            "stagebegeleider": stagebegeleider,
        },
        status_code=200 if gelezen.in_orde else 422,
    )


@router.post("/import/bevestigen")
def bevestigen(
    request: Request,
    sessions: Sessions,
    actor: ImporteurDep,
    clock: ClockDep,
    achtergrond: BackgroundTasks,
    inhoud: Annotated[str, Form(max_length=3 * importeren.MAX_BYTES)],
    stagebegeleider: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    try:
        ruw = base64.b64decode(inhoud, validate=True)
    except binascii.Error:
        return _formulier(
            request, sessions, actor, "Het bestand kwam niet goed mee; upload het opnieuw.", 422
        )
    fouten: dict[str, str] = {}
    begeleider = (
        f.getal(stagebegeleider, "stagebegeleider", fouten) if actor.is_teamleider else None
    )
    taak = importtaken.ImportTaak(
        gebruiker_id=actor.id,
        sessie=getattr(request.state, "csrf", ""),
        totaal=0,
        begonnen=clock.now(),
    )
    taken = importtaken.van_app(request.app.state)
    sleutel = taken.nieuw(taak)
    achtergrond.add_task(_importeer, sessions, ruw, actor, clock, begeleider, taken, sleutel)
    return RedirectResponse(f"/import/taak/{sleutel}", status_code=303)


def _importeer(
    sessions: sessionmaker[Session],
    inhoud: bytes,
    actor: Actor,
    clock: Clock,
    begeleider: int | None,
    taken: importtaken.ImportTaken,
    sleutel: str,
) -> None:
    taak = taken.lopend(sleutel)

    def voortgang(gedaan: int) -> None:
        taak.gedaan = gedaan
        taken.tussenstand(sleutel, taak)

    def totaal(aantal: int) -> None:
        taak.totaal = aantal
        taken.tussenstand(sleutel, taak, altijd=True)

    try:
        uitkomst = importeren.importeer(
            sessions,
            inhoud,
            actor=actor,
            clock=clock,
            stagebegeleider_id=begeleider,
            voortgang=voortgang,
            totaal=totaal,
        )
    except importeren.ImportFout as exc:
        taak.fouten = [exc.bericht]
    except FieldError as exc:
        taak.fouten = [f"Stagebegeleider: {exc.bericht}. Er is niets geïmporteerd."]
    except NotPermitted as exc:
        taak.fouten = [exc.bericht]
    except Exception as exc:  # rolled back; the user gets a message, the log the cause's type
        logger.error("import mislukt", exc_info=exc_info(exc))  # its text may hold names
        taak.fouten = ["Er ging iets mis bij het importeren. Er is niets geïmporteerd."]
    else:
        if isinstance(uitkomst, importeren.Voorbeeld):
            taak.fouten = [*uitkomst.fouten] + [
                f"Regel {r.regel}: {'; '.join(r.fouten)}." for r in uitkomst.foute_rijen
            ]
        else:
            taak.ids = uitkomst
    finally:
        taak.gedaan = len(taak.ids) if not taak.fouten else 0
        taken.afronden(sleutel, taak)


@router.get("/import/taak/{sleutel}")
def taak(request: Request, sleutel: str, actor: ImporteurDep) -> Response:
    taken = importtaken.van_app(request.app.state)
    gevonden = taken.van(sleutel, actor.id, getattr(request.state, "csrf", ""))
    if gevonden is not None and gevonden.onderbroken:
        return error_page(request, 404, ONDERBROKEN)
    if gevonden is None:
        raise HTTPException(404, "Deze import bestaat niet (meer).")
    return page(request, "importeren/taak.html", {"taak": gevonden})
