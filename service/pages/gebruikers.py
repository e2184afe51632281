"""Gebruikers: the teamleider's account administration (list, add, block, reset TOTP).

Each action writes a log line with account ids only. The audit trail (domain/auditketen.py)
records leerling events and has no kind for user administration, so these stay in the log.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, Sessions
from service.foutsoorten import status_van
from service.templating import page
from trajectory.domain.access import ROLLEN, Actor
from trajectory.domain.invoer import PadId
from trajectory.store import tables as t
from trajectory.usecases.users import UserError, add_user, reset_totp, set_active

router = APIRouter(include_in_schema=False)
log = logging.getLogger("stagetraject.gebruikersbeheer")
ACTIES = {
    "blokkeren": ("geblokkeerd", lambda s, g: set_active(s, g, False)),
    "deblokkeren": ("gedeblokkeerd", lambda s, g: set_active(s, g, True)),
    "totp-reset": ("tweestapsverificatie gewist", reset_totp),
}


def _alleen_teamleider(actor: Actor) -> None:
    if not actor.is_teamleider:
        raise HTTPException(403, "Alleen de teamleider beheert accounts.")


@router.get("/gebruikers")
def gebruikers(request: Request, sessions: Sessions, actor: ActorDep) -> Response:
    _alleen_teamleider(actor)
    return _pagina(request, sessions)


@router.post("/gebruikers")
def toevoegen(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    naam: Annotated[str, Form(max_length=200)] = "",
    email: Annotated[str, Form(max_length=254)] = "",
    rol: Annotated[str, Form(max_length=40)] = "",
    klas: Annotated[str, Form(max_length=20)] = "",
    wachtwoord: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    _alleen_teamleider(actor)
    try:
        nieuw = add_user(
            sessions,
            email=email,
            naam=naam,
            rol=rol,
            klas=klas.strip() or None,
            clock=clock,
            wachtwoord=wachtwoord,
        )
    except UserError as exc:
        ingevuld = {"naam": naam, "email": email, "rol": rol, "klas": klas}
        return _pagina(
            request, sessions, fout=exc.bericht, ingevuld=ingevuld, status=status_van(exc)
        )
    log.info("account %s aangemaakt (rol %s) door gebruiker %s", nieuw, rol, actor.id)
    return RedirectResponse("/gebruikers", status_code=303)


@router.post("/gebruikers/{gebruiker_id}/{actie}")
def beheren(gebruiker_id: PadId, actie: str, sessions: Sessions, actor: ActorDep) -> Response:
    _alleen_teamleider(actor)
    if actie not in ACTIES:
        raise HTTPException(404)
    if gebruiker_id == actor.id and actie == "blokkeren":
        raise HTTPException(403, "U kunt uw eigen account niet blokkeren.")
    verleden, doe = ACTIES[actie]
    with sessions.begin() as session:
        gebruiker = session.get(t.Gebruiker, gebruiker_id)
        if gebruiker is None:
            raise HTTPException(404)
        doe(session, gebruiker)
    log.info("account %s %s door gebruiker %s", gebruiker_id, verleden, actor.id)
    return RedirectResponse("/gebruikers", status_code=303)


def _pagina(
    request: Request,
    sessions: Sessions,
    *,
    fout: str = "",
    ingevuld: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    with sessions() as session:
        accounts = session.scalars(select(t.Gebruiker).order_by(t.Gebruiker.naam)).all()
        context = {
            "accounts": accounts,
            "rollen": ROLLEN,
            "fout": fout,
            "ingevuld": ingevuld or {},
        }
        return page(request, "gebruikers/gebruikers.html", context, status_code=status)
