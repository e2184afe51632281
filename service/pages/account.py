"""Mijn account: my notification preference, my calendar feed, my password, my API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from service.auth import pogingen, sessies
from service.deps import ActorDep, ClockDep, Sessions
from service.foutsoorten import status_van
from service.pages.inloggen import set_session_cookie
from service.templating import page
from trajectory.domain.access import Actor
from trajectory.domain.geheimen import Sleutels
from trajectory.domain.invoer import PadId
from trajectory.store import tables as t
from trajectory.usecases import apitokens
from trajectory.usecases.users import (
    VOORKEUREN,
    HuidigWachtwoordFout,
    UserError,
    change_password,
    new_agenda_token,
    set_meldingen_voorkeur,
)

router = APIRouter(include_in_schema=False)
GELUKT = {
    "meldingen": "Uw voorkeur voor meldingen is opgeslagen.",
    "wachtwoord": "Uw wachtwoord is gewijzigd; andere sessies en uw API-tokens zijn beëindigd.",
    "token": "Het API-token is ingetrokken; het werkt niet meer.",
}


def _pagina(
    request: Request, sessions: Sessions, actor: Actor, status_code: int = 200, **extra: object
) -> Response:
    now = request.app.state.clock.now()
    with sessions() as session:
        gebruiker = session.get(t.Gebruiker, actor.id)
        context = {
            "voorkeur": gebruiker.meldingen_voorkeur if gebruiker else "direct",
            "heeft_agenda": bool(gebruiker and gebruiker.agenda_token_hash),
            "voorkeuren": VOORKEUREN,
            "api_tokens": apitokens.lijst(session, actor.gebruiker_id, now),
            **extra,
        }
    return page(request, "account/account.html", context, status_code=status_code)


@router.get("/account")
def account(
    request: Request, sessions: Sessions, actor: ActorDep, gelukt: str | None = None
) -> Response:
    return _pagina(request, sessions, actor, gelukt=GELUKT.get(gelukt or ""))


@router.post("/account/meldingen")
def meldingen(
    sessions: Sessions, actor: ActorDep, voorkeur: Annotated[str, Form(max_length=20)] = ""
) -> Response:
    with sessions.begin() as session:
        set_meldingen_voorkeur(session, actor.gebruiker_id, voorkeur)
    return RedirectResponse("/account?gelukt=meldingen", status_code=303)


@router.post("/account/agenda")
def agenda(request: Request, sessions: Sessions, actor: ActorDep) -> Response:
    """A new secret feed address, shown once on this page (never in a redirect's URL)."""
    with sessions() as session:
        email = session.get_one(t.Gebruiker, actor.gebruiker_id).email
    token = new_agenda_token(sessions, email)
    adres = f"{str(request.base_url).rstrip('/')}/agenda/{token}.ics"
    return _pagina(request, sessions, actor, agenda_adres=adres)


@router.post("/account/api-tokens/{token_id}/intrekken")
def token_intrekken(token_id: PadId, sessions: Sessions, actor: ActorDep) -> Response:
    """Revoke one of my own tokens; another account's token is not found."""
    with sessions.begin() as session:
        if not apitokens.intrekken(session, actor.gebruiker_id, token_id, door=str(actor.id)):
            raise HTTPException(404, "Dit API-token bestaat niet (meer).")
    return RedirectResponse("/account?gelukt=token", status_code=303)


@router.post("/account/wachtwoord")
def wachtwoord(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    huidig: Annotated[str, Form(max_length=1024)] = "",
    nieuw: Annotated[str, Form(max_length=1024)] = "",
    herhaal: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    if nieuw != herhaal:
        fout = "De twee nieuwe wachtwoorden zijn niet gelijk."
        return _pagina(request, sessions, actor, status_code=422, wachtwoord_fout=fout)
    with sessions.begin() as session:
        uitkomst = _wijzig(
            session, request.app.state.sleutels, actor.gebruiker_id, huidig, nieuw, clock.now()
        )
    if not isinstance(uitkomst, str):
        status, fout = uitkomst
        return _pagina(request, sessions, actor, status_code=status, wachtwoord_fout=fout)
    response = RedirectResponse("/account?gelukt=wachtwoord", status_code=303)
    set_session_cookie(request, response, uitkomst)
    return response


def _wijzig(
    session: Session, sleutels: Sleutels, gebruiker_id: int, huidig: str, nieuw: str, now: datetime
) -> str | tuple[int, str]:
    """The new session's token, or the status and message of a refusal. A wrong current
    password is a failed attempt (pogingen.WACHTWOORD, per account): recorded, not rolled back,
    and after five the page waits before it checks again (argon2 is the cost to guard)."""
    wacht = pogingen.wachttijd(session, sleutels, pogingen.WACHTWOORD, str(gebruiker_id), now)
    if wacht is not None:
        return 429, pogingen.melding(wacht)
    try:
        change_password(session, gebruiker_id, huidig, nieuw)  # writes only once all is well
    except HuidigWachtwoordFout as exc:
        pogingen.noteer(session, sleutels, pogingen.WACHTWOORD, str(gebruiker_id), now)
        return status_van(exc), exc.bericht
    except UserError as exc:
        return status_van(exc), exc.bericht
    pogingen.wis(session, sleutels, pogingen.WACHTWOORD, str(gebruiker_id))
    return sessies.start(session, gebruiker_id, now)
